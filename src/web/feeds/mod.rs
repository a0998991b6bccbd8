//! Atom (`/feed.atom`) and JSON Feed 1.1 (`/feed.json`) of the newest published stories,
//! per language and theme with `?lang=` and `?theme=`.

mod atom;
mod json_feed;

use actix_web::web::ServiceConfig;
use actix_web::{HttpRequest, HttpResponse};

use crate::error::AppError;
use crate::lang::Lang;
use crate::publishing::PublicStory;
use crate::state::AppState;
use crate::web::api::stories::ListParameters;
use crate::web::api::{api_resource, cached, Query};
use crate::web::pages::story::StoryPaths;

/// Entries in a feed: readers poll, they do not page.
pub const FEED_ENTRIES: usize = 50;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(api_resource("/feed.atom", atom::atom_feed))
        .service(api_resource("/feed.json", json_feed::json_feed));
}

/// A month of publication (`YYYY-MM`) as the RFC 3339 time feeds require: its first day.
pub fn month_start(month: &str) -> String {
    format!("{month}-01T00:00:00Z")
}

/// The feed's own address with its filters, for `self` links and ids.
pub fn feed_url(
    public_url: &str,
    file: &str,
    lang: Option<crate::lang::Lang>,
    theme: Option<&str>,
) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    if let Some(lang) = lang {
        query.append_pair("lang", lang.code());
    }
    if let Some(theme) = theme {
        query.append_pair("theme", theme);
    }
    let query = query.finish();
    if query.is_empty() {
        format!("{public_url}/{file}")
    } else {
        format!("{public_url}/{file}?{query}")
    }
}

/// What a feed is made of: its newest stories and its addresses.
pub struct FeedInput<'a> {
    pub stories: Vec<&'a PublicStory>,
    pub lang: Lang,
    pub public_url: &'a str,
    /// The feed itself, with its filters.
    pub self_url: String,
    /// Where people share their own story.
    pub home_url: String,
}

/// Serves the feed `file`: the filters are checked, and the body is rendered by `render`
/// once per catalogue and filter combination.
pub fn serve(
    req: &HttpRequest,
    state: &AppState,
    file: &str,
    content_type: &str,
    render: fn(&FeedInput) -> String,
) -> Result<HttpResponse, AppError> {
    let catalog = state.publisher.catalog();
    let query = Query::of(req);
    let params = ListParameters::parse(&query, &catalog, FEED_ENTRIES)?;
    let rendered = catalog.rendered(&query.key(file, &["lang", "theme"]), || {
        let lang = params.lang.unwrap_or_default();
        let public_url = state.config.public_url.as_str();
        let input = FeedInput {
            stories: catalog
                .page(params.lang, params.theme.as_deref(), None, FEED_ENTRIES)
                .stories,
            lang,
            public_url,
            self_url: feed_url(public_url, file, params.lang, params.theme.as_deref()),
            home_url: format!("{public_url}{}", StoryPaths::of(lang).form),
        };
        Ok::<_, AppError>(render(&input))
    })?;
    Ok(cached(
        req,
        content_type,
        rendered.body.clone(),
        &rendered.etag,
    ))
}
