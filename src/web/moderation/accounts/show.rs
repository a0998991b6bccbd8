use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use crate::db::moderators::{self, Moderator};
use crate::error::AppError;
use crate::mail::MailFailure;
use crate::state::AppState;
use crate::web::moderation::session::SignedIn;
use crate::web::moderation::ModerationChrome;
use crate::web::render::render_private;

#[derive(Template)]
#[template(path = "moderation/accounts.html")]
pub struct AccountsPage {
    pub chrome: ModerationChrome,
    pub accounts: Vec<Moderator>,
    pub failures: Vec<MailFailure>,
    pub link: Option<String>,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub mail_configured: bool,
}

impl AccountsPage {
    pub async fn load(
        req: &HttpRequest,
        state: &AppState,
        signed_in: &SignedIn,
    ) -> Result<AccountsPage, AppError> {
        let (accounts, failures) = crate::db::run(&state.pool, |conn| {
            Ok((moderators::list(conn)?, crate::mail::failures(conn)?))
        })
        .await?;
        Ok(AccountsPage {
            chrome: ModerationChrome::new(req, Some(signed_in)),
            accounts,
            failures,
            link: None,
            notice: None,
            error: None,
            mail_configured: state.config.mail.is_configured(),
        })
    }
}

pub async fn show_accounts(
    req: HttpRequest,
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    signed_in.require_admin()?;
    let page = AccountsPage::load(&req, &state, &signed_in).await?;
    Ok(render_private(&page, StatusCode::OK))
}
