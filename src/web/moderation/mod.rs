//! Pages for moderators: signing in, the review queue, one story, and admin pages for
//! accounts, themes, the audit trail and mail. Every page here is `no-store` and cannot
//! be framed; every change goes through `change::ModeratorForm` or `change::AdminForm`, which check
//! the CSRF token and the origin before a handler sees the form.

mod accounts;
pub mod amsterdam;
mod audit;
pub mod change;
mod chrome;
mod embedding;
mod keep_alive;
mod mail;
mod password;
mod pending;
mod published;
pub(crate) mod queue;
pub mod session;
mod sign_in;
mod sign_out;
mod story;
mod themes;
mod two_step;

use actix_web::http::header;
use actix_web::middleware::DefaultHeaders;
use actix_web::web::{self, ServiceConfig};

use crate::web::routing::{form, post_only, read_only};

pub use chrome::ModerationChrome;

/// The closed lists moderation pages turn into labels (`mod.reject.<code>` and so on), for
/// the test that checks every label is translated.
pub mod story_codes {
    pub use super::story::{DONE_NOTICES, REJECTION_REASONS, TAKE_DOWN_REASONS};
}

pub mod paths {
    pub const QUEUE: &str = "/moderation/";
    pub const SIGN_IN: &str = crate::error::SIGN_IN_PATH;
    pub const SIGN_OUT: &str = "/moderation/sign-out";
    pub const TWO_STEP: &str = crate::error::TWO_STEP_PATH;
    pub const INVITATION: &str = "/moderation/invitation";
    pub const PASSWORD_RESET: &str = "/moderation/password-reset";
    pub const STORIES: &str = "/moderation/stories";
    pub const PUBLISHED: &str = "/moderation/published";
    pub const AUDIT: &str = "/moderation/audit";
    pub const ACCOUNTS: &str = "/moderation/accounts";
    pub const THEMES: &str = "/moderation/themes";
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        web::scope("/moderation")
            .wrap(DefaultHeaders::new().add((header::CACHE_CONTROL, "no-store")))
            .service(read_only("/", queue::show_queue))
            .service(form("/sign-in", sign_in::show_sign_in, sign_in::sign_in))
            .service(post_only("/sign-out", sign_out::sign_out))
            .service(form(
                "/invitation/{token}",
                password::show_invitation,
                password::accept_invitation,
            ))
            .service(form(
                "/password-reset",
                password::show_reset_request,
                password::request_reset,
            ))
            .service(form(
                "/password-reset/{token}",
                password::show_reset,
                password::reset,
            ))
            .service(form(
                "/two-step",
                two_step::show_two_step,
                two_step::set_up_two_step,
            ))
            .service(post_only("/two-step/remove", two_step::remove_two_step))
            .service(read_only("/stories/{id}", story::show_story))
            .service(post_only("/stories/{id}/edit", story::edit_story))
            .service(post_only("/stories/{id}/approve", story::approve_story))
            .service(post_only("/stories/{id}/reject", story::reject_story))
            .service(post_only("/stories/{id}/unpublish", story::unpublish_story))
            .service(read_only("/published", published::show_published))
            .service(read_only("/session", keep_alive::keep_alive))
            .service(post_only("/queue/reject", story::reject_many))
            .service(read_only("/audit", audit::show_audit))
            .service(form("/accounts", accounts::show_accounts, accounts::invite))
            .service(post_only("/accounts/{id}/disable", accounts::disable))
            .service(post_only("/mail/{id}/retry", mail::retry_mail))
            .service(post_only("/mail/{id}/discard", mail::discard_mail))
            .service(form("/themes", themes::show_themes, themes::add_theme))
            .service(post_only("/themes/{id}/toggle", themes::toggle_theme))
            .service(read_only("/embed", embedding::show_snippets)),
    );
}
