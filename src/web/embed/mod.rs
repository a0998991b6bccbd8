//! Embedding the story feed in campaigners' sites: `/embed` for an iframe, `/embed.js`
//! for a script that renders into a shadow root on the host page, and
//! `/embed/stats/{table}` for one statistics chart in an iframe.

mod page;
mod script;
mod stats;

use actix_web::web::ServiceConfig;

use crate::state::AppState;
use crate::web::routing::read_only;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(read_only("/embed", page::embed_page))
        .service(read_only("/embed.js", script::embed_script))
        .service(read_only("/embed/stats/{table}", stats::embed_stats));
}

/// The policy of a page made to be framed: the site's own rules, but framing by any site,
/// or only by those in `KANARIE_EMBED_ALLOWED_ORIGINS`.
pub fn framable_csp(state: &AppState) -> String {
    let ancestors = match &state.config.embed_origins {
        None => "*".to_owned(),
        Some(origins) => origins.join(" "),
    };
    format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors {ancestors}"
    )
}
