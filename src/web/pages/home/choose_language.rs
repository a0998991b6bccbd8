use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};

use crate::lang;

/// Sends the visitor to the home page in the language their browser prefers (Dutch when
/// it names neither). A redirect, not content, so `/nl/` and `/en/` stay cacheable.
pub async fn choose_language(req: HttpRequest) -> HttpResponse {
    let accept = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok());
    let lang = lang::negotiate(accept);
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, format!("/{}/", lang.code())))
        .insert_header((header::VARY, "Accept-Language"))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .finish()
}
