//! HTTP: the application (`app`), routes grouped by what the user does, and the
//! middleware every response passes.

pub mod api;
pub mod assets;
pub mod embed;
pub mod feeds;
pub mod form_body;
pub mod middleware;
pub mod moderation;
pub mod ops;
pub mod pages;
pub mod path;
pub mod render;
pub mod routing;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::from_fn;
use actix_web::web::{self, ServiceConfig};
use actix_web::App;

use crate::error::AppError;
use crate::publishing::Catalog;
use crate::state::AppState;

/// Largest request body kanarie reads. The longest form (three texts of at most 10,000
/// characters, up to 4 bytes each, plus answers) fits well within it; larger is a 413.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// The application with all routes and middleware.
pub fn app(
    state: web::Data<AppState>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let request_timeout = state.config.request_timeout;
    App::new()
        .app_data(state)
        .app_data(web::FormConfig::default().limit(MAX_BODY_BYTES))
        .app_data(web::PayloadConfig::default().limit(MAX_BODY_BYTES))
        .app_data(web::JsonConfig::default().limit(MAX_BODY_BYTES))
        .configure(configure)
        .default_service(web::to(|| async { Err::<String, _>(AppError::NotFound) }))
        // One layer for all the middleware (see `middleware::every_response`): the access
        // log sees the final status, the security headers cover error pages too, and
        // bodies are read (with their deadline) before any handler sees the request.
        .wrap(from_fn(move |req, next| {
            middleware::every_response(request_timeout, req, next)
        }))
}

/// Renders and compresses the bodies of a new catalogue that every client asks for: the
/// API's first page, the feeds and the embeds as a snippet makes them, in each language.
/// Called by the publisher as it builds the catalogue (off the async workers), so no
/// request pays for rendering or compressing them; the requests find them in the memo.
pub fn warm_up(catalog: &Catalog, public_url: &str) {
    let warmed = (|| {
        for query in ["", "lang=nl", "lang=en"] {
            let query = api::Query::parse(query);
            let params =
                api::stories::ListParameters::parse(&query, catalog, api::stories::MAX_LIMIT)?;
            api::stories::list_body(catalog, &params)?;
            let params = api::stories::ListParameters::parse(&query, catalog, feeds::FEED_ENTRIES)?;
            for feed in [&feeds::ATOM, &feeds::JSON_FEED] {
                feeds::body(catalog, public_url, feed, &params)?;
            }
            let params = embed::EmbedParameters::parse(&query, catalog);
            embed::embed_body(catalog, public_url, &params)?;
        }
        Ok::<_, AppError>(())
    })();
    if let Err(error) = warmed {
        tracing::warn!(error = %crate::error::Chain(&error), "read path not warmed up");
    }
}

/// Every route kanarie serves.
///
/// actix-web tries the routes in this order, and each pattern with a restricted segment
/// (`/{lang:nl}/...`) costs a regular-expression match on every request that reaches it:
/// some 45,000 instructions for the two dozen of them, more than all the rest of an API
/// answer. So the read path, which campaign sites and feed readers ask for most, comes
/// first: its patterns start with fixed text, and none of the routes after it could match
/// its paths (their first segment is fixed text, or `nl` or `en`).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.configure(api::configure)
        .configure(feeds::configure)
        .configure(embed::configure)
        .configure(ops::configure)
        .configure(assets::configure)
        .configure(pages::home::configure)
        .configure(pages::story::configure)
        .configure(pages::privacy::configure)
        .configure(pages::stats::configure)
        .configure(pages::stories::configure)
        .configure(moderation::configure);
}
