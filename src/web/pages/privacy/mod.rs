//! The plain-language page about what kanarie keeps, removes and for how long.

mod show;

use crate::web::routing::read_only;

pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    cfg.service(read_only("/{lang:nl|en}/privacy", show::show_privacy));
}
