//! The audit trail: who did what, when. Never story text: the detail is a code or a count.
//! Rows can only be added; triggers refuse updates and deletes on both backends.

use diesel::prelude::*;

use super::schema::audit_log;
use super::DbConnection;

#[derive(Clone, Debug, Queryable)]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub story_ref: Option<String>,
    pub detail: Option<String>,
}

pub fn record(
    conn: &mut DbConnection,
    actor: &str,
    action: &str,
    story_ref: Option<&str>,
    detail: Option<&str>,
) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::at.eq(crate::accounts::now()),
            audit_log::actor.eq(actor),
            audit_log::action.eq(action),
            audit_log::story_ref.eq(story_ref),
            audit_log::detail.eq(detail),
        ))
        .execute(conn)
        .map(drop)
}

/// The newest entries first, optionally only one action or one actor.
pub fn list(
    conn: &mut DbConnection,
    action: Option<&str>,
    actor: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<AuditEntry>> {
    let mut query = audit_log::table.into_boxed();
    if let Some(action) = action {
        query = query.filter(audit_log::action.eq(action.to_owned()));
    }
    if let Some(actor) = actor {
        query = query.filter(audit_log::actor.eq(actor.to_owned()));
    }
    query.order(audit_log::id.desc()).limit(limit).load(conn)
}
