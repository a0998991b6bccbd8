use actix_web::{web, HttpResponse};
use diesel::connection::SimpleConnection;

use crate::error::AppError;
use crate::state::AppState;

/// Ready to serve: the database answers a query. A load balancer takes an instance whose
/// database is gone out of rotation on the 503.
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    crate::db::run(&state.pool, |conn| {
        conn.batch_execute("SELECT 1")
            .map_err(AppError::DatabaseUnavailable)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body("ready"))
}
