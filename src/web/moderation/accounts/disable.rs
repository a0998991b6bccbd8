use actix_web::{web, HttpResponse};

use crate::db::audit::AuditAction;
use crate::db::{audit, moderators};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::moderation::change::AdminForm;
use crate::web::render::see_other;

/// Disables an account: its sessions and links end at once. Admins cannot disable
/// themselves, so there is always someone left to undo a mistake.
pub async fn disable(
    state: web::Data<AppState>,
    change: AdminForm,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let signed_in = change.signed_in;
    let id = id.into_inner();
    if id == signed_in.moderator.id {
        return Err(AppError::BadRequest);
    }
    crate::db::run(&state.pool, move |conn| {
        let target = moderators::find(conn, id)?.ok_or(AppError::NotFound)?;
        moderators::disable(conn, id)?;
        audit::record(
            conn,
            signed_in.email(),
            AuditAction::AccountDisabled,
            None,
            Some(&target.email),
        )?;
        Ok(())
    })
    .await?;
    Ok(see_other(crate::web::moderation::paths::ACCOUNTS))
}
