use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};

use super::session::{removal_cookie, SignedIn};
use crate::db::{audit, moderators};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form_body::{require_form, FormFields};

/// Ends the session in the database (so the cookie is worthless everywhere) and clears it.
pub async fn sign_out(
    req: HttpRequest,
    state: web::Data<AppState>,
    signed_in: SignedIn,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    require_form(&req)?;
    signed_in.verify_change(&req, FormFields::parse(&body).get("csrf"))?;
    crate::db::run(&state.pool, move |conn| {
        moderators::delete_session(conn, &signed_in.token_hash)?;
        audit::record(conn, signed_in.email(), "signed_out", None, None)?;
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
