//! The read-only JSON API, version 1: approved stories, themes and statistics, open to
//! every origin without credentials, cacheable by a CDN for a minute, with strong ETags.

mod openapi;
pub mod stats;
mod stats_csv;
pub mod stories;
mod themes;

use std::borrow::Cow;

use actix_web::http::header::{self, HeaderValue};
use actix_web::web::Bytes;
use actix_web::{web, HttpRequest, HttpResponse, Resource};

use crate::publishing::encoding::{select_made, Encoding, Representation};
use crate::publishing::RenderedBody;
use crate::state::AppState;
use crate::web::routing::method_not_allowed;

/// How long browsers and CDNs may reuse an answer.
pub const CACHE_CONTROL: &str = "public, max-age=60";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(api_resource("/api/v1/stories", stories::list_stories))
        .service(api_resource("/api/v1/stories/{id}", stories::show_story))
        .service(api_resource("/api/v1/themes", themes::list_themes))
        .service(api_resource("/api/v1/stats", stats::stats))
        .service(api_resource("/api/v1/stats.csv", stats_csv::stats_csv))
        .service(api_resource("/api/v1/openapi.json", openapi::openapi));
}

/// GET and HEAD reach `handler`; OPTIONS answers a CORS preflight; anything else is 405.
pub fn api_resource<F, Args>(path: &str, handler: F) -> Resource
where
    F: actix_web::Handler<Args> + Clone,
    Args: actix_web::FromRequest + 'static,
    F::Output: actix_web::Responder + 'static,
{
    web::resource(path)
        .route(web::get().to(handler.clone()))
        .route(web::head().to(handler))
        .route(web::method(actix_web::http::Method::OPTIONS).to(preflight))
        .default_service(web::to(|| async {
            method_not_allowed("GET, HEAD, OPTIONS")
        }))
}

async fn preflight() -> HttpResponse {
    HttpResponse::NoContent()
        .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"))
        .insert_header((header::ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD, OPTIONS"))
        .insert_header((header::ACCESS_CONTROL_ALLOW_HEADERS, "If-None-Match"))
        .insert_header((header::ACCESS_CONTROL_MAX_AGE, "86400"))
        .insert_header((header::ALLOW, "GET, HEAD, OPTIONS"))
        .finish()
}

/// A body rendered once (see `publishing::RenderedBody`): `304 Not Modified` when the
/// client has this version already; Brotli or gzip when the client accepts it, each with
/// its own ETag, from the forms kept with the body.
pub fn cached_body(
    req: &HttpRequest,
    content_type: &'static str,
    rendered: &RenderedBody,
) -> HttpResponse {
    let (form, encoding) = rendered.select(accepted_encoding(req));
    respond(req, content_type, form, encoding)
}

/// A body made for this request, tagged `etag`: answered as `cached_body` does, its
/// compressed forms kept per catalogue version (see `publishing::encoding`).
pub fn cached(
    req: &HttpRequest,
    content_type: &'static str,
    body: impl Into<Bytes>,
    etag: &str,
) -> HttpResponse {
    let encoding = accepted_encoding(req);
    let catalog = encoding
        .and(req.app_data::<web::Data<AppState>>())
        .map(|state| state.publisher.catalog());
    let (form, encoding) = select_made(
        catalog.as_deref().map(|c| c.encoded()),
        Representation::made(body.into(), etag),
        encoding,
    );
    respond(req, content_type, &form, encoding)
}

/// The encoding the client prefers of those kanarie sends.
fn accepted_encoding(req: &HttpRequest) -> Option<Encoding> {
    Encoding::negotiate(
        req.headers()
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok()),
    )
}

/// `form` (in `encoding`) with the read path's headers, or `304` when the client has it.
fn respond(
    req: &HttpRequest,
    content_type: &'static str,
    form: &Representation,
    encoding: Option<Encoding>,
) -> HttpResponse {
    let matches = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|tag| tag.trim() == form.etag || tag.trim() == "*")
        });
    let mut response = if matches {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    // Static and shared header values: nothing is copied or checked per request.
    static CACHE_CONTROL_VALUE: HeaderValue = HeaderValue::from_static(CACHE_CONTROL);
    static ANY_ORIGIN: HeaderValue = HeaderValue::from_static("*");
    static EXPOSE_ETAG: HeaderValue = HeaderValue::from_static("ETag");
    static VARY_ENCODING: HeaderValue = HeaderValue::from_static("Accept-Encoding");
    response
        .insert_header((header::ETAG, form.etag_header().clone()))
        .insert_header((header::CACHE_CONTROL, CACHE_CONTROL_VALUE.clone()))
        .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, ANY_ORIGIN.clone()))
        .insert_header((header::ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSE_ETAG.clone()))
        .insert_header((header::VARY, VARY_ENCODING.clone()));
    if matches {
        response.finish()
    } else {
        if let Some(encoding) = encoding {
            response.insert_header((
                header::CONTENT_ENCODING,
                HeaderValue::from_static(encoding.token()),
            ));
        }
        response
            .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(content_type)))
            .body(form.body.clone())
    }
}

/// The query parameters of a request, by name (first value wins); borrowed from the
/// query string unless they had to be decoded.
pub struct Query<'a>(Vec<(Cow<'a, str>, Cow<'a, str>)>);

impl<'a> Query<'a> {
    pub fn of(req: &'a HttpRequest) -> Query<'a> {
        Query::parse(req.query_string())
    }

    /// Reads a query string (without the `?`); at most 32 parameters are kept.
    pub fn parse(query_string: &'a str) -> Query<'a> {
        Query(
            form_urlencoded::parse(query_string.as_bytes())
                .take(32)
                .collect(),
        )
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_ref())
    }
}
