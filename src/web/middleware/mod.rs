//! What every response goes through: an access log without personal data, security
//! headers, and error pages in the visitor's language.

mod access_log;
mod error_pages;
mod security_headers;

pub use access_log::access_log;
pub use error_pages::{error_pages, OwnErrorPage};
pub use security_headers::{security_headers, EMBEDDABLE_CSP};
