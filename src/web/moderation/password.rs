//! Choosing a password: from an invitation link, or from a reset link asked for by mail.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use diesel::Connection;

use super::chrome::ModerationChrome;
use crate::accounts::password::{NewPassword, PasswordProblem};
use secrecy::{ExposeSecret, SecretString};

use crate::accounts::secret_token::hash_token;
use crate::accounts::{links, now, EmailAddress};
use crate::db::audit;
use crate::db::audit::AuditAction;
use crate::db::moderators::{self, LinkPurpose};
use crate::error::AppError;
use crate::protection::form_token::TokenCheck;
use crate::state::AppState;
use crate::web::form_body::{require_form, FormFields};
use crate::web::render::render_private;

#[derive(Template)]
#[template(path = "moderation/password.html")]
struct PasswordPage {
    chrome: ModerationChrome,
    heading: String,
    action: String,
    valid: bool,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "moderation/reset_request.html")]
struct ResetRequestPage {
    chrome: ModerationChrome,
    token: String,
    sent: bool,
}

fn purpose_paths(purpose: LinkPurpose) -> (&'static str, &'static str) {
    match purpose {
        LinkPurpose::Invite => (super::paths::INVITATION, "mod.password.invitation_title"),
        LinkPurpose::Reset => (super::paths::PASSWORD_RESET, "mod.password.reset_title"),
    }
}

async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: SecretString,
    purpose: LinkPurpose,
) -> Result<HttpResponse, AppError> {
    let chrome = ModerationChrome::new(&req, None);
    let hash = hash_token(token.expose_secret());
    let valid = crate::db::run(&state.pool, move |conn| {
        Ok(moderators::peek_link(conn, &hash, purpose, now())?.is_some())
    })
    .await?;
    let (base, title) = purpose_paths(purpose);
    let error = (!valid).then(|| chrome.t("mod.password.link_invalid"));
    let status = if valid {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    let mut response = render_private(
        &PasswordPage {
            heading: chrome.t(title),
            action: format!("{base}/{}", token.expose_secret()),
            valid,
            error,
            chrome,
        },
        status,
    );
    response
        .extensions_mut()
        .insert(crate::web::middleware::OwnErrorPage);
    Ok(response)
}

async fn choose(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: SecretString,
    purpose: LinkPurpose,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    require_form(&req)?;
    if !super::session::same_origin(&req) {
        return Err(AppError::Forbidden);
    }
    state
        .password_form_limiter
        .check(&req, state.config.client_ip_header.as_deref())?;
    let chrome = ModerationChrome::new(&req, None);
    let (base, title) = purpose_paths(purpose);
    // The link is checked before anything is hashed: a made-up link costs a look-up only.
    let token_hash = hash_token(token.expose_secret());
    let lookup = token_hash.clone();
    let valid = crate::db::run(&state.pool, move |conn| {
        Ok(moderators::peek_link(conn, &lookup, purpose, now())?.is_some())
    })
    .await?;
    if !valid {
        let mut response = render_private(
            &PasswordPage {
                heading: chrome.t(title),
                action: format!("{base}/{}", token.expose_secret()),
                valid: false,
                error: Some(chrome.t("mod.password.link_invalid")),
                chrome,
            },
            StatusCode::NOT_FOUND,
        );
        response
            .extensions_mut()
            .insert(crate::web::middleware::OwnErrorPage);
        return Ok(response);
    }
    let mut fields = FormFields::parse(&body);
    let chosen = zeroize::Zeroizing::new(fields.take("password"));
    let repeat = zeroize::Zeroizing::new(fields.take("repeat"));
    let problem = if *chosen != *repeat {
        Some("mod.password.mismatch")
    } else {
        match NewPassword::parse(chosen.to_string()) {
            Ok(password) => {
                let hash = state
                    .password_work
                    .run(move |memory| password.hash_in(memory))
                    .await?
                    .map_err(|e| AppError::Internal(format!("hashing failed: {e}")))?;
                let set = crate::db::run(&state.pool, move |conn| {
                    let Some(moderator) =
                        moderators::consume_link(conn, &token_hash, purpose, now())?
                    else {
                        return Ok(false);
                    };
                    moderators::set_password(conn, moderator.id, &hash)?;
                    let action = match purpose {
                        LinkPurpose::Invite => AuditAction::InvitationAccepted,
                        LinkPurpose::Reset => AuditAction::PasswordReset,
                    };
                    audit::record(conn, &moderator.email, action, None, None)?;
                    Ok(true)
                })
                .await?;
                if set {
                    return Ok(HttpResponse::SeeOther()
                        .insert_header((
                            header::LOCATION,
                            format!("{}?password_set=1", super::paths::SIGN_IN),
                        ))
                        .finish());
                }
                Some("mod.password.link_invalid")
            }
            Err(PasswordProblem::TooShort) => Some("mod.password.too_short"),
            Err(PasswordProblem::TooLong) => Some("mod.password.too_long"),
        }
    };
    let error = problem.map(|key| chrome.t(key));
    let mut response = render_private(
        &PasswordPage {
            heading: chrome.t(title),
            action: format!("{base}/{}", token.expose_secret()),
            valid: true,
            error,
            chrome,
        },
        StatusCode::UNPROCESSABLE_ENTITY,
    );
    response
        .extensions_mut()
        .insert(crate::web::middleware::OwnErrorPage);
    Ok(response)
}

pub async fn show_invitation(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    show(req, state, token.into_inner().into(), LinkPurpose::Invite).await
}

pub async fn accept_invitation(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    choose(
        req,
        state,
        token.into_inner().into(),
        LinkPurpose::Invite,
        body,
    )
    .await
}

pub async fn show_reset(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    show(req, state, token.into_inner().into(), LinkPurpose::Reset).await
}

pub async fn reset(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    choose(
        req,
        state,
        token.into_inner().into(),
        LinkPurpose::Reset,
        body,
    )
    .await
}

pub async fn show_reset_request(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    render_private(
        &ResetRequestPage {
            chrome: ModerationChrome::new(&req, None),
            token: state.form_signer.issue(),
            sent: false,
        },
        StatusCode::OK,
    )
}

/// Sends a reset link if the address has an active account. The answer is the same either
/// way, so the page does not reveal which addresses have accounts.
pub async fn request_reset(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    require_form(&req)?;
    if !super::session::same_origin(&req) {
        return Err(AppError::Forbidden);
    }
    let fields = FormFields::parse(&body);
    if !matches!(
        state.form_signer.check(fields.get("token")),
        TokenCheck::Valid { .. }
    ) {
        return Err(AppError::BadRequest);
    }
    state
        .reset_request_limiter
        .check(&req, state.config.client_ip_header.as_deref())?;
    // Per account as typed, known or not, so being refused tells nothing either.
    let typed: String = fields.get("email").chars().take(254).collect();
    let throttle_state = state.clone();
    let allowed = crate::db::run(&state.pool, move |conn| {
        Ok(throttle_state
            .sign_in_throttle
            .allow_reset(conn, &typed, now())?)
    })
    .await?;
    if !allowed {
        return Err(AppError::TooManyRequests);
    }
    let email = EmailAddress::parse(fields.get("email"));
    let public_url = state.config.public_url.clone();
    // Without a mail server a reset link could reach no one; an admin invites again.
    let mail_configured = state.config.mail.is_configured();
    // Both paths commit one transaction with an audit row, so the time taken does not
    // tell whether the address has an account.
    crate::db::run(&state.pool, move |conn| {
        conn.transaction(|conn| {
            let found = match &email {
                Some(email) => moderators::find_by_email(conn, email.as_str())?,
                None => None,
            };
            match found.filter(|m| !m.disabled && m.password_hash.is_some() && mail_configured) {
                Some(moderator) => {
                    let link = links::issue(conn, moderator.id, LinkPurpose::Reset, &public_url)?;
                    crate::mail::enqueue(
                        conn,
                        &crate::mail::password_reset(&moderator.email, &link),
                    )?;
                    audit::record(
                        conn,
                        &moderator.email,
                        AuditAction::PasswordResetRequested,
                        None,
                        None,
                    )
                }
                None => audit::record(
                    conn,
                    "(unknown account)",
                    AuditAction::PasswordResetRequested,
                    None,
                    None,
                ),
            }
        })
        .map_err(AppError::from)
    })
    .await?;
    Ok(render_private(
        &ResetRequestPage {
            chrome: ModerationChrome::new(&req, None),
            token: String::new(),
            sent: true,
        },
        StatusCode::OK,
    ))
}
