use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};

use secrecy::ExposeSecret;
use subtle::ConstantTimeEq;

use crate::error::AppError;
use crate::metrics::{render, SharedGauges};
use crate::state::AppState;

/// `GET /metrics` in Prometheus' text format. Off unless `KANARIE_METRICS_TOKEN` is set;
/// then the scraper sends it as `Authorization: Bearer <token>`. The numbers say nothing
/// about any person, but how busy the service is need not be public.
pub async fn metrics(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let Some(expected) = state.config.metrics_token.as_ref() else {
        return Err(AppError::NotFound);
    };
    let sent = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    // Constant time: how long the comparison takes says nothing about the token.
    let matches: bool = sent
        .as_bytes()
        .ct_eq(expected.expose_secret().as_bytes())
        .into();
    if !matches {
        return Err(AppError::Forbidden);
    }
    let published_stories = state.publisher.catalog().len();
    let (review_queue, mail_pending, mail_failing) = crate::db::run(&state.pool, |conn| {
        Ok((
            crate::db::review::pending_count(conn)?,
            crate::mail::pending_count(conn)?,
            crate::mail::failures(conn)?.len(),
        ))
    })
    .await?;
    let mut body = render(&SharedGauges {
        review_queue,
        published_stories,
        mail_pending,
        mail_failing,
    });
    body.push_str(&state.password_work.render_metrics());
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}
