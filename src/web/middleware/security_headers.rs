use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::Error;

/// The policy for every page: only kanarie's own scripts, styles and images, no plugins,
/// no `<base>` tricks, forms post only to kanarie, and no framing by anyone.
const DEFAULT_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The policy for routes made to live in another site's iframe: the same, but any site may
/// frame them. Handlers of such routes set it themselves; the middleware keeps it.
pub const EMBEDDABLE_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
base-uri 'none'; form-action 'self'; frame-ancestors *";

/// The headers every response gets unless its handler set them. Statics, checked when
/// compiled: `HeaderValue::from_static` called at run time checks every byte of the
/// policy again on every request, and cloning a static value copies nothing.
static DEFAULTS: [(HeaderName, HeaderValue); 4] = [
    (
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(DEFAULT_CSP),
    ),
    (
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    ),
    (
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    ),
    (
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    ),
];
static DENY: HeaderValue = HeaderValue::from_static("DENY");

/// Adds the security headers to every response, errors included.
pub async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let mut response = next.call(req).await?;
    add_security_headers(response.headers_mut());
    Ok(response)
}

/// The security headers of a response whose handler set `headers`.
pub fn add_security_headers(headers: &mut HeaderMap) {
    let framable = headers.contains_key(header::CONTENT_SECURITY_POLICY);
    for (name, value) in &DEFAULTS {
        if !headers.contains_key(name) {
            headers.insert(name.clone(), value.clone());
        }
    }
    if !framable {
        headers.insert(header::X_FRAME_OPTIONS, DENY.clone());
    }
    headers.remove(header::SERVER);
}
