//! What every response goes through: an access log without personal data, security
//! headers, error pages in the visitor's language, and a deadline for request bodies.
//!
//! `web::app` runs them as one layer (`every_response`); each is also a middleware of its
//! own, which is how `examples/read_path_steps.rs` measures what each costs.

mod access_log;
pub mod connection_watch;
mod error_pages;
mod every_response;
mod request_deadline;
mod security_headers;

pub use access_log::access_log;
pub use error_pages::{error_pages, error_response, OwnErrorPage};
pub use every_response::every_response;
pub use request_deadline::request_deadline;
pub use security_headers::{security_headers, EMBEDDABLE_CSP};
