//! Endpoints for load balancers and operators.

mod healthz;
mod readyz;

use crate::web::routing::read_only;

pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    cfg.service(read_only("/healthz", healthz::healthz))
        .service(read_only("/readyz", readyz::readyz));
}
