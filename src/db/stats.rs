//! Statistics in storage: the answers of the stories that count, and the stored batches
//! (`stats_batches`, one row per window, already suppressed and rounded). What is counted
//! and how it is protected is in `crate::stats`.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::schema::{stats_batches, stories, story_choices};
use super::stories::StoryStatus;
use super::DbConnection;
use crate::questionnaire::Consent;

/// Which stories count: approved ones, whatever their consent (both consents allow counting).
const COUNTED_STATUS: StoryStatus = StoryStatus::Approved;
const COUNTED_CONSENTS: [Consent; 2] = [Consent::Publish, Consent::CountOnly];

/// The single answers of one counted story.
pub struct SingleAnswers {
    pub situation: String,
    pub time_at_home: String,
    pub age_band: String,
    pub school_type: String,
    pub province: String,
}

/// The answers of every counted story.
pub struct CountedAnswers {
    /// One row of single answers per story.
    pub singles: Vec<SingleAnswers>,
    /// Every (story row, question, choice) of the questions with several answers; the
    /// row id only tells which choices belong to one story, and never leaves the count.
    pub several: Vec<(i64, String, String)>,
}

pub fn counted_answers(conn: &mut DbConnection) -> QueryResult<CountedAnswers> {
    let singles: Vec<(String, String, String, String, String)> = stories::table
        .filter(stories::status.eq(COUNTED_STATUS))
        .filter(stories::consent.eq_any(COUNTED_CONSENTS))
        .select((
            stories::situation,
            stories::time_at_home,
            stories::age_band,
            stories::school_type,
            stories::province,
        ))
        .load(conn)?;
    let several: Vec<(i64, String, String)> = story_choices::table
        .inner_join(stories::table)
        .filter(stories::status.eq(COUNTED_STATUS))
        .filter(stories::consent.eq_any(COUNTED_CONSENTS))
        .select((
            story_choices::story_id,
            story_choices::question,
            story_choices::choice,
        ))
        .load(conn)?;
    let singles = singles
        .into_iter()
        .map(
            |(situation, time_at_home, age_band, school_type, province)| SingleAnswers {
                situation,
                time_at_home,
                age_band,
                school_type,
                province,
            },
        )
        .collect();
    Ok(CountedAnswers { singles, several })
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
