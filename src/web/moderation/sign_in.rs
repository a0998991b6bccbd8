use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::chrome::ModerationChrome;
use super::pending::{PendingAction, PendingChange, FIELD_PREFIX};
use super::session::session_cookie;
use secrecy::ExposeSecret;

use crate::accounts::secret_token::SecretToken;
use crate::accounts::throttle::Verdict;
use crate::accounts::{now, password, totp, EmailAddress};
use crate::db::audit::AuditAction;
use crate::db::{audit, moderators};
use crate::error::AppError;
use crate::protection::client_address::client_address;
use crate::protection::form_token::TokenCheck;
use crate::state::AppState;
use crate::web::form_body::{require_form, FormFields};
use crate::web::render::render_private;

#[derive(Template)]
#[template(path = "moderation/sign_in.html")]
struct SignInPage {
    chrome: ModerationChrome,
    token: String,
    email: String,
    error: Option<String>,
    notice: Option<String>,
    /// A change sent after the session ended, carried through this form (pending.rs).
    pending: Option<PendingChange>,
}

/// After signing in with a change kept: the change again, filled in, to send.
#[derive(Template)]
#[template(path = "moderation/pending.html")]
struct PendingPage {
    chrome: ModerationChrome,
    pending: PendingChange,
    action: String,
    /// "Reden: Dubbel ingestuurd", "Gekozen verhalen: 3" and the like.
    details: Vec<String>,
}

/// The sign-in page for a change whose session ended, carrying the change (a 401).
pub fn sign_in_page_keeping(req: &HttpRequest, pending: PendingChange) -> HttpResponse {
    let chrome = ModerationChrome::new(req, None);
    let token = req
        .app_data::<web::Data<AppState>>()
        .map(|state| state.form_signer.issue())
        .unwrap_or_default();
    let notice = Some(chrome.t("mod.pending.signed_out"));
    let mut response = render_private(
        &SignInPage {
            chrome,
            token,
            email: String::new(),
            error: None,
            notice,
            pending: Some(pending),
        },
        StatusCode::UNAUTHORIZED,
    );
    response
        .extensions_mut()
        .insert(crate::web::middleware::OwnErrorPage);
    response
}

/// What the codes of a pending change mean, in words.
fn pending_details(chrome: &ModerationChrome, pending: &PendingChange) -> Vec<String> {
    let mut details = Vec::new();
    for (name, value) in &pending.codes {
        if *name == "reason" {
            let key = match pending.action {
                PendingAction::TakeDown(_) => format!("mod.take_down.{value}"),
                _ => format!("mod.reject.{value}"),
            };
            details.push(format!(
                "{}: {}",
                chrome.t("mod.reject.reason"),
                chrome.t(&key)
            ));
        }
    }
    let count = |field: &str| pending.codes.iter().filter(|(n, _)| *n == field).count();
    if pending.action == PendingAction::RejectMany {
        details.push(format!(
            "{}: {}",
            chrome.t("mod.pending.stories"),
            count("story")
        ));
    }
    if let PendingAction::Approve(_) = pending.action {
        details.push(format!(
            "{}: {}",
            chrome.t("mod.approve.themes"),
            count("theme")
        ));
    }
    details
}

pub async fn show_sign_in(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let chrome = ModerationChrome::new(&req, None);
    let notice = req
        .query_string()
        .split('&')
        .find_map(|pair| match pair {
            "signed_out=1" => Some("mod.sign_in.signed_out"),
            "password_set=1" => Some("mod.sign_in.password_set"),
            _ => None,
        })
        .map(|key| chrome.t(key));
    render_private(
        &SignInPage {
            chrome,
            token: state.form_signer.issue(),
            email: String::new(),
            error: None,
            notice,
            pending: None,
        },
        StatusCode::OK,
    )
}

/// Signs a moderator in. An unknown address, a disabled account, a wrong password and a
/// wrong code all get the same answer after the same work (a decoy hash is checked when
/// there is no real one), so the page does not reveal which addresses have accounts.
pub async fn sign_in(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    require_form(&req)?;
    // A sign-in from another site's form would sign the browser in to an account the
    // other site chose (login CSRF): refused like any cross-site change.
    if !super::session::same_origin(&req) {
        tracing::warn!("a sign-in was refused: it came from another site");
        return Err(AppError::Forbidden);
    }
    let mut fields = FormFields::parse(&body);
    let chrome = ModerationChrome::new(&req, None);
    let typed_email = fields
        .get("email")
        .trim()
        .chars()
        .take(254)
        .collect::<String>();
    let attempt = zeroize::Zeroizing::new(fields.take("password"));
    let code = fields.get("code").to_owned();
    let pending_path = fields.get("pending_path").to_owned();
    let pending = PendingChange::read(&pending_path, &mut fields, FIELD_PREFIX);
    let refuse = |chrome: ModerationChrome,
                  key: &str,
                  status: StatusCode,
                  email: String,
                  pending: Option<PendingChange>| {
        let error = Some(chrome.t(key));
        let mut response = render_private(
            &SignInPage {
                chrome,
                token: state.form_signer.issue(),
                email,
                error,
                notice: None,
                pending,
            },
            status,
        );
        response
            .extensions_mut()
            .insert(crate::web::middleware::OwnErrorPage);
        response
    };
    if !matches!(
        state.form_signer.check(fields.get("token")),
        TokenCheck::Valid { .. }
    ) {
        return Ok(refuse(
            chrome,
            "mod.sign_in.expired",
            StatusCode::BAD_REQUEST,
            typed_email,
            pending,
        ));
    }

    // The attempt is counted before any password is checked, so a burst of requests
    // cannot all be checked before the first failure is recorded.
    let address = client_address(&req, state.config.client_ip_header.as_deref());
    let account = typed_email.clone();
    let throttle_state = state.clone();
    let verdict = crate::db::run(&state.pool, move |conn| {
        Ok(throttle_state
            .sign_in_throttle
            .reserve(conn, &account, address, now())?)
    })
    .await?;
    let reservation = match verdict {
        Verdict::Locked => {
            return Ok(refuse(
                chrome,
                "mod.sign_in.locked",
                StatusCode::TOO_MANY_REQUESTS,
                typed_email,
                pending,
            ))
        }
        Verdict::Proceed(delay, reservation) => {
            if !delay.is_zero() {
                actix_web::rt::time::sleep(delay).await;
            }
            reservation
        }
    };

    let email = EmailAddress::parse(&typed_email);
    let found = crate::db::run(&state.pool, move |conn| match email {
        Some(email) => Ok(moderators::find_by_email(conn, email.as_str())?),
        None => Ok(None),
    })
    .await?;
    let known_account = found.as_ref().map(|m| m.email.clone());
    let usable = found.filter(|m| !m.disabled && m.password_hash.is_some());
    let hash = usable.as_ref().and_then(|m| m.password_hash.clone());
    let password_ok = match state
        .password_work
        .run(move |memory| password::verify_in(memory, &attempt, hash.as_deref()))
        .await
    {
        Ok(password_ok) => password_ok,
        Err(error) => {
            // Nothing was checked: the attempt is not held against anyone.
            crate::db::run(&state.pool, move |conn| Ok(reservation.not_checked(conn)?)).await?;
            return Err(error);
        }
    };
    // A code counts once: its time step is stored, and codes of that step or earlier are
    // refused from then on (checked only after the right password, so guessing costs the
    // account nothing).
    let code_step = match usable.as_ref().and_then(|m| m.totp_secret.as_deref()) {
        Some(secret) => totp::matching_step(secret, &code, now()).map(Some),
        None => Some(None),
    };

    let signed_in = match (usable, password_ok, code_step) {
        (Some(moderator), true, Some(step)) => {
            let id = moderator.id;
            let fresh = match step {
                Some(step) => {
                    crate::db::run(&state.pool, move |conn| {
                        Ok(moderators::accept_totp_step(conn, id, step)?)
                    })
                    .await?
                }
                None => true,
            };
            fresh.then_some(moderator)
        }
        _ => None,
    };
    let Some(moderator) = signed_in else {
        // The reservation stays: it is this failure's count.
        // Written for unknown addresses too (without what was typed), so both cost a write.
        crate::db::run(&state.pool, move |conn| {
            let actor = known_account.as_deref().unwrap_or("(unknown account)");
            Ok(audit::record(
                conn,
                actor,
                AuditAction::SignInFailed,
                None,
                None,
            )?)
        })
        .await?;
        return Ok(refuse(
            chrome,
            "mod.sign_in.failed",
            StatusCode::UNAUTHORIZED,
            typed_email,
            pending,
        ));
    };

    // A new session every sign-in; a session the browser already had is ended.
    let token = SecretToken::generate();
    // The CSRF token is stored as it is: it guards one session's forms, not a way in.
    let csrf = SecretToken::generate().plain.expose_secret().to_owned();
    let previous = req
        .cookie(super::session::cookie_name(state.config.insecure_cookies))
        .map(|c| crate::accounts::secret_token::hash_token(c.value()));
    let session_hash = token.hash.clone();
    let new_csrf = csrf.clone();
    let email_shown = moderator.email.clone();
    let is_admin = moderator.role() == crate::accounts::Role::Admin;
    crate::db::run(&state.pool, move |conn| {
        reservation.succeeded(conn)?;
        if let Some(previous) = previous {
            moderators::delete_session(conn, &previous)?;
        }
        moderators::create_session(conn, &session_hash, moderator.id, &csrf, now())?;
        audit::record(conn, &moderator.email, AuditAction::SignedIn, None, None)?;
        Ok(())
    })
    .await?;
    let cookie = session_cookie(
        state.config.insecure_cookies,
        token.plain.expose_secret().to_owned(),
    );
    if let Some(pending) = pending {
        // Shown again, filled in, under the new session's token: sending it is one click,
        // and nothing is changed without the moderator seeing what.
        let mut chrome = chrome;
        chrome.email = Some(email_shown);
        chrome.is_admin = is_admin;
        chrome.csrf_token = new_csrf;
        let action = chrome.t(pending.action.label_key());
        let details = pending_details(&chrome, &pending);
        let mut response = render_private(
            &PendingPage {
                chrome,
                pending,
                action,
                details,
            },
            StatusCode::OK,
        );
        response
            .add_cookie(&cookie)
            .map_err(|e| AppError::Internal(format!("the session cookie was not set: {e}")))?;
        return Ok(response);
    }
    Ok(HttpResponse::SeeOther()
        .cookie(cookie)
        .insert_header((header::LOCATION, super::paths::QUEUE))
        .finish())
}
