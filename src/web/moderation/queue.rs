use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::chrome::ModerationChrome;
use super::session::SignedIn;
use crate::db::review::{self, QueueItem};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::render::render_private;

#[derive(Template)]
#[template(path = "moderation/queue.html")]
struct QueuePage {
    chrome: ModerationChrome,
    items: Vec<QueueItem>,
    to_publish: usize,
    to_count: usize,
    stale: i64,
    stale_days: u32,
    mail_failures: usize,
    notice: Option<String>,
}

/// The stories waiting for review, oldest first, with counts; admins also see stories
/// waiting too long and mail that could not be sent.
pub async fn show_queue(
    req: HttpRequest,
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    let stale_days = state.config.stale_review_days;
    let is_admin = signed_in.require_admin().is_ok();
    let (items, stale, mail_failures) = crate::db::run(&state.pool, move |conn| {
        let items = review::queue(conn)?;
        let (stale, failures) = if is_admin {
            let cutoff = chrono::Utc::now().date_naive() - chrono::Days::new(u64::from(stale_days));
            (
                review::pending_since_before(conn, cutoff)?,
                crate::mail::failures(conn)?.len(),
            )
        } else {
            (0, 0)
        };
        Ok((items, stale, failures))
    })
    .await?;
    let chrome = ModerationChrome::new(&req, Some(&signed_in));
    let notice = req
        .query_string()
        .strip_prefix("done=")
        .filter(|done| ["approved", "awaiting", "reset", "rejected", "already"].contains(done))
        .map(|done| chrome.t(&format!("mod.queue.done_{done}")));
    let to_publish = items
        .iter()
        .filter(|i| i.consent.allows_publication())
        .count();
    Ok(render_private(
        &QueuePage {
            to_count: items.len() - to_publish,
            to_publish,
            items,
            stale,
            stale_days,
            mail_failures,
            notice,
            chrome,
        },
        StatusCode::OK,
    ))
}
