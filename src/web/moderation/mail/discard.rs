use actix_web::{web, HttpResponse};

use crate::db::audit;
use crate::db::audit::AuditAction;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::moderation::change::AdminForm;
use crate::web::render::see_other;

/// "Give up" on a failed mail (a mistyped address, an invitation sent again by other
/// means): it is deleted from the outbox and stops being retried.
pub async fn discard_mail(
    state: web::Data<AppState>,
    change: AdminForm,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let signed_in = change.signed_in;
    let id = id.into_inner();
    crate::db::run(&state.pool, move |conn| {
        let (recipient, kind) = crate::mail::discard(conn, id)?.ok_or(AppError::NotFound)?;
        // The recipient is a moderator's address, as in the other account actions.
        let detail = format!("{kind} {recipient}");
        audit::record(
            conn,
            signed_in.email(),
            AuditAction::MailDiscarded,
            None,
            Some(&detail),
        )?;
        Ok(())
    })
    .await?;
    Ok(see_other(crate::web::moderation::paths::ACCOUNTS))
}
