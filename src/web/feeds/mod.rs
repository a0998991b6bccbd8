//! Atom (`/feed.atom`) and JSON Feed 1.1 (`/feed.json`) of the newest published stories,
//! per language and theme with `?lang=` and `?theme=`.

mod atom;
mod json_feed;

use actix_web::web::ServiceConfig;

use crate::web::api::api_resource;

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
