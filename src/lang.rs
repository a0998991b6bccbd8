//! The languages kanarie speaks. Dutch is the default: the campaign is Dutch.

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

    /// Picks the visitor's language from an `Accept-Language` header: the first
    /// supported language by quality, Dutch when nothing matches.
    pub fn negotiate(accept_language: Option<&str>) -> Lang {
        let Some(header) = accept_language else {
            return Lang::default();
        };
        let mut best: Option<(f32, usize, Lang)> = None;
        for (position, item) in header.split(',').enumerate() {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let primary = tag.split('-').next().unwrap_or("");
            let Some(lang) = Lang::parse(primary) else {
                continue;
            };
            let quality = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if quality.is_nan() || quality <= 0.0 {
                continue;
            }
            let better = match best {
                None => true,
                Some((q, pos, _)) => quality > q || (quality == q && position < pos),
            };
            if better {
                best = Some((quality, position, lang));
            }
        }
        best.map(|(_, _, lang)| lang).unwrap_or_default()
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn negotiation_prefers_quality_then_order_and_defaults_to_dutch() {
        assert_eq!(Lang::negotiate(None), Lang::Nl);
        assert_eq!(Lang::negotiate(Some("fr-FR, de")), Lang::Nl);
        assert_eq!(Lang::negotiate(Some("en-GB,en;q=0.9,nl;q=0.8")), Lang::En);
        assert_eq!(Lang::negotiate(Some("nl;q=0.5, en;q=0.7")), Lang::En);
        assert_eq!(Lang::negotiate(Some("de, nl-BE, en")), Lang::Nl);
        assert_eq!(Lang::negotiate(Some("en;q=0")), Lang::Nl);
        assert_eq!(Lang::negotiate(Some(";;;,,q=")), Lang::Nl);
    }
}
