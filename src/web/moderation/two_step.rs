//! Setting up two-step sign-in: the moderator adds the secret to an authenticator app and
//! proves it works with one code before it is required at sign-in.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::change::ModeratorForm;
use super::chrome::ModerationChrome;
use super::session::SignedIn;
use crate::accounts::{now, totp};
use crate::db::audit::AuditAction;
use crate::db::{audit, moderators};
use crate::error::AppError;
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
    error: Option<String>,
}

fn page(
    req: &HttpRequest,
    state: &AppState,
    signed_in: &SignedIn,
    secret: String,
    error: Option<&str>,
) -> TwoStepPage {
    let chrome = ModerationChrome::new(req, Some(signed_in));
    TwoStepPage {
        enabled: signed_in.moderator.totp_secret.is_some(),
        required: state.config.require_totp_for_admins,
        uri: totp::provisioning_uri(&secret, signed_in.email()),
        error: error.map(|key| chrome.t(key)),
        secret,
        chrome,
    }
}

pub async fn show_two_step(
    req: HttpRequest,
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> HttpResponse {
    let page = page(&req, &state, &signed_in, totp::generate_secret(), None);
    render_private(&page, StatusCode::OK)
}

pub async fn set_up_two_step(
    req: HttpRequest,
    state: web::Data<AppState>,
    change: ModeratorForm,
) -> Result<HttpResponse, AppError> {
    let ModeratorForm {
        signed_in,
        form: fields,
    } = change;
    let secret = fields.get("secret").trim().to_owned();
    let valid_secret = data_encoding::BASE32_NOPAD
        .decode(secret.as_bytes())
        .is_ok_and(|bytes| bytes.len() >= 16);
    if !valid_secret || !totp::verify(&secret, fields.get("code"), now()) {
        let secret = if valid_secret {
            secret
        } else {
            totp::generate_secret()
        };
        let page = page(
            &req,
            &state,
            &signed_in,
            secret,
            Some("mod.two_step.wrong_code"),
        );
        let mut response = render_private(&page, StatusCode::UNPROCESSABLE_ENTITY);
        response
            .extensions_mut()
            .insert(crate::web::middleware::OwnErrorPage);
        return Ok(response);
    }
    crate::db::run(&state.pool, move |conn| {
        moderators::set_totp_secret(conn, signed_in.moderator.id, Some(&secret))?;
        audit::record(
            conn,
            signed_in.email(),
            AuditAction::TwoStepEnabled,
            None,
            None,
        )?;
        Ok(())
    })
    .await?;
    Ok(see_other(super::paths::QUEUE))
}
