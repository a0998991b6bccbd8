//! `GET /api/v1/stats.csv[?table=ID]`: the published tables as CSV, for spreadsheets.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{web, HttpRequest, HttpResponse};

use crate::error::AppError;
use crate::state::AppState;
use crate::stats::csv::CONTENT_TYPE;
use crate::web::api::{cached_body, Query};

/// Every table, or one with `?table=ID` (an id from `/api/v1/stats`; another is a 400):
/// exactly the cells `/api/v1/stats` publishes, with the same ETag rules.
pub async fn stats_csv(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let query = Query::of(&req);
    let served = crate::stats::served(&state).await?;
    let (body, file) = match query.get("table") {
        None => (&served.csv, "kanarie-cijfers.csv".to_owned()),
        Some(id) => (
            served
                .table_csv(id)
                .ok_or(AppError::InvalidQuery("table"))?,
            format!("kanarie-cijfers-{id}.csv"),
        ),
    };
    let mut response = cached_body(&req, CONTENT_TYPE, body);
    // Table ids are ASCII letters and underscores, so the name needs no quoting rules.
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}
