//! What moderators read and change: the queue, one story, edits, approvals, rejections
//! and themes. Edited text and titles come in only as `AnonymisedText`.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::schema::{moderators, stories, story_approvals, story_choices, story_themes, themes};
use super::stories::StoryStatus;
use super::DbConnection;
use crate::anonymiser::{AnonymisedText, Summary};
use crate::questionnaire::Consent;

/// A story waiting for review, as the queue lists it: its anonymised text (for the
/// excerpt, the length and the words worth a second look), who is reviewing it and until
/// when, how many approvals it has and why it was taken down, if it was.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = stories)]
pub struct QueueRow {
    pub id: i64,
    pub public_id: String,
    pub lang: String,
    pub consent: Consent,
    pub submitted_on: NaiveDate,
    pub story_text: AnonymisedText,
    pub claimed_by: Option<i64>,
    pub claimed_until: Option<i64>,
    pub taken_down_reason: Option<String>,
}

/// A queue row with the claim's holder and the approvals so far.
#[derive(Clone, Debug)]
pub struct QueueItem {
    pub row: QueueRow,
    /// The e-mail of the moderator whose claim is still running, if any.
    pub claimed_by: Option<(i64, String)>,
    pub approvals: i64,
}

/// The pending stories, oldest first.
pub fn queue(conn: &mut DbConnection, now: i64) -> QueryResult<Vec<QueueItem>> {
    let rows: Vec<QueueRow> = stories::table
        .filter(stories::status.eq(StoryStatus::Pending))
        .order(stories::id.asc())
        .select(QueueRow::as_select())
        .load(conn)?;
    let holders: Vec<(i64, String)> = moderators::table
        .select((moderators::id, moderators::email))
        .load(conn)?;
    let approvals: Vec<i64> = story_approvals::table
        .inner_join(stories::table)
        .filter(stories::status.eq(StoryStatus::Pending))
        .select(story_approvals::story_id)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let claimed_by = match (row.claimed_by, row.claimed_until) {
                (Some(holder), Some(until)) if until > now => {
                    holders.iter().find(|(id, _)| *id == holder).cloned()
                }
                _ => None,
            };
            let approvals = approvals.iter().filter(|id| **id == row.id).count() as i64;
            QueueItem {
                row,
                claimed_by,
                approvals,
            }
        })
        .collect())
}

/// Marks a pending story as being reviewed by `moderator_id` until `until`, unless another
/// moderator's claim is still running at `now`. Returns who holds the claim afterwards
/// (this moderator, or the other one).
pub fn claim(
    conn: &mut DbConnection,
    story_id: i64,
    moderator_id: i64,
    now: i64,
    until: i64,
) -> QueryResult<Option<i64>> {
    conn.transaction(|conn| {
        // One statement decides, so two moderators opening the story at once cannot both
        // take it: the second finds the first's running claim in the condition.
        diesel::update(
            stories::table
                .find(story_id)
                .filter(stories::status.eq(StoryStatus::Pending))
                .filter(
                    stories::claimed_until
                        .is_null()
                        .or(stories::claimed_until.le(now))
                        .or(stories::claimed_by.eq(moderator_id)),
                ),
        )
        .set((
            stories::claimed_by.eq(moderator_id),
            stories::claimed_until.eq(until),
        ))
        .execute(conn)?;
        stories::table
            .find(story_id)
            .select(stories::claimed_by)
            .first(conn)
    })
}

/// Ends `moderator_id`'s claim on a story (after they approved, rejected or took it down).
pub fn release_claim(conn: &mut DbConnection, story_id: i64, moderator_id: i64) -> QueryResult<()> {
    diesel::update(
        stories::table
            .find(story_id)
            .filter(stories::claimed_by.eq(moderator_id)),
    )
    .set((
        stories::claimed_by.eq(None::<i64>),
        stories::claimed_until.eq(None::<i64>),
    ))
    .execute(conn)
    .map(drop)
}

/// The story `moderator_id` should review next: the oldest pending one that nobody else
/// is reviewing, that they have not approved already, other than `done` (the story they
/// just finished, which may still be pending, waiting for a second moderator).
pub fn next_for(
    conn: &mut DbConnection,
    moderator_id: i64,
    done: i64,
    now: i64,
) -> QueryResult<Option<String>> {
    let approved_by_me = story_approvals::table
        .filter(story_approvals::moderator_id.eq(moderator_id))
        .select(story_approvals::story_id);
    stories::table
        .filter(stories::status.eq(StoryStatus::Pending))
        .filter(stories::id.ne(done))
        .filter(
            stories::claimed_until
                .is_null()
                .or(stories::claimed_until.le(now))
                .or(stories::claimed_by.eq(moderator_id)),
        )
        .filter(stories::id.ne_all(approved_by_me))
        .order(stories::id.asc())
        .select(stories::public_id)
        .first(conn)
        .optional()
}

pub fn pending_count(conn: &mut DbConnection) -> QueryResult<i64> {
    stories::table
        .filter(stories::status.eq(StoryStatus::Pending))
        .count()
        .get_result(conn)
}

/// Pending stories submitted before `day`: waiting too long.
pub fn pending_since_before(conn: &mut DbConnection, day: NaiveDate) -> QueryResult<i64> {
    stories::table
        .filter(stories::status.eq(StoryStatus::Pending))
        .filter(stories::submitted_on.lt(day))
        .count()
        .get_result(conn)
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = stories)]
pub struct StoryRecord {
    pub id: i64,
    pub public_id: String,
    pub lang: String,
    pub status: StoryStatus,
    pub consent: Consent,
    pub submitted_on: NaiveDate,
    pub story_text: AnonymisedText,
    pub change_text: Option<AnonymisedText>,
    pub child_words: Option<AnonymisedText>,
    pub removal_summary: String,
    pub writer: String,
    pub age_band: String,
    pub school_type: String,
    pub time_at_home: String,
    pub province: String,
    pub title: Option<AnonymisedText>,
    pub claimed_by: Option<i64>,
    pub claimed_until: Option<i64>,
    pub taken_down_reason: Option<String>,
}

/// A story with everything a moderator sees.
#[derive(Clone, Debug)]
pub struct ReviewStory {
    pub record: StoryRecord,
    pub choices: Vec<(String, String)>,
    pub theme_ids: Vec<i64>,
    pub approved_by: Vec<(i64, String)>,
}

pub fn find_story(conn: &mut DbConnection, public_id: &str) -> QueryResult<Option<ReviewStory>> {
    let record: Option<StoryRecord> = stories::table
        .filter(stories::public_id.eq(public_id))
        .select(StoryRecord::as_select())
        .first(conn)
        .optional()?;
    let Some(record) = record else {
        return Ok(None);
    };
    let choices = story_choices::table
        .filter(story_choices::story_id.eq(record.id))
        .select((story_choices::question, story_choices::choice))
        .order((story_choices::question, story_choices::choice))
        .load(conn)?;
    let theme_ids = story_themes::table
        .filter(story_themes::story_id.eq(record.id))
        .select(story_themes::theme_id)
        .load(conn)?;
    let approved_by = story_approvals::table
        .inner_join(moderators::table.on(moderators::id.eq(story_approvals::moderator_id)))
        .filter(story_approvals::story_id.eq(record.id))
        .select((moderators::id, moderators::email))
        .load(conn)?;
    Ok(Some(ReviewStory {
        record,
        choices,
        theme_ids,
        approved_by,
    }))
}

/// Replaces a pending story's texts with a moderator's edit (already re-anonymised).
/// Earlier approvals are withdrawn: they approved another text.
/// Saves edited texts, adds what the anonymiser removed from the edit to the story's
/// removal summary, and lets earlier approvals lapse: one transaction.
pub fn update_texts(
    conn: &mut DbConnection,
    story_id: i64,
    story: &AnonymisedText,
    change: Option<&AnonymisedText>,
    child_words: Option<&AnonymisedText>,
    removed: &Summary,
) -> QueryResult<()> {
    conn.transaction(|conn| {
        let stored: String = stories::table
            .find(story_id)
            .select(stories::removal_summary)
            .first(conn)?;
        let mut summary: Summary = serde_json::from_str(&stored).unwrap_or_default();
        summary.merge(removed);
        let summary = serde_json::to_string(&summary)
            .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
        diesel::update(stories::table.find(story_id))
            .set((
                stories::story_text.eq(story),
                stories::change_text.eq(change),
                stories::child_words.eq(child_words),
                stories::removal_summary.eq(summary),
            ))
            .execute(conn)?;
        diesel::delete(story_approvals::table.filter(story_approvals::story_id.eq(story_id)))
            .execute(conn)?;
        Ok(())
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApprovalOutcome {
    /// Enough moderators approved: the story is approved (and published if consented).
    Approved,
    /// This approval is recorded; another moderator must approve too.
    AwaitingAnother,
    /// This moderator had already approved; another must.
    AlreadyApprovedByYou,
    /// Earlier approvals were for another title or other themes: they lapsed, this one is
    /// recorded with the new title and themes, and another moderator must approve those.
    ApprovalsReset,
}

/// Records `moderator_id`'s approval with a title and themes; approves the story once
/// `required` different moderators have. All in one transaction.
///
/// Every approval is of one title and one set of themes: when earlier approvals exist and
/// this one differs from what they approved, they lapse (`ApprovalsReset`), so a second
/// moderator never silently replaces what the first approved.
pub fn approve(
    conn: &mut DbConnection,
    story_id: i64,
    moderator_id: i64,
    title: Option<&AnonymisedText>,
    theme_ids: &[i64],
    required: usize,
    month: &str,
) -> QueryResult<ApprovalOutcome> {
    conn.transaction(|conn| {
        let already: i64 = story_approvals::table
            .filter(story_approvals::story_id.eq(story_id))
            .filter(story_approvals::moderator_id.eq(moderator_id))
            .count()
            .get_result(conn)?;
        if already > 0 {
            return Ok(ApprovalOutcome::AlreadyApprovedByYou);
        }
        let earlier: i64 = story_approvals::table
            .filter(story_approvals::story_id.eq(story_id))
            .count()
            .get_result(conn)?;
        let reset = earlier > 0 && {
            let approved_title: Option<AnonymisedText> = stories::table
                .find(story_id)
                .select(stories::title)
                .first(conn)?;
            let mut approved_themes: Vec<i64> = story_themes::table
                .filter(story_themes::story_id.eq(story_id))
                .select(story_themes::theme_id)
                .load(conn)?;
            approved_themes.sort_unstable();
            let mut themes = theme_ids.to_vec();
            themes.sort_unstable();
            themes.dedup();
            approved_title.as_ref().map(AnonymisedText::as_str) != title.map(AnonymisedText::as_str)
                || approved_themes != themes
        };
        if reset {
            diesel::delete(story_approvals::table.filter(story_approvals::story_id.eq(story_id)))
                .execute(conn)?;
        }
        diesel::insert_into(story_approvals::table)
            .values((
                story_approvals::story_id.eq(story_id),
                story_approvals::moderator_id.eq(moderator_id),
            ))
            .execute(conn)?;
        diesel::update(stories::table.find(story_id))
            .set(stories::title.eq(title))
            .execute(conn)?;
        diesel::delete(story_themes::table.filter(story_themes::story_id.eq(story_id)))
            .execute(conn)?;
        for theme_id in theme_ids {
            diesel::insert_into(story_themes::table)
                .values((
                    story_themes::story_id.eq(story_id),
                    story_themes::theme_id.eq(theme_id),
                ))
                .execute(conn)?;
        }
        let approvals: i64 = story_approvals::table
            .filter(story_approvals::story_id.eq(story_id))
            .count()
            .get_result(conn)?;
        if usize::try_from(approvals).unwrap_or(0) < required {
            return Ok(if reset {
                ApprovalOutcome::ApprovalsReset
            } else {
                ApprovalOutcome::AwaitingAnother
            });
        }
        // The next number in the publication sequence (see the migration): newest first
        // on the moderators' list, and a change every catalogue's fingerprint notices even
        // when a story taken down is approved again between two polls.
        let last_seq: Option<i64> = stories::table
            .select(diesel::dsl::max(stories::published_seq))
            .first(conn)?;
        diesel::update(stories::table.find(story_id))
            .set((
                stories::status.eq(StoryStatus::Approved),
                stories::published_month.eq(month),
                stories::published_seq.eq(last_seq.unwrap_or(0) + 1),
                stories::taken_down_reason.eq(None::<String>),
                stories::claimed_by.eq(None::<i64>),
                stories::claimed_until.eq(None::<i64>),
            ))
            .execute(conn)?;
        Ok(ApprovalOutcome::Approved)
    })
}

/// Deletes a story (rejected stories are not kept) with its answers, themes and approvals.
pub fn delete_story(conn: &mut DbConnection, story_id: i64) -> QueryResult<bool> {
    conn.transaction(|conn| {
        // the form that sent it may be sent again (a Reload of the thank-you page)
        let public_id: Option<String> = stories::table
            .find(story_id)
            .select(stories::public_id)
            .first(conn)
            .optional()?;
        if let Some(public_id) = public_id {
            super::stories::close(conn, &public_id, chrono::Utc::now().date_naive())?;
        }
        diesel::delete(story_choices::table.filter(story_choices::story_id.eq(story_id)))
            .execute(conn)?;
        diesel::delete(story_themes::table.filter(story_themes::story_id.eq(story_id)))
            .execute(conn)?;
        diesel::delete(story_approvals::table.filter(story_approvals::story_id.eq(story_id)))
            .execute(conn)?;
        let deleted = diesel::delete(stories::table.find(story_id)).execute(conn)?;
        Ok(deleted > 0)
    })
}

/// Which of `public_ids` are still stored (pending or approved): rejected and withdrawn
/// stories are deleted, so their audit entries cannot link to a page.
pub fn existing_public_ids(
    conn: &mut DbConnection,
    public_ids: &[String],
) -> QueryResult<Vec<String>> {
    stories::table
        .filter(stories::public_id.eq_any(public_ids))
        .select(stories::public_id)
        .load(conn)
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = themes)]
pub struct Theme {
    pub id: i64,
    pub slug: String,
    pub label_nl: String,
    pub label_en: String,
    pub active: bool,
}

pub fn themes(conn: &mut DbConnection) -> QueryResult<Vec<Theme>> {
    themes::table
        .order(themes::label_nl.asc())
        .select(Theme::as_select())
        .load(conn)
}

pub fn add_theme(
    conn: &mut DbConnection,
    slug: &str,
    label_nl: &str,
    label_en: &str,
) -> QueryResult<()> {
    diesel::insert_into(themes::table)
        .values((
            themes::slug.eq(slug),
            themes::label_nl.eq(label_nl),
            themes::label_en.eq(label_en),
            themes::active.eq(true),
        ))
        .execute(conn)
        .map(drop)
}

pub fn set_theme_active(conn: &mut DbConnection, id: i64, active: bool) -> QueryResult<bool> {
    diesel::update(themes::table.find(id))
        .set(themes::active.eq(active))
        .execute(conn)
        .map(|n| n > 0)
}
