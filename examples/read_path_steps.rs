//! Where the read path's time goes: kanarie's own parts, put together one step at a time,
//! each step a server of its own (`STEP`), so `bench/read-path.sh` can measure what each
//! step adds on the way from a bare handler to the full server.
//!
//!   STEP=bare|headers|handler|routes|error_pages|request_deadline|security_headers|
//!        access_log|connection_watch|app|server  BODY_FILE=body.json  (and kanarie's KANARIE_*)
//!
//! - `bare`: a handler returning the bytes of `BODY_FILE` (the yardstick, in this binary);
//! - `headers`: the same bytes through `web::api::cached` (ETag, caching, CORS, Vary);
//! - `handler`: the real `GET /api/v1/stories` handler on its route, nothing else;
//! - `routes`: every route of kanarie (`web::configure`), no middleware;
//! - then each middleware of `web::app`, innermost first, added to the one before, each
//!   its own layer (`from_fn`), as `web::app` had them until 2026-12-02;
//! - `app`: `web::app`, which runs the same middleware as one layer;
//! - `server`: `web::app` with the server's settings (`server::Application`): the watch
//!   started per connection, keep-alive and the header timeout.
//!
//! Every step runs on the same prepared instance (database, catalogue, background work),
//! as `kanarie serve` would.

use std::time::Duration;

use actix_web::middleware::from_fn;
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};

use kanarie::config::Config;
use kanarie::error::AppError;
use kanarie::web::middleware::{
    access_log, connection_watch, error_pages, request_deadline, security_headers,
};

/// Serves `factory` on `listener`; with `settings`, with those of `server::Application`.
macro_rules! serve {
    ($listener:expr, $timeout:expr, $settings:expr, $factory:expr) => {{
        let mut server = HttpServer::new($factory);
        if $settings {
            server = server
                .client_request_timeout($timeout.min(Duration::from_secs(5)))
                .keep_alive(connection_watch::KEEP_ALIVE)
                .on_connect(connection_watch::watch_connections($timeout));
        }
        server.listen($listener)?.run().await
    }};
}

/// The app of every route with the configuration `web::app` gives it, no middleware.
macro_rules! routes {
    ($state:expr) => {
        App::new()
            .app_data($state.clone())
            .app_data(web::FormConfig::default().limit(kanarie::web::MAX_BODY_BYTES))
            .app_data(web::PayloadConfig::default().limit(kanarie::web::MAX_BODY_BYTES))
            .app_data(web::JsonConfig::default().limit(kanarie::web::MAX_BODY_BYTES))
            .configure(kanarie::web::configure)
            .default_service(web::to(|| async { Err::<String, _>(AppError::NotFound) }))
    };
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    kanarie::telemetry::init();
    let step = std::env::var("STEP").unwrap_or_else(|_| "server".to_owned());
    let file = std::env::var("BODY_FILE")
        .map_err(|_| std::io::Error::other("BODY_FILE names the body the bare steps send"))?;
    let body = web::Bytes::from(std::fs::read(file)?);
    let etag = kanarie::publishing::etag_of(&body);
    let config = Config::from_env().map_err(std::io::Error::other)?;
    let prepared = kanarie::startup::prepare(config)
        .await
        .map_err(std::io::Error::other)?;
    let state = web::Data::new(prepared.state);
    let t = state.config.request_timeout;
    let listener = prepared.listener;
    match step.as_str() {
        "bare" => serve!(listener, t, false, move || {
            let body = body.clone();
            App::new().default_service(web::to(move || {
                let body = body.clone();
                async move {
                    HttpResponse::Ok()
                        .content_type("application/json")
                        .body(body)
                }
            }))
        }),
        "headers" => serve!(listener, t, false, move || {
            let (body, etag) = (body.clone(), etag.clone());
            App::new()
                .app_data(state.clone())
                .default_service(web::to(move |req: HttpRequest| {
                    let (body, etag) = (body.clone(), etag.clone());
                    async move { kanarie::web::api::cached(&req, "application/json", body, &etag) }
                }))
        }),
        "handler" => serve!(listener, t, false, move || {
            App::new().app_data(state.clone()).route(
                "/api/v1/stories",
                web::get().to(kanarie::web::api::stories::list_stories),
            )
        }),
        "routes" => serve!(listener, t, false, move || routes!(state)),
        "error_pages" => serve!(listener, t, false, move || {
            routes!(state).wrap(from_fn(error_pages))
        }),
        "request_deadline" => serve!(listener, t, false, move || {
            routes!(state)
                .wrap(from_fn(error_pages))
                .wrap(from_fn(move |req, next| request_deadline(t, req, next)))
        }),
        "security_headers" => serve!(listener, t, false, move || {
            routes!(state)
                .wrap(from_fn(error_pages))
                .wrap(from_fn(move |req, next| request_deadline(t, req, next)))
                .wrap(from_fn(security_headers))
        }),
        "access_log" => serve!(listener, t, false, move || {
            routes!(state)
                .wrap(from_fn(error_pages))
                .wrap(from_fn(move |req, next| request_deadline(t, req, next)))
                .wrap(from_fn(security_headers))
                .wrap(from_fn(access_log))
        }),
        "connection_watch" => serve!(listener, t, false, move || {
            routes!(state)
                .wrap(from_fn(error_pages))
                .wrap(from_fn(move |req, next| request_deadline(t, req, next)))
                .wrap(from_fn(security_headers))
                .wrap(from_fn(access_log))
                .wrap(from_fn(connection_watch::watch_requests))
        }),
        "app" => serve!(listener, t, false, move || kanarie::web::app(state.clone())),
        "server" => serve!(listener, t, true, move || kanarie::web::app(state.clone())),
        other => Err(std::io::Error::other(format!("unknown STEP {other}"))),
    }
}
