//! The "stories are waiting" notice, on a clock of its own.
//!
//! A notice queued because a story arrived would date the story: the notice's row, and the
//! moment it is claimed, would hold the second of the submission. So submissions queue
//! nothing; instead each instance wakes at the start of every notice slot (multiples of
//! `KANARIE_NOTICE_INTERVAL_MINUTES` on the clock, see `notice_slot`), one of them claims
//! the slot, and if stories are waiting then it queues the notices, dated at the slot's
//! start.

use std::sync::Arc;
use std::time::Duration;

use super::content::review_notice;
use super::{MailConfig, MailError};
use crate::db::mail_outbox::{notice_slot, queue_notices_in_slot, unix_now};
use crate::db::DbConnection;
use crate::db::DbPool;

/// The review-notice check for the slot that holds `now` (unix seconds): the first caller
/// in a slot, on any instance, claims it, and when `waiting` stories wait it queues one
/// notice to every address in `recipients`, dated at the slot's start. Returns whether
/// it queued. The body holds the count and the link, never story text.
pub fn queue_review_notice_at(
    conn: &mut DbConnection,
    recipients: &[String],
    waiting: i64,
    review_url: &str,
    interval: Duration,
    now: i64,
) -> diesel::QueryResult<bool> {
    let notices: Vec<_> = if waiting > 0 {
        recipients
            .iter()
            .map(|to| review_notice(to, waiting, review_url, interval))
            .collect()
    } else {
        Vec::new()
    };
    queue_notices_in_slot(conn, &notices, interval, now)
}

/// Runs the notice check for the slot that holds `now` (unix seconds): what the scheduler
/// does at the start of every slot. Returns whether notices were queued.
pub async fn check_review_notices(
    pool: &DbPool,
    config: &MailConfig,
    review_url: &str,
    now: i64,
) -> Result<bool, MailError> {
    let pool = pool.clone();
    let interval = config.notice_interval;
    let review_url = review_url.to_owned();
    actix_web::web::block(move || -> Result<bool, MailError> {
        let mut conn = pool.get()?;
        let recipients = crate::db::moderators::notice_recipients(&mut conn)?;
        let waiting = crate::db::review::pending_count(&mut conn)?;
        Ok(queue_review_notice_at(
            &mut conn,
            &recipients,
            waiting,
            &review_url,
            interval,
            now,
        )?)
    })
    .await
    .map_err(MailError::Blocking)?
}

/// Starts the notice check on the current runtime: at the start of every slot, for as long
/// as the process runs. Without SMTP nothing would be sent, so nothing is started.
pub fn spawn_notice_scheduler(pool: DbPool, config: Arc<MailConfig>, review_url: String) {
    if !config.is_configured() {
        return;
    }
    actix_web::rt::spawn(async move {
        let step = i64::try_from(config.notice_interval.as_secs()).unwrap_or(i64::MAX);
        loop {
            let now = unix_now();
            let next = notice_slot(now, config.notice_interval).saturating_add(step);
            let wait = u64::try_from(next.saturating_sub(now)).unwrap_or(1).max(1);
            actix_web::rt::time::sleep(Duration::from_secs(wait)).await;
            // A wake-up a little early finds the previous slot already checked, and the
            // loop waits the rest of the way.
            if let Err(error) = check_review_notices(&pool, &config, &review_url, unix_now()).await
            {
                tracing::warn!(error = %crate::error::Chain(&error), "review notice check failed; trying at the next slot");
            }
        }
    });
}
