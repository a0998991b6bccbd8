use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};

use crate::db::audit;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::moderation::session::SignedIn;

/// "Try again now" for a failed mail, once the admin has fixed what was wrong (the SMTP
/// settings, the server): the outbox worker picks it up on its next round.
pub async fn retry_mail(
    req: HttpRequest,
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<i64>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    signed_in.admin_form(&req, &body)?;
    let id = id.into_inner();
    crate::db::run(&state.pool, move |conn| {
        if !crate::mail::retry_now(conn, id, crate::mail::unix_now())? {
            return Err(AppError::NotFound);
        }
        audit::record(conn, signed_in.email(), "mail_retried", None, None)?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, crate::web::moderation::paths::ACCOUNTS))
        .finish())
}
