//! Statistics that never point at a family.
//!
//! `/api/v1/stats` and the numbers page publish fixed tables only: counts per option of
//! the questions in [`TABLES`], over approved stories (both consents allow counting;
//! pending stories never count). Every table goes through [`suppression`]: cells below
//! the threshold are suppressed, more cells are suppressed so no suppressed value follows
//! from the total, and what is published is rounded to the nearest 5.
//!
//! Every table says how many stories it rests on (`rests_on`: the stories that answered
//! its question), and the document says how many stories count at all (`stories`, the
//! headline); both are rounded and suppressed like every cell, so neither can single out
//! a family. These are stories parents chose to share, not a count of all thuiszitters,
//! and every page that shows them says so.
//!
//! The tables are computed in batches ([`batch`]): once per `KANARIE_STATS_BATCH_HOURS`
//! window, by one instance, and stored already suppressed and rounded. Every instance
//! serves the latest stored batch, so comparing two versions shows a whole window's worth
//! of stories at once rather than one new story.

pub mod batch;
pub mod csv;
mod served;
pub mod suppression;
pub mod tables;

use serde::{Deserialize, Serialize};

pub use crate::config::StatsConfig;

pub use batch::current;
pub use served::{served, ServedStats, StatsCache};

/// The shape of the stored document. A batch stored in another format is not served: the
/// period is computed again in this format (the format is part of the period's key).
pub const FORMAT: u32 = 2;

/// The questions that get a table, in the order they are published: every question, in
/// the questionnaire's order (each table is one-way; no table crosses two questions).
pub const TABLES: [&str; 12] = [
    "writer",
    "age_band",
    "registration",
    "school_type",
    "time_at_home",
    "started",
    "situation",
    "education_hours",
    "reasons",
    "measures",
    "helped",
    "province",
];

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
    /// Every counted story (rounded; `null` when fewer than the threshold): the headline.
    pub stories: Option<u64>,
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
    /// The (rounded) total, `null` when suppressed: the sum of the cells for `"one"`,
    /// the number of stories that answered for `"several"`.
    pub total: Option<u64>,
    pub total_suppressed: bool,
    /// How many stories this table rests on: those that answered its question (rounded,
    /// `null` when fewer than the threshold). Old stories may not have answered a newer
    /// question, so a table can rest on fewer stories than the headline.
    pub rests_on: Option<u64>,
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

impl PublishedStats {
    /// The table of `question`, if it is published.
    pub fn table(&self, question: &str) -> Option<&PublishedTable> {
        self.tables.iter().find(|t| t.question == question)
    }
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

    #[test]
    fn every_question_is_a_table_and_every_table_a_question() {
        for id in TABLES {
            assert!(crate::questionnaire::question(id).is_some(), "{id}");
        }
        let questions: Vec<&str> = crate::questionnaire::QUESTIONS
            .iter()
            .map(|q| q.id)
            .collect();
        assert_eq!(
            TABLES.to_vec(),
            questions,
            "one table per question, in page order"
        );
    }
}
