//! Statistics settings: how small a published count may be, and how often the tables are
//! recomputed (`KANARIE_STATS_...`). What they protect is described in `crate::stats`.

use std::time::Duration;

use super::ConfigError;

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
}
