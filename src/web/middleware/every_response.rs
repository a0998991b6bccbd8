//! The middleware of `web::app` as one layer. actix-web's `from_fn` boxes two futures and
//! makes two dynamic calls per middleware and request; for five middlewares that was
//! about a tenth of an API answer's instructions (see bench/read-path.sh). The parts keep
//! their order and their rules, outermost first: the connection watch, the access log,
//! the security headers, the body deadline, the error pages.

use std::time::{Duration, Instant};

use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::Error;

use super::connection_watch::{self, WatchedBody};
use super::{access_log, error_pages, request_deadline, security_headers};

/// What every request and response goes through (see the module), with request bodies
/// read within `timeout`.
pub async fn every_response(
    timeout: Duration,
    req: ServiceRequest,
    next: Next<impl MessageBody + Unpin + 'static>,
) -> Result<
    ServiceResponse<WatchedBody<EitherBody<EitherBody<impl MessageBody + Unpin>, BoxBody>>>,
    Error,
> {
    let guard = connection_watch::request_started(&req);
    let started = Instant::now();
    // Never the method as sent: any token is a valid method, so it is text the client chose.
    let method = crate::metrics::method_label(req.method());
    let mut result = request_deadline::read_body_then(timeout, req, |req| async move {
        Ok(error_pages::replace_error_body(next.call(req).await?))
    })
    .await;
    if let Ok(response) = &mut result {
        security_headers::add_security_headers(response.headers_mut());
    }
    access_log::record(method, started, &result);
    result.map(|response| connection_watch::watched(response, guard))
}
