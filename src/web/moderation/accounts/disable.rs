use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};

use crate::db::{audit, moderators};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::moderation::session::SignedIn;

/// Disables an account: its sessions and links end at once. Admins cannot disable
/// themselves, so there is always someone left to undo a mistake.
pub async fn disable(
    req: HttpRequest,
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<i64>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    signed_in.admin_form(&req, &body)?;
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
            "account_disabled",
            None,
            Some(&target.email),
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, crate::web::moderation::paths::ACCOUNTS))
        .finish())
}
