use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};

use crate::db::{audit, review};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::moderation::session::SignedIn;

/// Switches a theme off (no longer offered; stories keep it) or on again.
pub async fn toggle_theme(
    req: HttpRequest,
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<i64>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let fields = signed_in.admin_form(&req, &body)?;
    let active = fields.get("active") == "true";
    let id = id.into_inner();
    crate::db::run(&state.pool, move |conn| {
        if !review::set_theme_active(conn, id, active)? {
            return Err(AppError::NotFound);
        }
        let action = if active {
            "theme_enabled"
        } else {
            "theme_disabled"
        };
        audit::record(conn, signed_in.email(), action, None, Some(&id.to_string()))?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, crate::web::moderation::paths::THEMES))
        .finish())
}
