use actix_web::http::header;
use actix_web::{web, HttpResponse};

use super::change::ModeratorForm;
use super::session::removal_cookie;
use crate::db::audit::AuditAction;
use crate::db::{audit, moderators};
use crate::error::AppError;
use crate::state::AppState;

/// Ends the session in the database (so the cookie is worthless everywhere) and clears it.
pub async fn sign_out(
    state: web::Data<AppState>,
    change: ModeratorForm,
) -> Result<HttpResponse, AppError> {
    let signed_in = change.signed_in;
    crate::db::run(&state.pool, move |conn| {
        moderators::delete_session(conn, &signed_in.token_hash)?;
        audit::record(conn, signed_in.email(), AuditAction::SignedOut, None, None)?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::SeeOther()
        .cookie(removal_cookie(state.config.insecure_cookies))
        .insert_header((
            header::LOCATION,
            format!("{}?signed_out=1", super::paths::SIGN_IN),
        ))
        .finish())
}
