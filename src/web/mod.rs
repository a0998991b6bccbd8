//! HTTP: routes grouped by what the user does, and the middleware every response passes.

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

use actix_web::web::ServiceConfig;

/// Every route kanarie serves.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.configure(ops::configure)
        .configure(assets::configure)
        .configure(pages::home::configure)
        .configure(pages::story::configure)
        .configure(pages::privacy::configure)
        .configure(pages::stats::configure)
        .configure(moderation::configure)
        .configure(api::configure)
        .configure(feeds::configure)
        .configure(embed::configure);
}
