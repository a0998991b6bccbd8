//! Stories in storage. Texts go in only as `AnonymisedText`; there is no way to write a
//! `String` or `RawText` into a text column from here.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::schema::{closed_stories, stories, story_choices};
use super::DbConnection;
use crate::anonymiser::{AnonymisedText, Summary};
use crate::lang::Lang;
use crate::questionnaire::{Answers, Consent, WithdrawalCodeHash};

/// A new story, ready to store: anonymised texts and validated answers.
pub struct NewStory {
    pub public_id: String,
    pub lang: Lang,
    pub submitted_on: NaiveDate,
    pub withdrawal: WithdrawalCodeHash,
    pub story: AnonymisedText,
    pub what_should_change: Option<AnonymisedText>,
    pub child_words: Option<AnonymisedText>,
    pub summary: Summary,
    pub answers: Answers,
}

#[derive(Insertable)]
#[diesel(table_name = stories)]
struct StoryRow<'a> {
    public_id: &'a str,
    lang: &'a str,
    status: StoryStatus,
    consent: Consent,
    submitted_on: NaiveDate,
    withdrawal_hash: &'a str,
    story_text: &'a AnonymisedText,
    change_text: Option<&'a AnonymisedText>,
    child_words: Option<&'a AnonymisedText>,
    removal_summary: &'a str,
    writer: &'a str,
    age_band: &'a str,
    school_type: &'a str,
    time_at_home: &'a str,
    province: &'a str,
}

/// The questions whose answer is a column of `stories` (one answer each, from the first
/// questionnaire on). Every other answer is a row of `story_choices`, one per option
/// chosen: the several-answer questions and the one-answer questions added later.
pub const ANSWER_COLUMNS: [&str; 5] = [
    "writer",
    "age_band",
    "school_type",
    "time_at_home",
    "province",
];

text_enum! {
    /// Where a story stands in review; stored in `stories.status`. Rejected and withdrawn
    /// stories are deleted, so they have no status.
    pub enum StoryStatus {
        /// Waiting for moderators.
        Pending = "pending",
        /// Approved: published if the parent chose that, counted in the statistics either way.
        Approved = "approved",
    }
}

/// Where a story stands, as its parent may see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusForParent {
    InReview,
    Published,
    /// Approved for the statistics only (the parent chose "only count").
    CountedOnly,
}

/// Stores a story and its answers in one transaction: all of it, or nothing.
pub fn insert_story(conn: &mut DbConnection, story: &NewStory) -> QueryResult<i64> {
    let summary = serde_json::to_string(&story.summary)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    let answers = &story.answers;
    let row = StoryRow {
        public_id: &story.public_id,
        lang: story.lang.code(),
        status: StoryStatus::Pending,
        consent: answers.consent,
        submitted_on: story.submitted_on,
        withdrawal_hash: story.withdrawal.as_str(),
        story_text: &story.story,
        change_text: story.what_should_change.as_ref(),
        child_words: story.child_words.as_ref(),
        removal_summary: &summary,
        writer: answers.single("writer"),
        age_band: answers.single("age_band"),
        school_type: answers.single("school_type"),
        time_at_home: answers.single("time_at_home"),
        province: answers.single("province"),
    };
    conn.transaction(|conn| {
        let id: i64 = diesel::insert_into(stories::table)
            .values(&row)
            .returning(stories::id)
            .get_result(conn)?;
        let in_rows = answers
            .single
            .iter()
            .filter(|(question, _)| !ANSWER_COLUMNS.contains(question))
            .map(|(question, option)| (*question, std::slice::from_ref(option)))
            .chain(
                answers
                    .several
                    .iter()
                    .map(|(question, options)| (*question, options.as_slice())),
            );
        for (question, options) in in_rows {
            for option in options {
                diesel::insert_into(story_choices::table)
                    .values((
                        story_choices::story_id.eq(id),
                        story_choices::question.eq(question),
                        story_choices::choice.eq(*option),
                    ))
                    .execute(conn)?;
            }
        }
        Ok(id)
    })
}

/// True when the story `public_id` exists and its withdrawal code has the hash `code`.
pub fn has_withdrawal(
    conn: &mut DbConnection,
    public_id: &str,
    code: &WithdrawalCodeHash,
) -> QueryResult<bool> {
    let found: Option<i64> = stories::table
        .filter(stories::public_id.eq(public_id))
        .filter(stories::withdrawal_hash.eq(code.as_str()))
        .select(stories::id)
        .first(conn)
        .optional()?;
    Ok(found.is_some())
}

/// A story as its parent sees it with their code: as it is stored now (which is also what
/// is published, if it is), whether a moderator changed it, and its status.
pub struct StoryForParent {
    pub status: StatusForParent,
    pub story: AnonymisedText,
    pub what_should_change: Option<AnonymisedText>,
    pub child_words: Option<AnonymisedText>,
    /// The title a moderator gave it, shown once it is published.
    pub title: Option<AnonymisedText>,
    /// A moderator edited the texts. Their edit replaces the stored text (what they
    /// removed is gone from the database), so the parent sees the changed version only.
    pub edited: bool,
}

/// The story a withdrawal code belongs to, if any.
pub fn story_by_code(
    conn: &mut DbConnection,
    code: &WithdrawalCodeHash,
) -> QueryResult<Option<StoryForParent>> {
    type Row = (
        String,
        StoryStatus,
        Consent,
        AnonymisedText,
        Option<AnonymisedText>,
        Option<AnonymisedText>,
        Option<AnonymisedText>,
    );
    let found: Option<Row> = stories::table
        .filter(stories::withdrawal_hash.eq(code.as_str()))
        .select((
            stories::public_id,
            stories::status,
            stories::consent,
            stories::story_text,
            stories::change_text,
            stories::child_words,
            stories::title,
        ))
        .first(conn)
        .optional()?;
    let Some((public_id, status, consent, story, what_should_change, child_words, title)) = found
    else {
        return Ok(None);
    };
    let edits: i64 = super::schema::audit_log::table
        .filter(super::schema::audit_log::story_ref.eq(&public_id))
        .filter(super::schema::audit_log::action.eq(super::audit::AuditAction::Edited))
        .count()
        .get_result(conn)?;
    let status = parent_status(status, consent);
    Ok(Some(StoryForParent {
        status,
        story,
        what_should_change,
        child_words,
        title: title.filter(|_| status == StatusForParent::Published),
        edited: edits > 0,
    }))
}

fn parent_status(status: StoryStatus, consent: Consent) -> StatusForParent {
    match (status, consent) {
        (StoryStatus::Approved, Consent::Publish) => StatusForParent::Published,
        (StoryStatus::Approved, Consent::CountOnly) => StatusForParent::CountedOnly,
        (StoryStatus::Pending, _) => StatusForParent::InReview,
    }
}

/// Deletes the story a withdrawal code belongs to, with its answers. Returns whether
/// there was one. On SQLite, `secure_delete` overwrites the freed pages.
pub fn delete_by_code(conn: &mut DbConnection, code: &WithdrawalCodeHash) -> QueryResult<bool> {
    conn.transaction(|conn| {
        let found: Option<(i64, String)> = stories::table
            .filter(stories::withdrawal_hash.eq(code.as_str()))
            .select((stories::id, stories::public_id))
            .first(conn)
            .optional()?;
        let Some((id, public_id)) = found else {
            return Ok(false);
        };
        close(conn, &public_id, chrono::Utc::now().date_naive())?;
        diesel::delete(story_choices::table.filter(story_choices::story_id.eq(id)))
            .execute(conn)?;
        diesel::delete(stories::table.filter(stories::id.eq(id))).execute(conn)?;
        Ok(true)
    })
}

/// Moves the write-ahead log into the database file and empties it, so deleted text does
/// not linger in the WAL. A no-op on PostgreSQL, whose own vacuum reclaims dead rows.
pub fn checkpoint_after_delete(conn: &mut DbConnection) -> QueryResult<()> {
    if let DbConnection::Sqlite(conn) = conn {
        diesel::connection::SimpleConnection::batch_execute(
            conn,
            "PRAGMA wal_checkpoint(TRUNCATE)",
        )?;
    }
    Ok(())
}

/// Remembers that the story with `public_id` was withdrawn or rejected, until its form can
/// no longer be sent (`form_token::VALIDITY`, rounded up to whole days), so that sending
/// the same form again (a Reload of the thank-you page) does not store it again.
pub fn close(conn: &mut DbConnection, public_id: &str, today: NaiveDate) -> QueryResult<()> {
    let days = crate::protection::form_token::VALIDITY
        .as_secs()
        .div_ceil(86_400)
        + 1;
    let forget_on = today + chrono::Days::new(days);
    let row = (
        closed_stories::public_id.eq(public_id),
        closed_stories::forget_on.eq(forget_on),
    );
    match conn {
        DbConnection::Sqlite(conn) => diesel::insert_into(closed_stories::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(conn)?,
        DbConnection::Postgresql(conn) => diesel::insert_into(closed_stories::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(conn)?,
    };
    Ok(())
}

/// Was the story with `public_id` withdrawn or rejected while its form is still valid?
/// Forgets the ids whose forms have expired on the way.
pub fn is_closed(conn: &mut DbConnection, public_id: &str, today: NaiveDate) -> QueryResult<bool> {
    diesel::delete(closed_stories::table.filter(closed_stories::forget_on.lt(today)))
        .execute(conn)?;
    let found: Option<String> = closed_stories::table
        .find(public_id)
        .select(closed_stories::public_id)
        .first(conn)
        .optional()?;
    Ok(found.is_some())
}
