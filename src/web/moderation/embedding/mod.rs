//! Admin: the snippets campaigners paste to embed the stories.

mod show;

pub use show::show_snippets;
