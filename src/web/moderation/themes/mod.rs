//! Admin: the list of themes moderators tag stories with.

mod add;
mod show;
mod toggle;

pub use add::add_theme;
pub use show::show_themes;
pub use toggle::toggle_theme;
