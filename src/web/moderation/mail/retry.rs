use actix_web::{web, HttpResponse};

use crate::db::audit;
use crate::db::audit::AuditAction;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::moderation::change::AdminForm;
use crate::web::render::see_other;

/// "Try again now" for a failed mail, once the admin has fixed what was wrong (the SMTP
/// settings, the server): the outbox worker picks it up on its next round.
pub async fn retry_mail(
    state: web::Data<AppState>,
    change: AdminForm,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let signed_in = change.signed_in;
    let id = id.into_inner();
    crate::db::run(&state.pool, move |conn| {
        if !crate::mail::retry_now(conn, id, crate::mail::unix_now())? {
            return Err(AppError::NotFound);
        }
        audit::record(
            conn,
            signed_in.email(),
            AuditAction::MailRetried,
            None,
            None,
        )?;
        Ok(())
    })
    .await?;
    Ok(see_other(crate::web::moderation::paths::ACCOUNTS))
}
