//! The read side: approved stories whose parents allowed publication.

use diesel::prelude::*;
use diesel::sql_types::BigInt;

use super::schema::{stories, story_themes, themes};
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
}

/// A cheap summary that changes whenever the published set or the themes change: a
/// story approved, withdrawn or rejected changes the count or the sum of ids, a theme
/// added or switched changes the third number.
pub fn fingerprint(conn: &mut DbConnection) -> QueryResult<Fingerprint> {
    diesel::sql_query(
        "SELECT \
           CAST((SELECT COUNT(*) FROM stories WHERE status = 'approved' AND consent = 'publish') AS BIGINT) AS stories, \
           CAST((SELECT COALESCE(SUM(id), 0) FROM stories WHERE status = 'approved' AND consent = 'publish') AS BIGINT) AS id_sum, \
           CAST((SELECT COALESCE(SUM(id * 2 + CASE WHEN active THEN 1 ELSE 0 END), 0) FROM themes) AS BIGINT) AS themes",
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
