use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::Error;

/// Routes whose log lines would say when a story was sent or withdrawn: each line's
/// timestamp, matched with the order of stored rows, would give a story's exact time,
/// which kanarie never keeps. They are counted in the metrics (which carry no time) and
/// not logged.
const UNLOGGED_ROUTES: [&str; 6] = [
    "/{lang:nl}/verhaal/voorbeeld",
    "/{lang:nl}/verhaal/versturen",
    "/{lang:nl}/verhaal/intrekken",
    "/{lang:en}/story/preview",
    "/{lang:en}/story/send",
    "/{lang:en}/story/withdraw",
];

/// Logs method (one of the standard ones, or `other`), matched route pattern, status and
/// duration: nothing else.
///
/// The route pattern (`/{lang}/verhaal`), not the path, so no identifier or query string
/// typed into a URL reaches the log; and never the peer address, forwarded addresses,
/// user agent or referer, which actix-web's default `Logger` format would write.
pub async fn access_log(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    // Never the method as sent: any token is a valid method, so it is text the client chose.
    let method = crate::metrics::method_label(req.method());
    let result = next.call(req).await;
    record(method, started, &result);
    result
}

/// Counts and logs (see `access_log`) the answer to a request with `method` (a
/// `metrics::method_label`) that started at `started`.
pub fn record<B>(
    method: &'static str,
    started: Instant,
    result: &Result<ServiceResponse<B>, Error>,
) {
    let (status, route) = match result {
        Ok(response) => (response.status(), response.request().match_pattern()),
        Err(error) => (error.as_response_error().status_code(), None),
    };
    let route = route.as_deref().unwrap_or("(unmatched)");
    let seconds = started.elapsed().as_secs_f64();
    crate::metrics::record_request(method, route, status.as_u16(), seconds);
    if UNLOGGED_ROUTES.contains(&route) && !status.is_server_error() {
        return;
    }
    tracing::info!(
        target: "kanarie::access",
        method,
        route,
        status = status.as_u16(),
        duration_ms = seconds * 1000.0,
    );
}
