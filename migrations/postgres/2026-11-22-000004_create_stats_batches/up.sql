-- Published statistics, one row per batch period. `body` is the JSON document exactly as
-- served: already suppressed and rounded. Unsuppressed counts are never stored.
-- `period` is the UTC start of the batch window (e.g. 2026-11-22T00:00Z); inserting it
-- claims the computation of that batch, so several instances compute it once.
CREATE TABLE stats_batches (
    period TEXT PRIMARY KEY,
    computed_on DATE NOT NULL,
    body TEXT NOT NULL
);
