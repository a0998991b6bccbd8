//! Statistics in storage: the answers of the stories that count, and the stored batches
//! (`stats_batches`, one row per window, already suppressed and rounded). What is counted
//! and how it is protected is in `crate::stats`.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::schema::{stats_batches, stories, story_choices};
use super::stories::{StoryStatus, ANSWER_COLUMNS};
use super::DbConnection;
use crate::questionnaire::Consent;

/// Which stories count: approved ones, whatever their consent (both consents allow counting).
const COUNTED_STATUS: StoryStatus = StoryStatus::Approved;
const COUNTED_CONSENTS: [Consent; 2] = [Consent::Publish, Consent::CountOnly];

/// The answers of every counted story, as (question, value) pairs: one per column answer
/// (`stories::ANSWER_COLUMNS`) and one per `story_choices` row.
pub struct CountedAnswers {
    /// How many stories count.
    pub stories: u64,
    /// (story row, question, value). The row id only tells which answers belong to one
    /// story (a story with several answers to a question answered it once), and never
    /// leaves the count.
    pub answers: Vec<(i64, String, String)>,
}

pub fn counted_answers(conn: &mut DbConnection) -> QueryResult<CountedAnswers> {
    let columns: Vec<(i64, String, String, String, String, String)> = stories::table
        .filter(stories::status.eq(COUNTED_STATUS))
        .filter(stories::consent.eq_any(COUNTED_CONSENTS))
        .select((
            stories::id,
            stories::writer,
            stories::age_band,
            stories::school_type,
            stories::time_at_home,
            stories::province,
        ))
        .load(conn)?;
    let rows: Vec<(i64, String, String)> = story_choices::table
        .inner_join(stories::table)
        .filter(stories::status.eq(COUNTED_STATUS))
        .filter(stories::consent.eq_any(COUNTED_CONSENTS))
        .select((
            story_choices::story_id,
            story_choices::question,
            story_choices::choice,
        ))
        .load(conn)?;
    let stories = columns.len() as u64;
    let mut answers = Vec::with_capacity(columns.len() * ANSWER_COLUMNS.len() + rows.len());
    for (id, writer, age_band, school_type, time_at_home, province) in columns {
        let values = [writer, age_band, school_type, time_at_home, province];
        answers.extend(
            ANSWER_COLUMNS
                .iter()
                .zip(values)
                .map(|(question, value)| (id, (*question).to_owned(), value)),
        );
    }
    answers.extend(rows);
    Ok(CountedAnswers { stories, answers })
}

/// The latest stored batch: its period and document.
pub fn latest_batch(conn: &mut DbConnection) -> QueryResult<Option<(String, String)>> {
    stats_batches::table
        .order(stats_batches::period.desc())
        .select((stats_batches::period, stats_batches::body))
        .first(conn)
        .optional()
}

/// Inserts the period's row unless it exists; true when this call inserted it (and so
/// computes the batch). The body is filled in (`store_batch`) before the transaction
/// commits.
pub fn claim_batch(conn: &mut DbConnection, key: &str, on: NaiveDate) -> QueryResult<bool> {
    let row = (
        stats_batches::period.eq(key),
        stats_batches::computed_on.eq(on),
        stats_batches::body.eq(""),
    );
    let inserted = match conn {
        DbConnection::Sqlite(conn) => diesel::insert_into(stats_batches::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(conn)?,
        DbConnection::Postgresql(conn) => diesel::insert_into(stats_batches::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(conn)?,
    };
    Ok(inserted == 1)
}

/// Fills in the document of a claimed period.
pub fn store_batch(conn: &mut DbConnection, key: &str, body: &str) -> QueryResult<()> {
    diesel::update(stats_batches::table.find(key))
        .set(stats_batches::body.eq(body))
        .execute(conn)
        .map(drop)
}
