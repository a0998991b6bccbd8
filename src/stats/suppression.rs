//! Statistical disclosure control for one table: primary and secondary cell suppression
//! and rounding. Pure functions, so the rules can be tested on their own.
//!
//! Rules, for a threshold `t` (at least 5):
//!
//! 1. *Primary*: every cell below `t` is suppressed, zero included (an empty cell says
//!    that every family is elsewhere, which is as telling as a small one).
//! 2. *Secondary*: when cells are suppressed and the total is published, at least two cells
//!    are suppressed and together they hold at least `t` stories; otherwise the next
//!    smallest published cell is suppressed too, until that holds. So
//!    `total - sum(published cells)` is never a single cell, nor a small group.
//! 3. *Total*: the total is suppressed when it is below `t` (then every cell is too). If the
//!    suppressed cells still held fewer than `t` stories with every cell suppressed (not
//!    possible when the cells add up to the total), the total is suppressed as well.
//! 4. *Rounding*: published values are rounded to the *nearest* multiple of 5 (2 down,
//!    3 up). Nearest rather than up: it adds no bias to sums and shares (rounding up
//!    inflates every cell by 2 on average), and since published cells are at least `t`
//!    (≥ 5) before rounding, nearest never turns a published cell into 0. Rounding means
//!    a single new story moves a published value only now and then, and totals minus
//!    published cells are known only to within a few stories.

/// Published counts are multiples of this.
pub const ROUND_TO: u64 = 5;

/// How the API names the rounding rule.
pub const ROUNDING: &str = "nearest 5";

/// The lowest threshold kanarie accepts.
pub const MIN_THRESHOLD: u64 = 5;

/// One table after suppression: `None` is a suppressed value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Protected {
    pub cells: Vec<Option<u64>>,
    pub total: Option<u64>,
}

/// Rounds to the nearest multiple of 5 (ties cannot happen with whole numbers).
pub fn round(count: u64) -> u64 {
    (count + ROUND_TO / 2) / ROUND_TO * ROUND_TO
}

/// Which cells to suppress, before rounding: `true` means suppressed. The second value
/// says whether the total is suppressed.
pub fn suppression_pattern(counts: &[u64], total: u64, threshold: u64) -> (Vec<bool>, bool) {
    let threshold = threshold.max(MIN_THRESHOLD);
    let mut suppressed: Vec<bool> = counts.iter().map(|&c| c < threshold).collect();
    let mut total_suppressed = total < threshold;
    loop {
        let count = suppressed.iter().filter(|s| **s).count();
        if count == 0 {
            break;
        }
        let hidden: u64 = counts
            .iter()
            .zip(&suppressed)
            .filter(|(_, s)| **s)
            .map(|(c, _)| *c)
            .sum();
        let enough = count >= 2 && (total_suppressed || hidden >= threshold);
        if enough {
            break;
        }
        // The next smallest published cell; the first in question order on a tie.
        let next = counts
            .iter()
            .enumerate()
            .filter(|(i, _)| !suppressed[*i])
            .min_by_key(|(i, c)| (**c, *i))
            .map(|(i, _)| i);
        match next {
            Some(i) => suppressed[i] = true,
            None => {
                // Every cell is suppressed and they still do not protect each other:
                // then the total must not be published either.
                if hidden < threshold || count < 2 {
                    total_suppressed = true;
                }
                break;
            }
        }
    }
    (suppressed, total_suppressed)
}

/// Suppresses and rounds one table. `counts` are the exact counts per option, `total`
/// the exact total (the sum of the cells for single-choice questions, the number of
/// counted stories for several-choice questions).
pub fn protect(counts: &[u64], total: u64, threshold: u64) -> Protected {
    let (suppressed, total_suppressed) = suppression_pattern(counts, total, threshold);
    Protected {
        cells: counts
            .iter()
            .zip(&suppressed)
            .map(|(&c, &s)| (!s).then(|| round(c)))
            .collect(),
        total: (!total_suppressed).then(|| round(total)),
    }
}

/// A count published on its own (the headline, the stories a table rests on): hidden
/// below the threshold, rounded otherwise, as a table's total is.
pub fn protect_count(count: u64, threshold: u64) -> Option<u64> {
    (count >= threshold.max(MIN_THRESHOLD)).then(|| round(count))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_count_on_its_own_is_hidden_when_small_and_rounded_otherwise() {
        assert_eq!(protect_count(0, 10), None);
        assert_eq!(protect_count(9, 10), None);
        assert_eq!(protect_count(10, 10), Some(10));
        assert_eq!(protect_count(12, 10), Some(10));
        assert_eq!(protect_count(13, 10), Some(15));
        assert_eq!(
            protect_count(4, 1),
            None,
            "the threshold is never below five"
        );
        // The same rule as a table's total.
        assert_eq!(protect(&[7, 6], 13, 10).total, protect_count(13, 10));
    }

    #[test]
    fn rounds_to_the_nearest_five() {
        let rounded: Vec<u64> = [0, 1, 2, 3, 4, 5, 7, 8, 10, 12, 13, 99]
            .iter()
            .map(|&c| round(c))
            .collect();
        assert_eq!(rounded, [0, 0, 0, 5, 5, 5, 5, 10, 10, 10, 15, 100]);
    }

    #[test]
    fn a_small_cell_takes_the_next_smallest_with_it() {
        let table = protect(&[3, 40, 12, 25], 80, 10);
        assert_eq!(table.cells, [None, Some(40), None, Some(25)]);
        assert_eq!(table.total, Some(80));
    }

    #[test]
    fn suppressed_cells_together_reach_the_threshold() {
        // 1 + 2 + 3 = 6 < 10: a fourth cell goes too.
        let table = protect(&[1, 2, 3, 30, 50], 86, 10);
        assert_eq!(table.cells, [None, None, None, None, Some(50)]);
        assert_eq!(table.total, Some(85));
    }

    #[test]
    fn the_rather_not_say_cell_is_a_cell_like_any_other() {
        // The last option is "unsaid": it is suppressed for being small, like the others.
        let table = protect(&[20, 20, 20, 4], 64, 10);
        assert_eq!(table.cells, [None, Some(20), Some(20), None]);
    }

    #[test]
    fn a_small_total_hides_everything() {
        let table = protect(&[2, 3, 0], 5, 10);
        assert_eq!(table.cells, [None, None, None]);
        assert_eq!(table.total, None);
        let empty = protect(&[0, 0], 0, 10);
        assert_eq!(empty.total, None);
    }

    #[test]
    fn nothing_small_means_nothing_suppressed() {
        let table = protect(&[10, 11, 12], 33, 10);
        assert_eq!(table.cells, [Some(10), Some(10), Some(10)]);
        assert_eq!(table.total, Some(35));
    }

    #[test]
    fn the_threshold_is_never_below_five() {
        let table = protect(&[4, 30], 34, 1);
        assert_eq!(table.cells, [None, None]);
    }

    /// Exact counts per option and their total, as a single-choice table has them.
    fn additive_table() -> impl Strategy<Value = (Vec<u64>, u64, u64)> {
        (
            proptest::collection::vec(prop_oneof![0u64..15, 0u64..200], 2..15),
            5u64..30,
        )
            .prop_map(|(counts, threshold)| {
                let total = counts.iter().sum();
                (counts, total, threshold)
            })
    }

    proptest! {
        #[test]
        fn every_published_cell_held_at_least_the_threshold((counts, total, threshold) in additive_table()) {
            let (pattern, _) = suppression_pattern(&counts, total, threshold);
            for (count, suppressed) in counts.iter().zip(&pattern) {
                prop_assert!(*suppressed || *count >= threshold);
            }
        }

        #[test]
        fn published_counts_are_multiples_of_five_and_close((counts, total, threshold) in additive_table()) {
            let table = protect(&counts, total, threshold);
            for (published, exact) in table.cells.iter().zip(&counts) {
                if let Some(published) = published {
                    prop_assert_eq!(published % 5, 0);
                    prop_assert!(published.abs_diff(*exact) <= 2);
                    prop_assert!(*published >= 5);
                }
            }
            if let Some(published) = table.total {
                prop_assert_eq!(published % 5, 0);
                prop_assert!(published.abs_diff(total) <= 2);
            }
        }

        /// With the total published, `total - sum(published cells)` is the sum of the
        /// suppressed cells: there are never exactly one of them, and they hold at least
        /// `threshold` stories together, so no single suppressed value can be worked out
        /// (each could be one more or less, with another one less or more).
        #[test]
        fn no_suppressed_cell_can_be_recovered_from_the_total((counts, total, threshold) in additive_table()) {
            let (pattern, total_suppressed) = suppression_pattern(&counts, total, threshold);
            let hidden: Vec<u64> = counts.iter().zip(&pattern).filter(|(_, s)| **s).map(|(c, _)| *c).collect();
            if !total_suppressed && !hidden.is_empty() {
                prop_assert!(hidden.len() >= 2);
                prop_assert!(hidden.iter().sum::<u64>() >= threshold);
                let published: u64 = counts.iter().zip(&pattern).filter(|(_, s)| !**s).map(|(c, _)| *c).sum();
                let difference = total - published;
                prop_assert_eq!(difference, hidden.iter().sum::<u64>());
                for value in &hidden {
                    // Another table, with this cell one more (or less) and another
                    // suppressed cell one less (or more), publishes exactly the same.
                    let others = difference - value;
                    prop_assert!(*value > 0 || others > 0);
                }
            }
        }

        #[test]
        fn the_total_is_hidden_exactly_when_it_is_small((counts, total, threshold) in additive_table()) {
            let (pattern, total_suppressed) = suppression_pattern(&counts, total, threshold);
            prop_assert_eq!(total_suppressed, total < threshold);
            if total_suppressed {
                prop_assert!(pattern.iter().all(|s| *s));
            }
        }

        #[test]
        fn several_choice_tables_keep_the_same_rules(
            counts in proptest::collection::vec(0u64..60, 2..12),
            stories in 0u64..100,
            threshold in 5u64..20,
        ) {
            let (pattern, total_suppressed) = suppression_pattern(&counts, stories, threshold);
            let hidden: Vec<u64> = counts.iter().zip(&pattern).filter(|(_, s)| **s).map(|(c, _)| *c).collect();
            for (count, suppressed) in counts.iter().zip(&pattern) {
                prop_assert!(*suppressed || *count >= threshold);
            }
            if !total_suppressed && !hidden.is_empty() {
                prop_assert!(hidden.len() >= 2);
                prop_assert!(hidden.iter().sum::<u64>() >= threshold);
            }
        }
    }
}
