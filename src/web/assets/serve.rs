use actix_web::http::header;
use actix_web::{web, HttpResponse};

use crate::error::AppError;

/// Every file under `static/`, with its content type.
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "kanarie.css",
        "text/css; charset=utf-8",
        include_bytes!("../../../static/kanarie.css"),
    ),
    (
        "embed.css",
        "text/css; charset=utf-8",
        include_bytes!("../../../static/embed.css"),
    ),
    (
        "embed-stats.css",
        "text/css; charset=utf-8",
        include_bytes!("../../../static/embed-stats.css"),
    ),
    (
        "embed-widget.css",
        "text/css; charset=utf-8",
        include_bytes!("../../../static/embed-widget.css"),
    ),
    (
        "moderation-idle.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../../static/moderation-idle.js"),
    ),
    (
        "embed-frame.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../../static/embed-frame.js"),
    ),
    (
        "embed-resize.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../../static/embed-resize.js"),
    ),
    (
        "questionnaire.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../../static/questionnaire.js"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../../../static/favicon.svg"),
    ),
];

pub async fn serve_asset(file: web::Path<String>) -> Result<HttpResponse, AppError> {
    let (_, content_type, bytes) = ASSETS
        .iter()
        .find(|(name, _, _)| *name == file.as_str())
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type(*content_type)
        // The widget's stylesheet is loaded by other sites' pages.
        .insert_header(("Cross-Origin-Resource-Policy", "cross-origin"))
        .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(*bytes))
}
