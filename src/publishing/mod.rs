//! What campaigners read: an in-memory catalogue of published stories with their JSON
//! already serialised, so the read path (API, feeds, embeds) never touches the database.
//!
//! Every instance polls a cheap fingerprint of the published set every
//! `REFRESH_EVERY` and rebuilds its catalogue when it changed, so a story approved on one
//! instance is served by every other within that time (a short poll rather than
//! LISTEN/NOTIFY: it works the same on SQLite and PostgreSQL, needs no extra connection,
//! and two seconds of delay is invisible next to the CDN's minute of caching). An
//! instance that approves or withdraws a story refreshes at once.

mod catalog;
mod cursor;
pub mod display;
pub mod encoding;
pub mod invented_names;

pub use catalog::{etag_of, Catalog, PublicStory, PublicTheme, StoryPage};
pub use cursor::{Cursor, CURSOR_PATTERN, PUBLIC_ID_CHARS};
pub use encoding::RenderedBody;

use std::sync::{Arc, RwLock};
use std::time::Duration;

use crate::db::{self, published, DbPool};
use crate::error::AppError;
use crate::lang::Lang;

pub const REFRESH_EVERY: Duration = Duration::from_secs(2);

/// Where the story pages of a language live: the list, and `/{id}` under it. Plural, so
/// they never meet the questionnaire (`/nl/verhaal`, `/en/story`).
pub fn stories_path(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "/nl/verhalen",
        Lang::En => "/en/stories",
    }
}

/// The page of story `id`, in the story's own language (`lang_code`, Dutch if unknown).
pub fn story_url(public_url: &str, lang_code: &str, id: &str) -> String {
    let lang = Lang::parse(lang_code).unwrap_or_default();
    format!("{public_url}{}/{id}", stories_path(lang))
}

/// Renders (and compresses) the bodies of a new catalogue that every client asks for,
/// before it is served.
pub type WarmUp = Arc<dyn Fn(&Catalog) + Send + Sync>;

/// Holds the current catalogue; cheap to read from every request.
pub struct Publisher {
    current: RwLock<Arc<Catalog>>,
    fingerprint: RwLock<Option<published::Fingerprint>>,
    /// `KANARIE_PUBLIC_URL`, for the stories' `url`.
    public_url: String,
    warm_up: Option<WarmUp>,
}

impl Publisher {
    /// An empty publisher whose stories' URLs start with `public_url`.
    pub fn new(public_url: &str) -> Publisher {
        Publisher {
            current: RwLock::new(Arc::new(Catalog::empty())),
            fingerprint: RwLock::new(None),
            public_url: public_url.to_owned(),
            warm_up: None,
        }
    }

    /// The same, and each new catalogue is warmed up by `warm_up` (on the thread that
    /// builds it, off the async workers) before it replaces the current one.
    pub fn with_warm_up(public_url: &str, warm_up: WarmUp) -> Publisher {
        Publisher {
            warm_up: Some(warm_up),
            ..Publisher::new(public_url)
        }
    }

    pub fn catalog(&self) -> Arc<Catalog> {
        self.current
            .read()
            .map(|c| Arc::clone(&c))
            .unwrap_or_else(|poisoned| Arc::clone(&poisoned.into_inner()))
    }

    /// Rebuilds the catalogue if the published set changed since the last build.
    pub async fn refresh(&self, pool: &DbPool) -> Result<bool, AppError> {
        let known = self.fingerprint.read().ok().and_then(|f| *f);
        let rebuilt = db::run(pool, move |conn| {
            let now = published::fingerprint(conn)?;
            if known == Some(now) {
                return Ok(None);
            }
            let stories = published::load_all(conn)?;
            let themes = published::themes(conn)?;
            Ok(Some((now, stories, themes)))
        })
        .await?;
        let Some((fingerprint, stories, themes)) = rebuilt else {
            return Ok(false);
        };
        // Serialising 100,000 stories takes a while, and so does compressing the bodies
        // every client asks for: off the async workers.
        let public_url = self.public_url.clone();
        let warm_up = self.warm_up.clone();
        let catalog = actix_web::web::block(move || {
            let catalog = Catalog::build(stories, themes, &public_url);
            if let Some(warm_up) = warm_up {
                warm_up(&catalog);
            }
            catalog
        })
        .await
        .map_err(AppError::blocking)?;
        if let Ok(mut current) = self.current.write() {
            *current = Arc::new(catalog);
        }
        if let Ok(mut known) = self.fingerprint.write() {
            *known = Some(fingerprint);
        }
        Ok(true)
    }
}

/// Keeps `publisher` current: a refresh now, then one every `REFRESH_EVERY`.
pub fn spawn_refresher(publisher: Arc<Publisher>, pool: DbPool) {
    actix_web::rt::spawn(async move {
        let mut interval = actix_web::rt::time::interval(REFRESH_EVERY);
        loop {
            interval.tick().await;
            if let Err(error) = publisher.refresh(&pool).await {
                tracing::warn!(error = %crate::error::Chain(&error), "published stories not refreshed");
            }
        }
    });
}
