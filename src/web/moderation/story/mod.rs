//! One story under review: read it, edit it, approve or reject it.

mod approve;
mod edit;
mod reject;
mod show;

pub use approve::approve_story;
pub use edit::edit_story;
pub use reject::reject_story;
pub use show::show_story;

/// Why a story is not published; a closed list, so the audit trail never holds free text.
pub const REJECTION_REASONS: [&str; 5] = [
    "identifying",
    "not_a_story",
    "offensive",
    "duplicate",
    "other",
];

/// Longest title a moderator may give a story.
pub const TITLE_MAX_CHARS: usize = 120;
