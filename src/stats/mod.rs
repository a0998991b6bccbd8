//! Statistics that never point at a family.
//!
//! `/api/v1/stats` and the numbers page publish fixed tables only: counts per option of
//! the questions in [`TABLES`], over approved stories (both consents allow counting;
//! pending stories never count). Every table goes through [`suppression`]: cells below
//! the threshold are suppressed, more cells are suppressed so no suppressed value follows
//! from the total, and what is published is rounded to the nearest 5.
//!
//! The tables are computed in batches ([`batch`]): once per `KANARIE_STATS_BATCH_HOURS`
//! window, by one instance, and stored already suppressed and rounded. Every instance
//! serves the latest stored batch, so comparing two versions shows a whole window's worth
//! of stories at once rather than one new story.

pub mod batch;
pub mod suppression;
pub mod tables;

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::config::ConfigError;

pub use batch::current;

/// The questions that get a table, in the order they are published.
pub const TABLES: [&str; 7] = [
    "reasons",
    "helped",
    "situation",
    "time_at_home",
    "age_band",
    "school_type",
    "province",
];

/// How statistics are protected and how often they are recomputed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatsConfig {
    /// Cells (and totals) below this are suppressed; never below 5.
    pub min_cell: u32,
    /// A new batch is computed once per this interval.
    pub batch_every: Duration,
}

impl Default for StatsConfig {
    fn default() -> StatsConfig {
        StatsConfig {
            min_cell: 10,
            batch_every: Duration::from_secs(24 * 3600),
        }
    }
}

impl StatsConfig {
    /// Reads `KANARIE_STATS_MIN_CELL` (default 10, at least 5) and
    /// `KANARIE_STATS_BATCH_HOURS` (default 24, 1 to 8760).
    pub fn from_lookup(
        lookup: &dyn Fn(&str) -> Option<String>,
    ) -> Result<StatsConfig, ConfigError> {
        let read = |name: &str| {
            lookup(name)
                .map(|value| value.trim().to_owned())
                .filter(|value| !value.is_empty())
        };
        let min_cell = match read("KANARIE_STATS_MIN_CELL") {
            None => 10,
            Some(value) => value
                .parse::<u32>()
                .ok()
                .filter(|n| (5..=10_000).contains(n))
                .ok_or(ConfigError {
                    variable: "KANARIE_STATS_MIN_CELL",
                    expected:
                        "a whole number of at least 5 (smaller cells could point at a family)",
                })?,
        };
        let hours = match read("KANARIE_STATS_BATCH_HOURS") {
            None => 24,
            Some(value) => value
                .parse::<u64>()
                .ok()
                .filter(|n| (1..=8760).contains(n))
                .ok_or(ConfigError {
                    variable: "KANARIE_STATS_BATCH_HOURS",
                    expected: "a whole number of hours from 1 to 8760",
                })?,
        };
        Ok(StatsConfig {
            min_cell,
            batch_every: Duration::from_secs(hours * 3600),
        })
    }

    /// The batch interval in seconds (at least one hour).
    pub fn batch_seconds(&self) -> i64 {
        i64::try_from(self.batch_every.as_secs())
            .unwrap_or(i64::MAX)
            .max(3600)
    }
}

/// The published document: what `/api/v1/stats` returns and the numbers page shows.
/// It holds only suppressed and rounded values; this is also what is stored.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct PublishedStats {
    /// Cells below this were suppressed.
    pub threshold: u32,
    /// How published counts were rounded: `"nearest 5"`.
    pub rounding: String,
    /// The day (UTC) this batch was computed, `YYYY-MM-DD`.
    pub computed_on: String,
    /// The day (UTC) after which the next batch may be computed, `YYYY-MM-DD`.
    pub next_batch_after: String,
    pub tables: Vec<PublishedTable>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct PublishedTable {
    /// The question's id (`reasons`, `province`, ...).
    pub question: String,
    /// `"one"`: the cells add up to the total; `"several"`: a story may count in several
    /// cells, and the total is the number of counted stories.
    pub choice: String,
    pub label_nl: String,
    pub label_en: String,
    /// The (rounded) total, `null` when suppressed.
    pub total: Option<u64>,
    pub total_suppressed: bool,
    pub cells: Vec<PublishedCell>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct PublishedCell {
    pub option: String,
    pub label_nl: String,
    pub label_en: String,
    /// The rounded count, `null` when suppressed.
    pub count: Option<u64>,
    pub suppressed: bool,
}

impl PublishedTable {
    pub fn label(&self, lang: crate::lang::Lang) -> &str {
        match lang {
            crate::lang::Lang::Nl => &self.label_nl,
            crate::lang::Lang::En => &self.label_en,
        }
    }
}

impl PublishedCell {
    pub fn label(&self, lang: crate::lang::Lang) -> &str {
        match lang {
            crate::lang::Lang::Nl => &self.label_nl,
            crate::lang::Lang::En => &self.label_en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<StatsConfig, ConfigError> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        StatsConfig::from_lookup(&|name| vars.get(name).cloned())
    }

    #[test]
    fn defaults_are_ten_and_a_day() {
        assert_eq!(config(&[]).unwrap(), StatsConfig::default());
        let set = config(&[
            ("KANARIE_STATS_MIN_CELL", "5"),
            ("KANARIE_STATS_BATCH_HOURS", "6"),
        ])
        .unwrap();
        assert_eq!(set.min_cell, 5);
        assert_eq!(set.batch_seconds(), 6 * 3600);
    }

    #[test]
    fn a_threshold_below_five_is_refused() {
        for value in ["4", "0", "-1", "tien"] {
            let err = config(&[("KANARIE_STATS_MIN_CELL", value)]).unwrap_err();
            assert_eq!(err.variable, "KANARIE_STATS_MIN_CELL");
        }
        for value in ["0", "twee", "100000"] {
            let err = config(&[("KANARIE_STATS_BATCH_HOURS", value)]).unwrap_err();
            assert_eq!(err.variable, "KANARIE_STATS_BATCH_HOURS");
        }
    }

    #[test]
    fn every_table_is_a_question() {
        for id in TABLES {
            assert!(crate::questionnaire::question(id).is_some(), "{id}");
        }
    }
}
