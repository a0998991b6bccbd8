//! The read side: approved stories whose parents allowed publication.

use diesel::prelude::*;
use diesel::sql_types::BigInt;

use super::schema::{stories, story_approvals, story_themes, themes};
use super::stories::StoryStatus;
use super::DbConnection;
use crate::anonymiser::AnonymisedText;
use crate::questionnaire::Consent;

/// A published story as stored; `id` only orders and joins, it is never shown.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = stories)]
pub struct PublishedRow {
    pub id: i64,
    pub public_id: String,
    pub lang: String,
    pub title: Option<AnonymisedText>,
    pub story_text: AnonymisedText,
    pub change_text: Option<AnonymisedText>,
    pub child_words: Option<AnonymisedText>,
    pub age_band: String,
    pub published_month: Option<String>,
    pub invented_names: bool,
}

/// Every published story, with its theme ids.
pub fn load_all(conn: &mut DbConnection) -> QueryResult<Vec<(PublishedRow, Vec<i64>)>> {
    let rows: Vec<PublishedRow> = stories::table
        .filter(stories::status.eq(StoryStatus::Approved))
        .filter(stories::consent.eq(Consent::Publish))
        .select(PublishedRow::as_select())
        .load(conn)?;
    let links: Vec<(i64, i64)> = story_themes::table
        .inner_join(stories::table)
        .filter(stories::status.eq(StoryStatus::Approved))
        .filter(stories::consent.eq(Consent::Publish))
        .select((story_themes::story_id, story_themes::theme_id))
        .load(conn)?;
    let mut by_story: std::collections::HashMap<i64, Vec<i64>> = std::collections::HashMap::new();
    for (story, theme) in links {
        by_story.entry(story).or_default().push(theme);
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let themes = by_story.remove(&row.id).unwrap_or_default();
            (row, themes)
        })
        .collect())
}

/// A moderator's choice for story `story_id`: invented first names on kanarie's pages
/// instead of "[naam 1]" (the stored text keeps its placeholders).
pub fn set_invented_names(
    conn: &mut DbConnection,
    story_id: i64,
    invented: bool,
) -> QueryResult<usize> {
    diesel::update(stories::table.find(story_id))
        .set(stories::invented_names.eq(invented))
        .execute(conn)
}

#[derive(QueryableByName, Debug, PartialEq, Eq, Clone, Copy, Default)]
pub struct Fingerprint {
    #[diesel(sql_type = BigInt)]
    pub stories: i64,
    #[diesel(sql_type = BigInt)]
    pub id_sum: i64,
    #[diesel(sql_type = BigInt)]
    pub themes: i64,
    #[diesel(sql_type = BigInt)]
    pub seq_sum: i64,
}

/// A cheap summary that changes whenever the published set or the themes change: a
/// story approved, withdrawn, rejected or taken down changes the count or the sum of ids,
/// a theme added or switched changes the third number, and a story taken down and approved
/// again (perhaps with another title, between two polls) changes the sum of publication
/// sequence numbers, because every approval takes a new one.
pub fn fingerprint(conn: &mut DbConnection) -> QueryResult<Fingerprint> {
    diesel::sql_query(
        "SELECT \
           CAST((SELECT COUNT(*) FROM stories WHERE status = 'approved' AND consent = 'publish') AS BIGINT) AS stories, \
           CAST((SELECT COALESCE(SUM(id), 0) FROM stories WHERE status = 'approved' AND consent = 'publish') AS BIGINT) AS id_sum, \
           CAST((SELECT COALESCE(SUM(id * 2 + CASE WHEN active THEN 1 ELSE 0 END), 0) FROM themes) AS BIGINT) AS themes, \
           CAST((SELECT COALESCE(SUM(published_seq), 0) FROM stories WHERE status = 'approved' AND consent = 'publish') AS BIGINT) AS seq_sum",
    )
    .get_result(conn)
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = themes)]
pub struct ThemeRow {
    pub id: i64,
    pub slug: String,
    pub label_nl: String,
    pub label_en: String,
    pub active: bool,
}

pub fn themes(conn: &mut DbConnection) -> QueryResult<Vec<ThemeRow>> {
    themes::table
        .order(themes::slug.asc())
        .select(ThemeRow::as_select())
        .load(conn)
}

/// Takes an approved story back: it is no longer published or counted, its approvals
/// lapse, and it waits in the queue again (with `reason`, a code from a fixed list) to be
/// corrected and approved, or rejected and deleted. Title and themes stay as suggestions
/// for the next approval. One transaction; false when the story was not approved.
pub fn take_down(conn: &mut DbConnection, story_id: i64, reason: &str) -> QueryResult<bool> {
    conn.transaction(|conn| {
        let changed = diesel::update(
            stories::table
                .find(story_id)
                .filter(stories::status.eq(StoryStatus::Approved)),
        )
        .set((
            stories::status.eq(StoryStatus::Pending),
            stories::published_month.eq(None::<String>),
            stories::published_seq.eq(None::<i64>),
            stories::taken_down_reason.eq(reason),
            stories::claimed_by.eq(None::<i64>),
            stories::claimed_until.eq(None::<i64>),
        ))
        .execute(conn)?;
        if changed == 0 {
            return Ok(false);
        }
        diesel::delete(story_approvals::table.filter(story_approvals::story_id.eq(story_id)))
            .execute(conn)?;
        Ok(true)
    })
}

diesel::define_sql_function! {
    /// SQL `LOWER`: ASCII letters on SQLite, every letter on PostgreSQL.
    fn lower(text: diesel::sql_types::Nullable<diesel::sql_types::Text>) -> diesel::sql_types::Nullable<diesel::sql_types::Text>;
}

/// A published story as the moderators' list shows it.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = stories)]
pub struct PublishedListRow {
    pub id: i64,
    pub public_id: String,
    pub lang: String,
    pub title: Option<AnonymisedText>,
    pub story_text: AnonymisedText,
    pub published_month: Option<String>,
}

/// What the moderators' list of published stories is narrowed to.
#[derive(Clone, Debug, Default)]
pub struct PublishedFilter {
    /// Words to find in the title or the story text, any case; empty: every story.
    pub search: String,
    pub lang: Option<String>,
    pub theme_id: Option<i64>,
}

/// Escapes `LIKE`'s wildcards, so a search for "50%" finds "50%".
fn like_pattern(search: &str) -> String {
    let mut pattern = String::from("%");
    for c in search.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// Published stories, newest approval first, at most `limit`, with their theme ids.
pub fn for_moderators(
    conn: &mut DbConnection,
    filter: &PublishedFilter,
    limit: i64,
) -> QueryResult<Vec<(PublishedListRow, Vec<i64>)>> {
    let mut query = stories::table
        .filter(stories::status.eq(StoryStatus::Approved))
        .filter(stories::consent.eq(Consent::Publish))
        .into_boxed();
    let search = filter.search.trim();
    if !search.is_empty() {
        let pattern = like_pattern(search);
        query = query.filter(
            lower(stories::title)
                .like(pattern.clone())
                .escape('\\')
                .or(lower(stories::story_text.nullable())
                    .like(pattern)
                    .escape('\\')),
        );
    }
    if let Some(lang) = &filter.lang {
        query = query.filter(stories::lang.eq(lang.clone()));
    }
    if let Some(theme_id) = filter.theme_id {
        query = query.filter(
            stories::id.eq_any(
                story_themes::table
                    .filter(story_themes::theme_id.eq(theme_id))
                    .select(story_themes::story_id),
            ),
        );
    }
    let rows: Vec<PublishedListRow> = query
        .order((stories::published_seq.desc(), stories::id.desc()))
        .limit(limit)
        .select(PublishedListRow::as_select())
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let links: Vec<(i64, i64)> = story_themes::table
        .filter(story_themes::story_id.eq_any(&ids))
        .select((story_themes::story_id, story_themes::theme_id))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let themes = links
                .iter()
                .filter(|(story, _)| *story == row.id)
                .map(|(_, theme)| *theme)
                .collect();
            (row, themes)
        })
        .collect())
}
