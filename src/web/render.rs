//! Rendering helpers shared by pages.

use actix_web::http::{header, StatusCode};
use actix_web::HttpResponse;
use askama::Template;

use crate::web::middleware::OwnErrorPage;

/// A `303 See Other` to `location`: where every change sends the browser next.
pub fn see_other(location: impl AsRef<str>) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location.as_ref()))
        .finish()
}

/// Renders a page that must never be cached (it shows a parent's text or code).
pub fn render_private(template: &impl Template, status: StatusCode) -> HttpResponse {
    match template.render() {
        Ok(html) => {
            let mut response = HttpResponse::build(status)
                .content_type("text/html; charset=utf-8")
                .insert_header((header::CACHE_CONTROL, "no-store"))
                .body(html);
            if status.is_client_error() {
                response.extensions_mut().insert(OwnErrorPage);
            }
            response
        }
        Err(error) => {
            tracing::error!(%error, "template failed");
            HttpResponse::InternalServerError().finish()
        }
    }
}
