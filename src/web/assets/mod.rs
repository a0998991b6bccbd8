//! The files in `static/`, compiled into the binary so kanarie serves them from any working
//! directory and never depends on anything outside itself (no CDN, no remote fonts).

mod serve;

use crate::web::routing::read_only;

pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    cfg.service(read_only("/static/{file}", serve::serve_asset));
}
