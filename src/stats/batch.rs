//! Batches: the published tables are computed once per window and stored, already
//! suppressed and rounded, in `stats_batches`. Every instance serves the latest stored
//! batch. When the current window has none yet, the first instance to insert the
//! window's row (a conditional INSERT keyed by the period) computes it inside the same
//! transaction; others wait on that row (PostgreSQL) or on the write lock (SQLite), find
//! the period taken and read the stored batch. Readers never see the row before it holds
//! the finished document.

use chrono::{DateTime, NaiveDate};
use diesel::prelude::*;

use super::suppression::{protect_count, ROUNDING};
use super::{tables, PublishedStats, StatsConfig};
use crate::db::stats::{claim_batch, latest_batch, store_batch};
use crate::db::DbConnection;

/// The UTC start (unix seconds) of the window `now` falls in; windows are aligned on the
/// epoch, so daily batches start at midnight UTC.
pub fn period_start(now: i64, every_seconds: i64) -> i64 {
    now.div_euclid(every_seconds) * every_seconds
}

/// The key of a window: its UTC start as `YYYY-MM-DDTHH:MMZ`, then the document's format
/// (`/f02`). Keys sort as they should, and a batch stored in an older format sorts before
/// the same window in the current one, so after an upgrade the window is computed once
/// more, in the new format, instead of serving a document the code no longer describes.
pub fn period_key(start: i64) -> String {
    format!(
        "{}/f{:02}",
        DateTime::from_timestamp(start, 0)
            .unwrap_or_default()
            .format("%Y-%m-%dT%H:%MZ"),
        super::FORMAT
    )
}

fn day(at: i64) -> NaiveDate {
    DateTime::from_timestamp(at, 0)
        .unwrap_or_default()
        .date_naive()
}

fn parse(body: &str) -> QueryResult<PublishedStats> {
    serde_json::from_str(body).map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))
}

/// Returns the latest batch, computing and storing a new one first if the latest is
/// older than the interval (or none exists). Blocking: callers use `crate::db::run`.
pub fn current(
    conn: &mut DbConnection,
    config: &StatsConfig,
    now: i64,
) -> QueryResult<PublishedStats> {
    let every = config.batch_seconds();
    let start = period_start(now, every);
    let key = period_key(start);
    if let Some((period, body)) = latest_batch(conn)? {
        if period >= key {
            return parse(&body);
        }
    }
    let computed = conn.transaction(|conn| {
        if !claim_batch(conn, &key, day(now))? {
            return Ok(None);
        }
        let exact = tables::count(conn)?;
        let stats = PublishedStats {
            threshold: config.min_cell.max(5),
            rounding: ROUNDING.to_owned(),
            computed_on: day(now).to_string(),
            next_batch_after: day(start + every).to_string(),
            stories: protect_count(exact.stories, u64::from(config.min_cell)),
            tables: tables::protect(&exact, config.min_cell),
        };
        let body = serde_json::to_string(&stats)
            .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
        store_batch(conn, &key, &body)?;
        Ok::<_, diesel::result::Error>(Some(stats))
    })?;
    if let Some(stats) = computed {
        tracing::info!(period = %key, "statistics batch computed");
        return Ok(stats);
    }
    match latest_batch(conn)? {
        Some((_, body)) => parse(&body),
        None => Err(diesel::result::Error::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daily_windows_start_at_midnight_utc() {
        // 2026-11-22 14:30 UTC
        let now = 1_795_357_800;
        let start = period_start(now, 24 * 3600);
        assert_eq!(
            period_key(start),
            format!("2026-11-22T00:00Z/f{:02}", super::super::FORMAT)
        );
        assert_eq!(
            period_key(period_start(now, 6 * 3600)),
            format!("2026-11-22T12:00Z/f{:02}", super::super::FORMAT)
        );
        // A batch of the format before this one is older than the same window now.
        assert!("2026-11-22T00:00Z" < period_key(start).as_str());
        assert!(period_key(start) < period_key(start + 24 * 3600));
        assert_eq!(day(start + 24 * 3600).to_string(), "2026-11-23");
    }
}
