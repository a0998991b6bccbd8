use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use crate::db::published::{self, PublishedFilter};
use crate::db::review;
use crate::error::AppError;
use crate::lang::Lang;
use crate::state::AppState;
use crate::web::moderation::queue::excerpt;
use crate::web::moderation::session::SignedIn;
use crate::web::moderation::story::TAKE_DOWN_REASONS;
use crate::web::moderation::ModerationChrome;
use crate::web::render::render_private;

/// Stories listed at most; search or filter to find older ones.
const LIMIT: i64 = 200;

pub struct PublishedItem {
    pub public_id: String,
    pub title: String,
    pub lang: String,
    pub month: String,
    pub excerpt: String,
    pub themes: String,
}

#[derive(Template)]
#[template(path = "moderation/published.html")]
struct PublishedPage {
    chrome: ModerationChrome,
    items: Vec<PublishedItem>,
    search: String,
    lang: String,
    theme: String,
    /// (slug, label) of every theme, for the filter.
    themes: Vec<(String, String)>,
    reasons: Vec<(&'static str, String)>,
    limit: i64,
    notice: Option<String>,
}

#[derive(serde::Deserialize)]
pub struct PublishedQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    theme: String,
}

/// Published stories, newest approval first, searchable in title and text and filtered
/// by theme and language, each with a take-down form.
pub async fn show_published(
    req: HttpRequest,
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<PublishedQuery>,
) -> Result<HttpResponse, AppError> {
    let PublishedQuery { q, lang, theme } = query.into_inner();
    let search: String = q.trim().chars().take(200).collect();
    let lang = Lang::parse(lang.trim())
        .map(|l| l.code().to_owned())
        .unwrap_or_default();
    let theme = theme.trim().to_owned();
    let (filter_search, filter_lang, filter_theme) = (search.clone(), lang.clone(), theme.clone());
    let (rows, themes) = crate::db::run(&state.pool, move |conn| {
        let themes = review::themes(conn)?;
        let theme_id = match filter_theme.as_str() {
            "" => None,
            slug => match themes.iter().find(|t| t.slug == slug) {
                Some(t) => Some(t.id),
                // A theme that does not exist has no stories.
                None => return Ok((Vec::new(), themes)),
            },
        };
        let filter = PublishedFilter {
            search: filter_search,
            lang: Some(filter_lang).filter(|l| !l.is_empty()),
            theme_id,
        };
        Ok((published::for_moderators(conn, &filter, LIMIT)?, themes))
    })
    .await?;
    let chrome = ModerationChrome::new(&req, Some(&signed_in));
    let label = |t: &review::Theme| {
        if chrome.lang == Lang::En {
            t.label_en.clone()
        } else {
            t.label_nl.clone()
        }
    };
    let items = rows
        .into_iter()
        .map(|(row, theme_ids)| PublishedItem {
            excerpt: excerpt(row.story_text.as_str()),
            title: row.title.map(|t| t.as_str().to_owned()).unwrap_or_default(),
            public_id: row.public_id,
            lang: row.lang,
            month: row.published_month.unwrap_or_default(),
            themes: themes
                .iter()
                .filter(|t| theme_ids.contains(&t.id))
                .map(label)
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect();
    let theme_options = themes.iter().map(|t| (t.slug.clone(), label(t))).collect();
    let reasons = TAKE_DOWN_REASONS
        .iter()
        .map(|r| (*r, chrome.t(&format!("mod.take_down.{r}"))))
        .collect();
    let notice = crate::web::moderation::story::done_notice(&req, &chrome);
    Ok(render_private(
        &PublishedPage {
            items,
            search,
            lang,
            theme,
            themes: theme_options,
            reasons,
            limit: LIMIT,
            notice,
            chrome,
        },
        StatusCode::OK,
    ))
}
