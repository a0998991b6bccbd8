//! What every response goes through: an access log without personal data, security
//! headers, error pages in the visitor's language, and a deadline for request bodies.

mod access_log;
pub mod connection_watch;
mod error_pages;
mod request_deadline;
mod security_headers;

pub use access_log::access_log;
pub use error_pages::{error_pages, error_response, OwnErrorPage};
pub use request_deadline::request_deadline;
pub use security_headers::{security_headers, EMBEDDABLE_CSP};
