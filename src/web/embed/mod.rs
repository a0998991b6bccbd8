//! Embedding the story feed in campaigners' sites: `/embed` for an iframe, `/embed.js`
//! for a script that renders into a shadow root on the host page.

mod page;
mod script;

use actix_web::web::ServiceConfig;

use crate::web::routing::read_only;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(read_only("/embed", page::embed_page))
        .service(read_only("/embed.js", script::embed_script));
}
