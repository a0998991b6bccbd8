//! `GET /api/v1/stats`: the latest published statistics batch (suppressed and rounded).

use actix_web::{web, HttpRequest, HttpResponse};

use crate::error::AppError;
use std::sync::Arc;

use crate::publishing::{etag_of, RenderedBody};
use crate::state::AppState;
use crate::web::api::cached;

/// The latest batch as JSON, with a strong ETag (a hash of the body): the body only
/// changes when a new batch is stored, so clients and CDNs mostly get `304`.
///
/// A batch never changes within its period, so each instance keeps the current period's
/// body in memory, and checks the database again at most every
/// `publishing::REFRESH_EVERY` (or at once when a new period begins).
pub async fn stats(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let config = state.config.stats.clone();
    let now = chrono::Utc::now().timestamp();
    let period = crate::stats::batch::period_key(crate::stats::batch::period_start(
        now,
        config.batch_seconds(),
    ));
    let hit = state.stats_cache.fresh(&period);
    let rendered = match hit {
        Some(rendered) => rendered,
        None => {
            let published = crate::db::run(&state.pool, move |conn| {
                Ok(crate::stats::current(conn, &config, now)?)
            })
            .await?;
            let body =
                serde_json::to_string(&published).map_err(|e| AppError::Internal(e.to_string()))?;
            let rendered = Arc::new(RenderedBody {
                etag: etag_of(body.as_bytes()),
                body: body.into(),
            });
            state.stats_cache.store(period, Arc::clone(&rendered));
            rendered
        }
    };
    Ok(cached(
        &req,
        "application/json",
        rendered.body.clone(),
        &rendered.etag,
    ))
}
