//! The published stories, for moderators to find one and take it down.

mod show;

pub use show::show_published;
