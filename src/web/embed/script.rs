use actix_web::http::header;
use actix_web::HttpResponse;

const SCRIPT: &str = include_str!("../../../static/embed.js");

/// `GET /embed.js`: the widget script. It reads its settings from its own `data-`
/// attributes, asks only kanarie's API (no cookies: `credentials: "omit"`), inserts text
/// only as text (`textContent`, never HTML) into a shadow root, so the host page's styles
/// and scripts and the widget's stay apart.
pub async fn embed_script() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"))
        .insert_header(("Cross-Origin-Resource-Policy", "cross-origin"))
        .body(SCRIPT)
}
