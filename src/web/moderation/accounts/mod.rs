//! Admin: moderator accounts, and mail that could not be sent.

mod disable;
mod invite;
mod show;

pub use disable::disable;
pub use invite::invite;
pub use show::show_accounts;
