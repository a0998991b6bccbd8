//! The current batch as every instance serves it: the document and its JSON and CSV
//! bodies, rendered once per batch and kept in memory, so the API, the numbers page and
//! the chart embeds ask the database at most once per `publishing::REFRESH_EVERY`.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use super::batch::{period_key, period_start};
use super::{csv, PublishedStats};
use crate::error::AppError;
use crate::publishing::{RenderedBody, REFRESH_EVERY};
use crate::state::AppState;

/// One batch, ready to serve.
pub struct ServedStats {
    pub stats: PublishedStats,
    /// `/api/v1/stats`.
    pub json: RenderedBody,
    /// `/api/v1/stats.csv`: every table.
    pub csv: RenderedBody,
    /// `/api/v1/stats.csv?table=ID`, by table.
    table_csv: HashMap<String, RenderedBody>,
}

/// A body of the batch; compressed when first asked for in a compressed form, and kept
/// as long as the batch is (see `served`).
fn rendered(body: String) -> RenderedBody {
    RenderedBody::new(body)
}

impl ServedStats {
    pub fn new(stats: PublishedStats) -> Result<ServedStats, AppError> {
        let json = serde_json::to_string(&stats).map_err(|e| AppError::Internal(e.to_string()))?;
        let table_csv = stats
            .tables
            .iter()
            .map(|t| {
                (
                    t.question.clone(),
                    rendered(csv::render(&stats, Some(&t.question))),
                )
            })
            .collect();
        Ok(ServedStats {
            json: rendered(json),
            csv: rendered(csv::render(&stats, None)),
            table_csv,
            stats,
        })
    }

    /// The CSV of one table; `None` for a table that is not published.
    pub fn table_csv(&self, question: &str) -> Option<&RenderedBody> {
        self.table_csv.get(question)
    }
}

/// The batch of the current period, as served.
#[derive(Default)]
pub struct StatsCache(RwLock<Option<CachedStats>>);

struct CachedStats {
    /// The batch period it belongs to (`stats::batch::period_key`).
    period: String,
    fetched_at: Instant,
    served: Arc<ServedStats>,
}

impl StatsCache {
    /// The cached batch, if it belongs to `period` and was read recently enough.
    pub fn fresh(&self, period: &str) -> Option<Arc<ServedStats>> {
        let cache = self.0.read().ok()?;
        cache
            .as_ref()
            .filter(|c| c.period == period && c.fetched_at.elapsed() < REFRESH_EVERY)
            .map(|c| Arc::clone(&c.served))
    }

    /// Keeps `served` as the batch of `period`, and returns what to serve: the batch
    /// kept already when its body is the same, with the compressed forms made for it,
    /// so re-reading an unchanged batch compresses nothing again.
    pub fn store(&self, period: String, served: Arc<ServedStats>) -> Arc<ServedStats> {
        let Ok(mut cache) = self.0.write() else {
            return served;
        };
        let served = match cache.as_ref() {
            Some(kept) if kept.served.json.etag() == served.json.etag() => Arc::clone(&kept.served),
            _ => served,
        };
        *cache = Some(CachedStats {
            period,
            fetched_at: Instant::now(),
            served: Arc::clone(&served),
        });
        served
    }
}

/// The current batch: from memory when this instance read it recently in this period,
/// otherwise from the database (computing it first when the period has none yet).
///
/// A batch never changes within its period, so re-reading at most every
/// `REFRESH_EVERY` (or at once when a new period begins) is enough for every instance
/// to serve the batch another instance computed.
pub async fn served(state: &AppState) -> Result<Arc<ServedStats>, AppError> {
    let config = state.config.stats.clone();
    let now = chrono::Utc::now().timestamp();
    let period = period_key(period_start(now, config.batch_seconds()));
    if let Some(hit) = state.stats_cache.fresh(&period) {
        return Ok(hit);
    }
    let published = crate::db::run(&state.pool, move |conn| {
        Ok(super::current(conn, &config, now)?)
    })
    .await?;
    let served = state
        .stats_cache
        .store(period, Arc::new(ServedStats::new(published)?));
    if !served.json.is_compressed() {
        // A new batch: its JSON and CSV are compressed once, off the async workers.
        let batch = Arc::clone(&served);
        actix_web::web::block(move || {
            batch.json.compressed();
            batch.csv.compressed();
        })
        .await
        .map_err(AppError::blocking)?;
    }
    Ok(served)
}
