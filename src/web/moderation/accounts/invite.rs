use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::show::AccountsPage;
use crate::accounts::invite::{invite as invite_account, InviteError, Invited};
use crate::accounts::{EmailAddress, Role};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::moderation::change::AdminForm;
use crate::web::render::render_private;

/// Invites a moderator: mailed when a mail server is configured, else the link is shown
/// once on this page for the admin to pass on.
pub async fn invite(
    req: HttpRequest,
    state: web::Data<AppState>,
    change: AdminForm,
) -> Result<HttpResponse, AppError> {
    let AdminForm {
        signed_in,
        form: fields,
    } = change;
    let email = EmailAddress::parse(fields.get("email"));
    let role = Role::parse(fields.get("role"));
    let mut page = AccountsPage::load(&req, &state, &signed_in).await?;
    let (Some(email), Some(role)) = (email, role) else {
        page.error = Some(page.chrome.t("mod.accounts.invalid"));
        let mut response = render_private(&page, StatusCode::UNPROCESSABLE_ENTITY);
        response
            .extensions_mut()
            .insert(crate::web::middleware::OwnErrorPage);
        return Ok(response);
    };
    let public_url = state.config.public_url.clone();
    let mail_configured = state.config.mail.is_configured();
    let actor = signed_in.email().to_owned();
    let outcome = crate::db::run(&state.pool, move |conn| {
        match invite_account(
            conn,
            &email,
            role,
            None,
            &public_url,
            mail_configured,
            &actor,
        ) {
            Ok(invited) => Ok(Ok(invited)),
            Err(InviteError::Exists) => Ok(Err(())),
            Err(InviteError::Database(error)) => Err(error.into()),
        }
    })
    .await?;
    let mut page = AccountsPage::load(&req, &state, &signed_in).await?;
    let status = match outcome {
        Ok(Invited::Link(link)) => {
            page.link = Some(link);
            StatusCode::OK
        }
        Ok(_) => {
            page.notice = Some(page.chrome.t("mod.accounts.mailed"));
            StatusCode::OK
        }
        Err(()) => {
            page.error = Some(page.chrome.t("mod.accounts.exists"));
            StatusCode::CONFLICT
        }
    };
    let mut response = render_private(&page, status);
    response
        .extensions_mut()
        .insert(crate::web::middleware::OwnErrorPage);
    Ok(response)
}
