//! Exact counts, read from the stories. They exist only in memory, between reading and
//! suppression: nothing here is stored, logged or printed (no `Debug`).

use std::collections::HashMap;

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
}

impl ExactCounts {
    /// The exact counts for one question, one per option.
    pub fn of(&self, question_id: &str) -> Option<&[u64]> {
        self.counts.get(question_id).map(Vec::as_slice)
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
    let mut add = |question_id: &str, option: &str| {
        let Some(q) = question(question_id) else {
            return;
        };
        let Some(index) = q.options.iter().position(|o| *o == option) else {
            return;
        };
        if let Some(cells) = counts.get_mut(q.id) {
            cells[index] += 1;
        }
    };
    for story in &singles {
        add("situation", &story.situation);
        add("time_at_home", &story.time_at_home);
        add("age_band", &story.age_band);
        add("school_type", &story.school_type);
        add("province", &story.province);
    }
    for (question_id, choice) in &several {
        if question(question_id).is_some_and(|q| q.choice == Choice::Several) {
            add(question_id, choice);
        }
    }
    Ok(ExactCounts {
        stories: singles.len() as u64,
        counts,
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
        let total = match q.choice {
            // Every counted story has exactly one answer: the cells add up to the total.
            Choice::One => counts.iter().sum(),
            // A story may count in several cells: the total is the number of stories.
            Choice::Several => exact.stories,
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
