use actix_web::http::header;
use actix_web::HttpRequest;

use super::session::SignedIn;
use crate::lang::Lang;

/// What every moderation page's layout needs. Moderation pages follow the browser's
/// language (Dutch by default); they are not public, so there is no language switch.
pub struct ModerationChrome {
    pub lang: Lang,
    pub email: Option<String>,
    pub is_admin: bool,
    pub csrf_token: String,
}

impl ModerationChrome {
    pub fn new(req: &HttpRequest, signed_in: Option<&SignedIn>) -> ModerationChrome {
        let lang = crate::lang::negotiate(
            req.headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
        );
        ModerationChrome {
            lang,
            email: signed_in.map(|s| s.moderator.email.clone()),
            is_admin: signed_in.is_some_and(|s| s.moderator.role() == crate::accounts::Role::Admin),
            csrf_token: signed_in.map(|s| s.csrf_token.clone()).unwrap_or_default(),
        }
    }

    /// Seconds after this page until the session may end for idleness. The page's own
    /// request may not have renewed it (it is renewed once a minute), so a minute less.
    pub fn idle_seconds(&self) -> i64 {
        crate::accounts::session::IDLE_TIMEOUT_SECONDS
            - crate::accounts::session::TOUCH_EVERY_SECONDS
    }

    pub fn t(&self, key: &str) -> String {
        rust_i18n::t!(key, locale = self.lang.code()).into_owned()
    }
}
