//! The languages the anonymiser knows: the story's language picks placeholders and cue words.
//! Dutch is the default: the campaign is Dutch.

use std::fmt;

/// A language kanarie has pages, placeholders and messages for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    /// The ISO 639-1 code, as used in URLs (`/nl/`), locale files and stored rows.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// The other language, for the language switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        }
    }

    /// Parses a language code; anything but `nl` or `en` (any case) is `None`.
    pub fn parse(code: &str) -> Option<Lang> {
        if code.eq_ignore_ascii_case("nl") {
            Some(Lang::Nl)
        } else if code.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
