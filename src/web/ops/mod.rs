//! Endpoints for load balancers and operators.

mod healthz;
mod metrics;
mod readyz;

use crate::web::routing::read_only;

pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    cfg.service(read_only("/healthz", healthz::healthz))
        .service(read_only("/readyz", readyz::readyz))
        .service(read_only("/metrics", metrics::metrics));
}
