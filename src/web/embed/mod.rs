//! Embedding the story feed in campaigners' sites: `/embed` for an iframe, `/embed.js`
//! for a script that renders into a shadow root on the host page, `/embed/stories/{id}`
//! for one story (what oEmbed hands out), and `/embed/stats/{table}` for one statistics
//! chart in an iframe.

mod oembed;
mod page;
mod script;
mod stats;
mod story;

pub use oembed::{DEFAULT_WIDTH, MAX_DIMENSION};
pub use page::{body as embed_body, clamp_count, framable_csp, EmbedParameters, MAX_COUNT};

use actix_web::web::ServiceConfig;

use crate::web::routing::read_only;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(read_only("/embed", page::embed_page))
        .service(read_only("/embed.js", script::embed_script))
        .service(read_only("/embed/stats/{table}", stats::embed_stats))
        .service(read_only("/embed/stories/{id}", story::embed_story))
        // Read by programs on other sites, like the API: CORS-open, JSON errors.
        .service(crate::web::api::api_resource("/oembed", oembed::oembed));
}

/// The iframe snippet campaigners paste: the frame (its height without the script shows
/// whole stories and scrolls) and the small script that makes it as tall as its content.
/// No `style` attribute: a strict CSP on the campaign site would refuse it.
pub fn iframe_snippet(public_url: &str) -> String {
    format!(
        "<iframe src=\"{public_url}/embed?lang=nl&count=5\" title=\"Verhalen van thuiszitters\" \
         width=\"100%\" height=\"640\" loading=\"lazy\"></iframe>\n\
         <script src=\"{public_url}/static/embed-resize.js\" async></script>"
    )
}
