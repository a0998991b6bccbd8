DROP TABLE stats_batches;
