//! How routes are registered, so every resource answers a wrong method the same way.

use actix_web::http::header;
use actix_web::{web, FromRequest, Handler, HttpResponse, Resource, Responder};

/// A resource that only reads: GET and HEAD reach `handler`, any other method is a 405
/// with an `Allow` header. (actix's `#[get]` macros use guards instead, which turn a wrong
/// method into a 404.)
pub fn read_only<F, Args>(path: &str, handler: F) -> Resource
where
    F: Handler<Args> + Clone,
    Args: FromRequest + 'static,
    F::Output: Responder + 'static,
{
    web::resource(path)
        .route(web::get().to(handler.clone()))
        .route(web::head().to(handler))
        .default_service(web::to(|| async { method_not_allowed("GET, HEAD") }))
}

/// A resource with a form: GET and HEAD show it, POST sends it.
pub fn form<G, GArgs, P, PArgs>(path: &str, show: G, send: P) -> Resource
where
    G: Handler<GArgs> + Clone,
    GArgs: FromRequest + 'static,
    G::Output: Responder + 'static,
    P: Handler<PArgs>,
    PArgs: FromRequest + 'static,
    P::Output: Responder + 'static,
{
    web::resource(path)
        .route(web::get().to(show.clone()))
        .route(web::head().to(show))
        .route(web::post().to(send))
        .default_service(web::to(|| async { method_not_allowed("GET, HEAD, POST") }))
}

/// A resource that only takes POST (a form's action).
pub fn post_only<F, Args>(path: &str, handler: F) -> Resource
where
    F: Handler<Args>,
    Args: FromRequest + 'static,
    F::Output: Responder + 'static,
{
    web::resource(path)
        .route(web::post().to(handler))
        .default_service(web::to(|| async { method_not_allowed("POST") }))
}

/// A 405 naming the methods the resource allows.
pub fn method_not_allowed(allow: &'static str) -> HttpResponse {
    HttpResponse::MethodNotAllowed()
        .insert_header((header::ALLOW, allow))
        .finish()
}
