//! Exact counts, read from the stories. They exist only in memory, between reading and
//! suppression: nothing here is stored, logged or printed (no `Debug`).

use std::collections::{HashMap, HashSet};

use diesel::QueryResult;

use super::suppression;
use super::{PublishedCell, PublishedTable, TABLES};
use crate::db::stats::{counted_answers, CountedAnswers};
use crate::db::DbConnection;
use crate::questionnaire::{question, Choice, Question, UNSAID};

/// Exact counts per question and option, in `QUESTIONS` option order.
pub struct ExactCounts {
    /// How many stories were counted.
    pub stories: u64,
    counts: HashMap<&'static str, Vec<u64>>,
    /// Per question, how many stories have at least one answer among its options.
    answered: HashMap<&'static str, u64>,
}

impl ExactCounts {
    /// The exact counts for one question, one per option.
    pub fn of(&self, question_id: &str) -> Option<&[u64]> {
        self.counts.get(question_id).map(Vec::as_slice)
    }

    /// How many stories answered `question_id` (with an option the question has now).
    pub fn answered(&self, question_id: &str) -> u64 {
        self.answered.get(question_id).copied().unwrap_or(0)
    }
}

/// Counts the answers of every counted story.
pub fn count(conn: &mut DbConnection) -> QueryResult<ExactCounts> {
    let CountedAnswers { singles, several } = counted_answers(conn)?;

    let mut counts: HashMap<&'static str, Vec<u64>> = HashMap::new();
    for id in TABLES {
        if let Some(q) = question(id) {
            counts.insert(q.id, vec![0; q.options.len()]);
        }
    }
    let mut answered: HashMap<&'static str, u64> = HashMap::new();
    // Counts one answer; the question it counted for, when the option is one it has.
    let mut add = |question_id: &str, option: &str| -> Option<&'static str> {
        let q = question(question_id)?;
        let index = q.options.iter().position(|o| *o == option)?;
        let cells = counts.get_mut(q.id)?;
        cells[index] += 1;
        Some(q.id)
    };
    for story in &singles {
        for (question_id, option) in [
            ("situation", &story.situation),
            ("time_at_home", &story.time_at_home),
            ("age_band", &story.age_band),
            ("school_type", &story.school_type),
            ("province", &story.province),
        ] {
            if let Some(id) = add(question_id, option) {
                *answered.entry(id).or_default() += 1;
            }
        }
    }
    // A story with several answers to one question is one story that answered it.
    let mut seen: HashSet<(&'static str, i64)> = HashSet::new();
    for (story, question_id, choice) in &several {
        if !question(question_id).is_some_and(|q| q.choice == Choice::Several) {
            continue;
        }
        if let Some(id) = add(question_id, choice) {
            if seen.insert((id, *story)) {
                *answered.entry(id).or_default() += 1;
            }
        }
    }
    Ok(ExactCounts {
        stories: singles.len() as u64,
        counts,
        answered,
    })
}

fn label(key: &str, locale: &str) -> String {
    rust_i18n::t!(key, locale = locale).into_owned()
}

fn option_key(q: &Question, option: &str) -> String {
    if option == UNSAID {
        "q.unsaid".to_owned()
    } else {
        format!("q.{}.{option}", q.id)
    }
}

/// The published tables: suppressed and rounded, with labels in both languages.
pub fn protect(exact: &ExactCounts, threshold: u32) -> Vec<PublishedTable> {
    let mut tables = Vec::new();
    for id in TABLES {
        let (Some(q), Some(counts)) = (question(id), exact.of(id)) else {
            continue;
        };
        // The stories this table rests on. For one answer per story they are the sum of the
        // cells; with several, a story may count in several cells, and the total is the
        // number of stories that answered.
        let rests_on = exact.answered(id);
        let total = match q.choice {
            Choice::One => counts.iter().sum(),
            Choice::Several => rests_on,
        };
        let protected = suppression::protect(counts, total, u64::from(threshold));
        let title_key = format!("stats.table.{id}");
        tables.push(PublishedTable {
            question: id.to_owned(),
            choice: match q.choice {
                Choice::One => "one",
                Choice::Several => "several",
            }
            .to_owned(),
            label_nl: label(&title_key, "nl"),
            label_en: label(&title_key, "en"),
            total: protected.total,
            total_suppressed: protected.total.is_none(),
            rests_on: suppression::protect_count(rests_on, u64::from(threshold)),
            cells: q
                .options
                .iter()
                .zip(&protected.cells)
                .map(|(option, count)| {
                    let key = option_key(q, option);
                    PublishedCell {
                        option: (*option).to_owned(),
                        label_nl: label(&key, "nl"),
                        label_en: label(&key, "en"),
                        count: *count,
                        suppressed: count.is_none(),
                    }
                })
                .collect(),
        });
    }
    tables
}
