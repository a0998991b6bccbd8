//! `GET /api/v1/stats`: the latest published statistics batch (suppressed and rounded).

use actix_web::{web, HttpRequest, HttpResponse};

use crate::error::AppError;
use crate::state::AppState;
use crate::web::api::cached_body;

/// The latest batch as JSON, with a strong ETag (a hash of the body): the body only
/// changes when a new batch is stored, so clients and CDNs mostly get `304`.
pub async fn stats(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let served = crate::stats::served(&state).await?;
    Ok(cached_body(&req, "application/json", &served.json))
}
