//! Server-rendered HTML pages, grouped by what the visitor does.

pub mod error_page;
pub mod home;
pub mod privacy;
pub mod stats;
pub mod stories;
pub mod story;

use crate::lang::Lang;

/// What every page's layout needs: its language and the same page in the other language.
pub struct PageChrome {
    pub lang: Lang,
    pub switch_href: String,
}

impl PageChrome {
    /// For a page that lives at `/{lang}{suffix}` in both languages.
    pub fn new(lang: Lang, suffix: &str) -> PageChrome {
        PageChrome {
            lang,
            switch_href: format!("/{}{suffix}", lang.other().code()),
        }
    }

    /// The text for `key` in this page's language.
    pub fn t(&self, key: &str) -> String {
        rust_i18n::t!(key, locale = self.lang.code()).into_owned()
    }

    pub fn other_lang(&self) -> Lang {
        self.lang.other()
    }
}
