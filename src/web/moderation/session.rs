//! Moderator sessions: a random token in a cookie, its hash in the database (so every
//! instance can check it), idle and absolute timeouts, and CSRF checks for every change.

use std::future::Future;
use std::pin::Pin;

use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};

use crate::accounts::session::{self as timeouts, ABSOLUTE_TIMEOUT_SECONDS, TOUCH_EVERY_SECONDS};
use crate::accounts::{now, secret_token::hash_token, Role};
use crate::db::moderators::{self, Moderator};
use crate::error::AppError;
use crate::state::AppState;

/// The cookie's name: `__Host-` makes browsers refuse it unless it is `Secure`, host-only
/// and for `/`. Plain http on localhost needs the unprefixed name (`KANARIE_INSECURE_COOKIES`).
pub fn cookie_name(insecure: bool) -> &'static str {
    if insecure {
        "kanarie_session"
    } else {
        "__Host-kanarie_session"
    }
}

pub fn session_cookie(insecure: bool, value: String) -> Cookie<'static> {
    // No Domain attribute: the cookie stays host-only, as `__Host-` requires.
    Cookie::build(cookie_name(insecure), value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(!insecure)
        .max_age(CookieDuration::seconds(ABSOLUTE_TIMEOUT_SECONDS))
        .finish()
}

pub fn removal_cookie(insecure: bool) -> Cookie<'static> {
    let mut cookie = session_cookie(insecure, String::new());
    cookie.make_removal();
    cookie
}

/// A moderator with a live session. Handlers that take it are for signed-in moderators
/// only; without a valid session the visitor is sent to the sign-in page.
#[derive(Clone, Debug)]
pub struct SignedIn {
    pub moderator: Moderator,
    pub csrf_token: String,
    pub token_hash: String,
}

impl SignedIn {
    pub fn require_admin(&self) -> Result<(), AppError> {
        if self.moderator.role() == Role::Admin {
            Ok(())
        } else {
            Err(AppError::AdminOnly)
        }
    }

    pub fn email(&self) -> &str {
        &self.moderator.email
    }

    /// Refuses a state-changing request unless it carries this session's CSRF token and,
    /// when the browser says where it comes from, comes from this site. Called only by the
    /// change extractors (`change::ModeratorForm`, `change::AdminForm`).
    pub(super) fn verify_change(
        &self,
        req: &HttpRequest,
        sent_token: &str,
    ) -> Result<(), AppError> {
        use subtle::ConstantTimeEq;
        // Constant time: how long the comparison takes says nothing about the token.
        let token_matches: bool = sent_token
            .as_bytes()
            .ct_eq(self.csrf_token.as_bytes())
            .into();
        if !same_origin(req) || !token_matches {
            tracing::warn!("a change was refused: CSRF token or origin did not match");
            return Err(AppError::Forbidden);
        }
        Ok(())
    }
}

/// A session that existed and timed out on this request, with its CSRF token: a change
/// sent with it and that token may be kept through the sign-in (see `pending.rs`).
#[derive(Clone, Debug)]
pub struct ExpiredSession {
    csrf_token: String,
}

impl ExpiredSession {
    /// True when `sent_token` is this ended session's CSRF token and `req` comes from
    /// this site: the checks a change with a live session passes.
    pub fn vouches_for(&self, req: &HttpRequest, sent_token: &str) -> bool {
        use subtle::ConstantTimeEq;
        let token_matches: bool = sent_token
            .as_bytes()
            .ct_eq(self.csrf_token.as_bytes())
            .into();
        token_matches && same_origin(req)
    }
}

/// True unless the browser says the request comes from another site.
///
/// `Sec-Fetch-Site` decides when the browser sends it. Without it, `Origin` must be this
/// site's origin: scheme, host and port of `KANARIE_PUBLIC_URL` (not the `Host` header,
/// which the client chooses). A privacy-minded referrer policy makes browsers send
/// `Origin: null` even for the site's own forms; that is accepted only together with
/// `Sec-Fetch-Site: same-origin`.
pub fn same_origin(req: &HttpRequest) -> bool {
    let headers = req.headers();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if let Some(site) = fetch_site {
        if !matches!(site, "same-origin" | "none") {
            return false;
        }
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None => true,
        Some("null") => fetch_site == Some("same-origin"),
        Some(origin) => {
            let Some(state) = req.app_data::<web::Data<AppState>>() else {
                return false;
            };
            let expected = Origin::of(&state.config.public_url);
            expected.is_some() && Origin::of(origin) == expected
        }
    }
}

/// The scheme, host and port of a URL, as browsers compare origins.
#[derive(Debug, PartialEq, Eq)]
struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

impl Origin {
    fn of(url: &str) -> Option<Origin> {
        let (scheme, rest) = url.split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "http" => 80,
            "https" => 443,
            _ => return None,
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        if authority.is_empty() || authority.contains('@') {
            return None;
        }
        // `[::1]:8080` or `host:8080` or `host`.
        let (host, port) = match authority.rfind(':') {
            Some(colon) if !authority[colon..].contains(']') => {
                (&authority[..colon], authority[colon + 1..].parse().ok()?)
            }
            _ => (authority, default_port),
        };
        if host.is_empty() {
            return None;
        }
        Some(Origin {
            scheme,
            host: host.to_ascii_lowercase(),
            port,
        })
    }
}

impl FromRequest for SignedIn {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<SignedIn, AppError>>>>;

    fn from_request(req: &HttpRequest, _payload: &mut actix_web::dev::Payload) -> Self::Future {
        let req = req.clone();
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let path = req.path().to_owned();
        let cookie = state.as_ref().and_then(|state| {
            req.cookie(cookie_name(state.config.insecure_cookies))
                .map(|c| c.value().to_owned())
        });
        Box::pin(async move {
            let state = state.ok_or_else(|| AppError::Internal("no app state".into()))?;
            let token = cookie
                .filter(|c| !c.is_empty())
                .ok_or(AppError::SignInRequired)?;
            let token_hash = hash_token(&token);
            let lookup_hash = token_hash.clone();
            let found = crate::db::run(&state.pool, move |conn| {
                let now = now();
                let Some((session, moderator)) = moderators::find_session(conn, &lookup_hash)?
                else {
                    return Ok(Err(None));
                };
                let expired = timeouts::expired(session.created_at, session.last_seen_at, now);
                if expired || moderator.disabled {
                    moderators::delete_session(conn, &lookup_hash)?;
                    let ended = (!moderator.disabled).then_some(ExpiredSession {
                        csrf_token: session.csrf_token,
                    });
                    return Ok(Err(ended));
                }
                if now - session.last_seen_at > TOUCH_EVERY_SECONDS {
                    moderators::touch_session(conn, &lookup_hash, now)?;
                }
                Ok(Ok((session.csrf_token, moderator)))
            })
            .await?;
            let (csrf_token, moderator) = match found {
                Ok(found) => found,
                Err(ended) => {
                    // A change sent with this session can be kept (pending.rs).
                    if let Some(ended) = ended {
                        req.extensions_mut().insert(ended);
                    }
                    return Err(AppError::SignInRequired);
                }
            };
            let signed_in = SignedIn {
                moderator,
                csrf_token,
                token_hash,
            };
            let needs_two_step = state.config.require_totp_for_admins
                && signed_in.moderator.role() == Role::Admin
                && signed_in.moderator.totp_secret.is_none();
            if needs_two_step
                && !path.starts_with(super::paths::TWO_STEP)
                && path != super::paths::SIGN_OUT
            {
                return Err(AppError::TwoStepRequired);
            }
            Ok(signed_in)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Origin;

    #[test]
    fn origins_compare_scheme_host_and_port() {
        let site = Origin::of("https://verhalen.example.nl/kanarie");
        assert_eq!(Origin::of("https://Verhalen.example.nl"), site);
        assert_eq!(Origin::of("https://verhalen.example.nl:443"), site);
        assert_ne!(Origin::of("http://verhalen.example.nl"), site);
        assert_ne!(Origin::of("https://verhalen.example.nl:8443"), site);
        assert_ne!(Origin::of("https://verhalen.example.nl.evil.example"), site);
        assert_eq!(
            Origin::of("http://[::1]:8080"),
            Origin::of("http://[::1]:8080/")
        );
        assert_ne!(Origin::of("http://[::1]:8080"), Origin::of("http://[::1]"));
        assert!(Origin::of("ftp://verhalen.example.nl").is_none());
        assert!(Origin::of("https://user@verhalen.example.nl").is_none());
    }
}
