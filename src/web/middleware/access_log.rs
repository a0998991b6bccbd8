use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::Error;

/// Logs method, matched route pattern, status and duration: nothing else.
///
/// The route pattern (`/{lang}/verhaal`), not the path, so no identifier or query string
/// typed into a URL reaches the log; and never the peer address, forwarded addresses,
/// user agent or referer, which actix-web's default `Logger` format would write.
pub async fn access_log(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let method = req.method().clone();
    let result = next.call(req).await;
    let (status, route) = match &result {
        Ok(response) => (response.status(), response.request().match_pattern()),
        Err(error) => (error.as_response_error().status_code(), None),
    };
    let route = route.as_deref().unwrap_or("(unmatched)");
    let seconds = started.elapsed().as_secs_f64();
    crate::metrics::record_request(method.as_str(), route, status.as_u16(), seconds);
    tracing::info!(
        target: "kanarie::access",
        method = %method,
        route,
        status = status.as_u16(),
        duration_ms = seconds * 1000.0,
    );
    result
}
