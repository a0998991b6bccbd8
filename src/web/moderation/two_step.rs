//! Setting up, replacing and removing two-step sign-in. The server makes the secret and
//! keeps it (pending) until the moderator proves with one code that the app has it; the
//! browser never chooses it. Replacing or removing a secret that is on needs the current
//! code or the password, so a session alone cannot take over or switch off the second step.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::change::ModeratorForm;
use super::chrome::ModerationChrome;
use super::session::SignedIn;
use crate::accounts::throttle::Verdict;
use crate::accounts::{now, password, totp};
use crate::db::audit::AuditAction;
use crate::db::moderators::Moderator;
use crate::db::{audit, moderators};
use crate::error::AppError;
use crate::protection::client_address::client_address;
use crate::state::AppState;
use crate::web::render::{render_private, see_other};

#[derive(Template)]
#[template(path = "moderation/two_step.html")]
struct TwoStepPage {
    chrome: ModerationChrome,
    enabled: bool,
    required: bool,
    secret: String,
    uri: String,
    /// The `otpauth://` address as a QR code: our own SVG, no user input in it.
    qr_svg: String,
    error: Option<String>,
}

/// The QR code of `uri` as inline SVG (without the XML declaration, which HTML does not take).
fn qr_svg(uri: &str) -> String {
    let Ok(code) = qrcode::QrCode::new(uri.as_bytes()) else {
        return String::new();
    };
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .dark_color(qrcode::render::svg::Color("#000000"))
        .light_color(qrcode::render::svg::Color("#ffffff"))
        .build();
    match svg.find("<svg") {
        Some(start) => svg[start..].to_owned(),
        None => String::new(),
    }
}

fn render_page(
    req: &HttpRequest,
    state: &AppState,
    signed_in: &SignedIn,
    secret: String,
    error: Option<(&str, StatusCode)>,
) -> HttpResponse {
    let chrome = ModerationChrome::new(req, Some(signed_in));
    let uri = totp::provisioning_uri(&secret, signed_in.email());
    let status = error.map_or(StatusCode::OK, |(_, status)| status);
    let page = TwoStepPage {
        enabled: signed_in.moderator.totp_secret.is_some(),
        required: state.config.require_totp_for_admins,
        qr_svg: qr_svg(&uri),
        uri,
        error: error.map(|(key, _)| chrome.t(key)),
        secret,
        chrome,
    };
    let mut response = render_private(&page, status);
    if error.is_some() {
        response
            .extensions_mut()
            .insert(crate::web::middleware::OwnErrorPage);
    }
    response
}

/// The secret being set up for this moderator, made and stored now if there is none.
async fn pending_secret(state: &AppState, moderator: &Moderator) -> Result<String, AppError> {
    if let Some(secret) = &moderator.totp_pending_secret {
        return Ok(secret.clone());
    }
    let secret = totp::generate_secret();
    let (id, stored) = (moderator.id, secret.clone());
    crate::db::run(&state.pool, move |conn| {
        Ok(moderators::set_pending_totp_secret(conn, id, &stored)?)
    })
    .await?;
    Ok(secret)
}

pub async fn show_two_step(
    req: HttpRequest,
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    let secret = pending_secret(&state, &signed_in.moderator).await?;
    Ok(render_page(&req, &state, &signed_in, secret, None))
}

/// Whether `typed` (the current code, or else the password) proves the moderator is who
/// set up the secret that is on. Counted like a sign-in attempt, per account and address,
/// so a stolen session cannot be used to guess the password.
async fn proves_owner(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    moderator: &Moderator,
    typed: zeroize::Zeroizing<String>,
) -> Result<bool, AppError> {
    let address = client_address(req, state.config.client_ip_header.as_deref());
    let (throttle_state, email) = (state.clone(), moderator.email.clone());
    let verdict = crate::db::run(&state.pool, move |conn| {
        Ok(throttle_state
            .sign_in_throttle
            .reserve(conn, &email, address, now())?)
    })
    .await?;
    let Verdict::Proceed(delay, reservation) = verdict else {
        return Err(AppError::TooManyRequests);
    };
    if !delay.is_zero() {
        actix_web::rt::time::sleep(delay).await;
    }
    let id = moderator.id;
    let code_step = moderator
        .totp_secret
        .as_deref()
        .and_then(|secret| totp::matching_step(secret, &typed, now()));
    let proven = match code_step {
        Some(step) => {
            crate::db::run(&state.pool, move |conn| {
                Ok(moderators::accept_totp_step(conn, id, step)?)
            })
            .await?
        }
        None => {
            let hash = moderator.password_hash.clone();
            match state
                .password_work
                .run(move |memory| {
                    hash.is_some() && password::verify_in(memory, &typed, hash.as_deref())
                })
                .await
            {
                Ok(matches) => matches,
                Err(error) => {
                    crate::db::run(&state.pool, move |conn| Ok(reservation.not_checked(conn)?))
                        .await?;
                    return Err(error);
                }
            }
        }
    };
    if proven {
        crate::db::run(&state.pool, move |conn| Ok(reservation.succeeded(conn)?)).await?;
    }
    Ok(proven)
}

/// Turns two-step sign-in on with the pending secret, or replaces the one that is on.
pub async fn set_up_two_step(
    req: HttpRequest,
    state: web::Data<AppState>,
    change: ModeratorForm,
) -> Result<HttpResponse, AppError> {
    let ModeratorForm {
        signed_in,
        form: mut fields,
    } = change;
    let current = zeroize::Zeroizing::new(fields.take("current"));
    let moderator = &signed_in.moderator;
    let secret = pending_secret(&state, moderator).await?;
    let Some(step) = totp::matching_step(&secret, fields.get("code"), now()) else {
        let error = ("mod.two_step.wrong_code", StatusCode::UNPROCESSABLE_ENTITY);
        return Ok(render_page(&req, &state, &signed_in, secret, Some(error)));
    };
    let replacing = moderator.totp_secret.is_some();
    if replacing && !proves_owner(&req, &state, moderator, current).await? {
        let error = ("mod.two_step.proof_wrong", StatusCode::FORBIDDEN);
        return Ok(render_page(&req, &state, &signed_in, secret, Some(error)));
    }
    let (id, email) = (moderator.id, moderator.email.clone());
    crate::db::run(&state.pool, move |conn| {
        moderators::set_totp_secret(conn, id, Some(&secret), Some(step))?;
        let action = if replacing {
            AuditAction::TwoStepReplaced
        } else {
            AuditAction::TwoStepEnabled
        };
        audit::record(conn, &email, action, None, None)?;
        Ok(())
    })
    .await?;
    Ok(see_other(super::paths::QUEUE))
}

/// Turns two-step sign-in off, given the current code or the password.
pub async fn remove_two_step(
    req: HttpRequest,
    state: web::Data<AppState>,
    change: ModeratorForm,
) -> Result<HttpResponse, AppError> {
    let ModeratorForm {
        signed_in,
        form: mut fields,
    } = change;
    let current = zeroize::Zeroizing::new(fields.take("current"));
    let moderator = &signed_in.moderator;
    if moderator.totp_secret.is_none() {
        return Ok(see_other(super::paths::TWO_STEP));
    }
    if !proves_owner(&req, &state, moderator, current).await? {
        let secret = pending_secret(&state, moderator).await?;
        let error = ("mod.two_step.proof_wrong", StatusCode::FORBIDDEN);
        return Ok(render_page(&req, &state, &signed_in, secret, Some(error)));
    }
    let (id, email) = (moderator.id, moderator.email.clone());
    crate::db::run(&state.pool, move |conn| {
        // The last step stays (as it is after the proof), so no code already used returns.
        let last_step = moderators::find(conn, id)?.and_then(|m| m.totp_last_step);
        moderators::set_totp_secret(conn, id, None, last_step)?;
        audit::record(conn, &email, AuditAction::TwoStepRemoved, None, None)?;
        Ok(())
    })
    .await?;
    Ok(see_other(super::paths::TWO_STEP))
}
