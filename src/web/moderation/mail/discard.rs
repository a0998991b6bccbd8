use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};

use crate::db::audit;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::moderation::session::SignedIn;

/// "Give up" on a failed mail (a mistyped address, an invitation sent again by other
/// means): it is deleted from the outbox and stops being retried.
pub async fn discard_mail(
    req: HttpRequest,
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<i64>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    signed_in.admin_form(&req, &body)?;
    let id = id.into_inner();
    crate::db::run(&state.pool, move |conn| {
        let (recipient, kind) = crate::mail::discard(conn, id)?.ok_or(AppError::NotFound)?;
        // The recipient is a moderator's address, as in the other account actions.
        let detail = format!("{kind} {recipient}");
        audit::record(
            conn,
            signed_in.email(),
            "mail_discarded",
            None,
            Some(&detail),
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, crate::web::moderation::paths::ACCOUNTS))
        .finish())
}
