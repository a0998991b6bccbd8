//! Recognising our own placeholders in text, so that anonymising twice changes nothing
//! and a moderator's edits keep their numbering. Only the exact forms this module writes
//! count as placeholders; any other bracketed text is plain text.

use std::sync::LazyLock;

use regex::Regex;

use super::kind::{placeholder_word, Kind};
use crate::lang::Lang;

/// Every placeholder we write, in both languages: "[naam 3]", "[plaats]", "[school]"...
// A constant pattern: it compiles in every test, so `expect` cannot fire in production.
#[allow(clippy::expect_used)]
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    let mut words: Vec<&str> = Vec::new();
    for lang in Lang::ALL {
        for kind in Kind::ALL {
            for school in [false, true] {
                let w = placeholder_word(kind, school, lang);
                if !words.contains(&w) {
                    words.push(w);
                }
            }
        }
    }
    let alternatives: Vec<String> = words
        .iter()
        .filter(|w| **w != "naam" && **w != "name")
        .map(|w| regex::escape(w))
        .collect();
    Regex::new(&format!(
        r"\[(?:(?:naam|name) ([1-9][0-9]{{0,5}})|(?:{}))\]",
        alternatives.join("|")
    ))
    .expect("constant placeholder pattern")
});

/// The byte range of the first placeholder in `text`.
pub fn find_next(text: &str) -> Option<(usize, usize)> {
    PLACEHOLDER.find(text).map(|m| (m.start(), m.end()))
}

/// All placeholders in `text`, with the person number for "[naam N]" / "[name N]".
pub fn find_all(text: &str) -> impl Iterator<Item = (usize, usize, Option<u32>)> + '_ {
    // `find_iter` rather than captures (several times faster); the number, when there is
    // one, is what follows "[naam " or "[name " up to the closing bracket.
    PLACEHOLDER.find_iter(text).map(|m| {
        let inner = m.as_str().get(1..m.len() - 1).unwrap_or("");
        let number = inner
            .strip_prefix("naam ")
            .or_else(|| inner.strip_prefix("name "))
            .and_then(|n| n.parse::<u32>().ok());
        (m.start(), m.end(), number)
    })
}

/// Writes the placeholder for a kind ("[naam 2]" for person number 2).
pub fn render(out: &mut String, kind: Kind, school: bool, person: u32, lang: Lang) {
    out.push('[');
    out.push_str(placeholder_word(kind, school, lang));
    if kind == Kind::Person {
        out.push(' ');
        out.push_str(&person.to_string());
    }
    out.push(']');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_only_our_forms() {
        let found: Vec<_> =
            find_all("[naam 12] [plaats] [naam] [foo] [name 3] [phone number]").collect();
        assert_eq!(found.len(), 4);
        assert_eq!(found[0].2, Some(12));
        assert_eq!(found[2].2, Some(3));
    }
}
