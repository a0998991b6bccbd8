//! Atom (`/feed.atom`) and JSON Feed 1.1 (`/feed.json`) of the newest published stories,
//! per language and theme with `?lang=` and `?theme=`.

mod atom;
mod json_feed;

use actix_web::web::ServiceConfig;
use actix_web::{HttpRequest, HttpResponse};

use crate::error::AppError;
use crate::lang::Lang;
use std::sync::Arc;

use crate::publishing::{Catalog, PublicStory, RenderedBody};
use crate::state::AppState;
use crate::web::api::stories::ListParameters;
use crate::web::api::{api_resource, cached_body, Query};
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

/// A feed: its file name, content type and renderer.
pub struct Feed {
    pub file: &'static str,
    pub content_type: &'static str,
    pub render: fn(&FeedInput) -> String,
}

pub const ATOM: Feed = Feed {
    file: "feed.atom",
    content_type: "application/atom+xml; charset=utf-8",
    render: atom::render,
};

pub const JSON_FEED: Feed = Feed {
    file: "feed.json",
    content_type: "application/feed+json; charset=utf-8",
    render: json_feed::render,
};

/// Serves `feed`: the filters are checked, and the body is rendered (and compressed)
/// once per catalogue and filter combination.
pub fn serve(req: &HttpRequest, state: &AppState, feed: &Feed) -> Result<HttpResponse, AppError> {
    let catalog = state.publisher.catalog();
    let params = ListParameters::parse(&Query::of(req), &catalog, FEED_ENTRIES)?;
    let rendered = body(&catalog, &state.config.public_url, feed, &params)?;
    Ok(cached_body(req, feed.content_type, &rendered))
}

/// The body of `feed` with the filters `params`, from `catalog`'s memo.
pub fn body(
    catalog: &Catalog,
    public_url: &str,
    feed: &Feed,
    params: &ListParameters,
) -> Result<Arc<RenderedBody>, AppError> {
    let key = format!(
        "{}|{}|{}",
        feed.file,
        params.lang.map_or("", Lang::code),
        params.theme.as_deref().unwrap_or("")
    );
    catalog.rendered(&key, || {
        let lang = params.lang.unwrap_or_default();
        let file = feed.file;
        let input = FeedInput {
            stories: catalog
                .page(params.lang, params.theme.as_deref(), None, FEED_ENTRIES)
                .stories,
            lang,
            public_url,
            self_url: feed_url(public_url, file, params.lang, params.theme.as_deref()),
            home_url: format!("{public_url}{}", StoryPaths::of(lang).form),
        };
        Ok((feed.render)(&input))
    })
}
