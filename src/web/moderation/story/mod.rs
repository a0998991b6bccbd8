//! One story under review: read it, edit it, approve or reject it.

mod approve;
mod contact_requests;
mod edit;
mod reject;
mod reject_many;
mod show;
mod suggested_themes;
mod unpublish;

pub use approve::approve_story;
pub use edit::edit_story;
pub use reject::reject_story;
pub use reject_many::reject_many;
pub use show::{done_notice, show_story, DONE_NOTICES};
pub use unpublish::unpublish_story;

/// Why a story is not published; a closed list, so the audit trail never holds free text.
pub const REJECTION_REASONS: [&str; 5] = [
    "identifying",
    "not_a_story",
    "offensive",
    "duplicate",
    "other",
];

/// Why a published story is taken down; a closed list like the rejection reasons.
pub const TAKE_DOWN_REASONS: [&str; 5] = [
    "identifying",
    "correction",
    "parent_asked",
    "offensive",
    "other",
];

/// How long opening a story marks it as being reviewed by that moderator.
pub const CLAIM_SECONDS: i64 = 15 * 60;

/// Longest title a moderator may give a story.
pub const TITLE_MAX_CHARS: usize = 120;

/// Where a moderator goes after approving or rejecting: the next story they can review,
/// with `done` for the notice there, or the queue when none is left. Keeps a volunteer at
/// work on the next story instead of at the top of the queue.
///
/// `approved` names the story just approved for publication, so the next page can show the
/// title it got after the anonymiser (looked up there, so no text travels in the URL).
pub fn next_location(
    conn: &mut crate::db::DbConnection,
    moderator_id: i64,
    done_story: i64,
    done: &str,
    approved: Option<&str>,
) -> diesel::QueryResult<String> {
    let next = crate::db::review::next_for(conn, moderator_id, done_story, crate::accounts::now())?;
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("done", done);
    if let Some(approved) = approved {
        query.append_pair("approved", approved);
    }
    let query = query.finish();
    Ok(match next {
        Some(public_id) => format!(
            "{}/{public_id}?{query}",
            crate::web::moderation::paths::STORIES
        ),
        None => format!("{}?{query}", crate::web::moderation::paths::QUEUE),
    })
}
