//! `GET /api/v1/stats`: the latest published statistics batch (suppressed and rounded).

use actix_web::{web, HttpRequest, HttpResponse};

use crate::error::AppError;
use crate::publishing::etag_of;
use crate::startup::AppState;
use crate::web::api::cached;

/// The latest batch as JSON, with a strong ETag (a hash of the body): the body only
/// changes when a new batch is stored, so clients and CDNs mostly get `304`.
pub async fn stats(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let config = state.config.stats.clone();
    let now = chrono::Utc::now().timestamp();
    let published = crate::db::run(&state.pool, move |conn| {
        Ok(crate::stats::current(conn, &config, now)?)
    })
    .await?;
    let body = serde_json::to_string(&published).map_err(|e| AppError::Internal(e.to_string()))?;
    let etag = etag_of(body.as_bytes());
    Ok(cached(&req, "application/json", body, &etag))
}
