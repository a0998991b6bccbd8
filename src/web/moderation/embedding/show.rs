use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use crate::error::AppError;
use crate::state::AppState;
use crate::web::moderation::session::SignedIn;
use crate::web::moderation::ModerationChrome;
use crate::web::render::render_private;

#[derive(Template)]
#[template(path = "moderation/embedding.html")]
struct SnippetsPage {
    chrome: ModerationChrome,
    iframe: String,
    script: String,
    feeds: Vec<String>,
    api: String,
    themes: Vec<(String, String)>,
}

/// `/moderation/embed`: the iframe and script snippets and the feed addresses, filled in
/// with this installation's public address, ready to copy.
pub async fn show_snippets(
    req: HttpRequest,
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    signed_in.require_admin()?;
    let base = &state.config.public_url;
    let catalog = state.publisher.catalog();
    let page = SnippetsPage {
        chrome: ModerationChrome::new(&req, Some(&signed_in)),
        iframe: crate::web::embed::iframe_snippet(base),
        script: format!(
            "<script src=\"{base}/embed.js\" data-lang=\"nl\" data-theme=\"\" data-count=\"5\" async></script>"
        ),
        feeds: vec![
            format!("{base}/feed.atom?lang=nl"),
            format!("{base}/feed.json?lang=nl"),
        ],
        api: format!("{base}/api/v1/openapi.json"),
        themes: catalog
            .themes()
            .iter()
            .map(|t| (t.slug.clone(), t.label_nl.clone()))
            .collect(),
    };
    Ok(render_private(&page, StatusCode::OK))
}
