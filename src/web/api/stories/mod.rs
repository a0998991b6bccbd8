//! `/api/v1/stories`: the list and one story.

mod list;
mod show;

pub use list::{list_body, list_stories, ListParameters, MAX_LIMIT};
pub use show::show_story;
