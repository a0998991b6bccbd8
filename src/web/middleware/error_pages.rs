use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::middleware::Next;
use actix_web::{Error, HttpRequest, HttpResponse};

use crate::error::ErrorCode;
use crate::lang::Lang;
use crate::web::pages::error_page;

/// Marks an error response whose body a handler rendered itself (a form shown again with
/// messages next to the fields), so the middleware leaves it alone.
#[derive(Clone, Copy, Debug)]
pub struct OwnErrorPage;

/// Replaces the body of every 4xx and 5xx response with a page (or, under `/api/`, JSON)
/// in the visitor's language.
///
/// actix-web's own error bodies (a form that does not parse, an unknown route) can quote
/// what the visitor sent; replacing every error body means no such text is ever shown or
/// cached, and every error looks and reads the same.
pub async fn error_pages(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    Ok(replace_error_body(next.call(req).await?))
}

/// `response`, or for a 4xx or 5xx the error page in its place (see `error_pages`).
pub fn replace_error_body<B>(response: ServiceResponse<B>) -> ServiceResponse<EitherBody<B>> {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error())
        || response.response().extensions().contains::<OwnErrorPage>()
    {
        return response.map_into_left_body();
    }
    let code = response
        .response()
        .extensions()
        .get::<ErrorCode>()
        .copied()
        .unwrap_or_else(|| ErrorCode::from_status(status));
    let message_key = response
        .response()
        .extensions()
        .get::<crate::error::MessageKey>()
        .map(|key| format!("error.query.{}", key.0))
        .unwrap_or_else(|| format!("error.{}.message", code.key()));
    let allow = response.headers().get(header::ALLOW).cloned();
    let retry_after = response.headers().get(header::RETRY_AFTER).cloned();
    let mut replacement = error_response(response.request(), status, code, &message_key);
    if let Some(allow) = allow {
        replacement.headers_mut().insert(header::ALLOW, allow);
    }
    if let Some(retry_after) = retry_after {
        replacement
            .headers_mut()
            .insert(header::RETRY_AFTER, retry_after);
    }
    let (request, _) = response.into_parts();
    ServiceResponse::new(request, replacement).map_into_right_body()
}

/// The error page for `code` (or, under `/api/`, JSON) in the language of `request`, with
/// `message_key`'s text: what every 4xx and 5xx answer carries.
pub fn error_response(
    request: &HttpRequest,
    status: StatusCode,
    code: ErrorCode,
    message_key: &str,
) -> HttpResponse {
    let path = request.path();
    let lang = lang_for(path, request.headers().get(header::ACCEPT_LANGUAGE));
    let mut builder = HttpResponse::build(status);
    // oEmbed consumers are programs too: its errors are JSON like the API's.
    let is_api = path.starts_with("/api/") || path == "/oembed";
    let mut replacement = if is_api {
        builder.json(serde_json::json!({
            "error": {
                "code": code.key(),
                "message": rust_i18n::t!(message_key, locale = lang.code()),
            }
        }))
    } else {
        builder
            .content_type("text/html; charset=utf-8")
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .body(error_page::render(lang, code, message_key))
    };
    if is_api {
        // API errors are readable from any origin too, so a campaign site sees the message.
        replacement.headers_mut().insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            header::HeaderValue::from_static("*"),
        );
    }
    replacement
}

/// The page's language: the one in the path when there is one, else the browser's.
fn lang_for(path: &str, accept_language: Option<&header::HeaderValue>) -> Lang {
    let first_segment = path.trim_start_matches('/').split('/').next().unwrap_or("");
    Lang::parse(first_segment).unwrap_or_else(|| {
        crate::lang::negotiate(accept_language.and_then(|value| value.to_str().ok()))
    })
}
