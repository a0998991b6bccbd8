//! Admin: what to do with mail that could not be sent (listed on the accounts page).

mod discard;
mod retry;

pub use discard::discard_mail;
pub use retry::retry_mail;
