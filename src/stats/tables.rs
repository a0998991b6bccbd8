//! Exact counts, read from the stories. They exist only in memory, between reading and
//! suppression: nothing here is stored, logged or printed (no `Debug`).

use std::collections::{HashMap, HashSet};

use diesel::QueryResult;

use super::suppression;
use super::{PublishedCell, PublishedTable, TABLES};
use crate::db::stats::{counted_answers, CountedAnswers};
use crate::db::DbConnection;
use crate::questionnaire::{question, Choice};

/// Exact counts per question and stored value, in `Question::stored_values` order.
pub struct ExactCounts {
    /// How many stories were counted.
    pub stories: u64,
    counts: HashMap<&'static str, Vec<u64>>,
    /// Per question, how many stories have at least one answer among its options.
    answered: HashMap<&'static str, u64>,
}

impl ExactCounts {
    /// The exact counts for one question, one per stored value.
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
    let CountedAnswers { stories, answers } = counted_answers(conn)?;

    let mut counts: HashMap<&'static str, Vec<u64>> = HashMap::new();
    for id in TABLES {
        if let Some(q) = question(id) {
            counts.insert(q.id, vec![0; q.stored_values().len()]);
        }
    }
    let values: HashMap<&'static str, Vec<&'static str>> = TABLES
        .iter()
        .filter_map(|id| question(id))
        .map(|q| (q.id, q.stored_values()))
        .collect();
    let mut answered: HashMap<&'static str, u64> = HashMap::new();
    // A story with several answers to one question is one story that answered it.
    let mut seen: HashSet<(&'static str, i64)> = HashSet::new();
    for (story, question_id, value) in &answers {
        let Some(q) = question(question_id) else {
            continue;
        };
        let Some(index) = values
            .get(q.id)
            .and_then(|values| values.iter().position(|v| *v == value.as_str()))
        else {
            continue;
        };
        if let Some(cells) = counts.get_mut(q.id) {
            cells[index] += 1;
            if seen.insert((q.id, *story)) {
                *answered.entry(q.id).or_default() += 1;
            }
        }
    }
    Ok(ExactCounts {
        stories,
        counts,
        answered,
    })
}

fn label(key: &str, locale: &str) -> String {
    rust_i18n::t!(key, locale = locale).into_owned()
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
                .stored_values()
                .iter()
                .zip(&protected.cells)
                .map(|(option, count)| {
                    let key = q.option_key(option);
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
