// The stats batches table as diesel sees it; keep in step with
// migrations/*/2026-11-22-000004_create_stats_batches.

diesel::table! {
    stats_batches (period) {
        period -> Text,
        computed_on -> Date,
        body -> Text,
    }
}
