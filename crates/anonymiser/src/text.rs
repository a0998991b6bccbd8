//! The two text types of the privacy promise: what a parent typed (`RawText`) and what
//! may be stored or shown to others (`AnonymisedText`). The type system keeps them apart:
//! raw text has no way out except the anonymiser and the author's own preview.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zeroize::Zeroize;

use super::placeholders;

/// Raw user input, exactly as a parent typed it (line endings normalised, control
/// characters other than newline and tab removed).
///
/// It may contain names, addresses and phone numbers, so it deliberately has no
/// `Display`, `Serialize`, `Clone`, `Deref` or `Default`, and `Debug` prints
/// `RawText(<redacted>)`. Its buffer is zeroized when dropped. The only ways to read it
/// are [`crate::anonymise_story`] and [`RawText::echo_to_author`].
///
/// Each `compile_fail` example below is paired with a compiling one that differs only in
/// using the allowed path, so a `compile_fail` cannot pass because of an unrelated error.
///
/// Raw text cannot be formatted for display:
/// ```compile_fail
/// use kanarie_anonymiser::RawText;
/// let raw = RawText::new("Mijn zoon Bram".to_string());
/// let shown = format!("{}", raw);
/// ```
/// ...while its author's echo can:
/// ```rust
/// use kanarie_anonymiser::RawText;
/// let raw = RawText::new("Mijn zoon Bram".to_string());
/// let shown = format!("{}", raw.echo_to_author());
/// ```
///
/// Raw text cannot be serialised:
/// ```compile_fail
/// use kanarie_anonymiser::{anonymise_story, RawText};
/// use kanarie_anonymiser::Lang;
/// let raw = RawText::new("Mijn zoon Bram".to_string());
/// let story = anonymise_story(Lang::Nl, &[&raw]);
/// let json = serde_json::to_string(&raw);
/// ```
/// ...while anonymised text can:
/// ```rust
/// use kanarie_anonymiser::{anonymise_story, RawText};
/// use kanarie_anonymiser::Lang;
/// let raw = RawText::new("Mijn zoon Bram".to_string());
/// let story = anonymise_story(Lang::Nl, &[&raw]);
/// let json = serde_json::to_string(&story.texts[0]);
/// ```
///
/// Raw text cannot be cloned (so no copy escapes the zeroizing drop):
/// ```compile_fail
/// use kanarie_anonymiser::{anonymise_story, RawText};
/// use kanarie_anonymiser::Lang;
/// let raw = RawText::new("Mijn zoon Bram".to_string());
/// let story = anonymise_story(Lang::Nl, &[&raw]);
/// let copy = raw.clone();
/// ```
/// ...while anonymised text can:
/// ```rust
/// use kanarie_anonymiser::{anonymise_story, RawText};
/// use kanarie_anonymiser::Lang;
/// let raw = RawText::new("Mijn zoon Bram".to_string());
/// let story = anonymise_story(Lang::Nl, &[&raw]);
/// let copy = story.texts[0].clone();
/// ```
///
/// Raw text cannot be stored where anonymised text is required:
/// ```compile_fail
/// use kanarie_anonymiser::{anonymise_story, AnonymisedText, RawText};
/// use kanarie_anonymiser::Lang;
/// fn store(_text: &AnonymisedText) {}
/// let raw = RawText::new("Mijn zoon Bram".to_string());
/// let story = anonymise_story(Lang::Nl, &[&raw]);
/// store(&raw);
/// ```
/// ...only the anonymiser's output can:
/// ```rust
/// use kanarie_anonymiser::{anonymise_story, AnonymisedText, RawText};
/// use kanarie_anonymiser::Lang;
/// fn store(_text: &AnonymisedText) {}
/// let raw = RawText::new("Mijn zoon Bram".to_string());
/// let story = anonymise_story(Lang::Nl, &[&raw]);
/// store(&story.texts[0]);
/// ```
pub struct RawText(String);

impl RawText {
    /// Wraps user input, normalising `\r\n` (and lone `\r`) to `\n` and removing every
    /// other control character (NUL, ESC, BEL, BS, C1...) but newline and tab: nobody types
    /// them, PostgreSQL refuses NUL in text, and every path into kanarie passes here.
    pub fn new(mut text: String) -> RawText {
        if text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            // Never longer than the input, so the buffer is not reallocated (and copied).
            let mut cleaned = String::with_capacity(text.len());
            let mut chars = text.chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    '\r' => {
                        chars.next_if_eq(&'\n');
                        cleaned.push('\n');
                    }
                    '\n' | '\t' => cleaned.push(c),
                    c if c.is_control() => {}
                    c => cleaned.push(c),
                }
            }
            text.zeroize();
            text = cleaned;
        }
        RawText(text)
    }

    pub fn char_count(&self) -> usize {
        self.0.chars().count()
    }

    /// True when the text is empty or only whitespace.
    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }

    /// The one way raw text leaves the type: shown back to its own author, in the form
    /// they are editing (the preview page re-fills the textarea with what they typed).
    ///
    /// The author already knows what they wrote, so showing it to them discloses nothing.
    /// The wrapper implements `Display` (for the auto-escaping template) but not `Debug`
    /// or `Serialize`, so it cannot end up in logs, JSON or the database by accident.
    pub fn echo_to_author(&self) -> AuthorEcho<'_> {
        AuthorEcho(&self.0)
    }

    /// The text itself, for the anonymiser only.
    pub(super) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for RawText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RawText(<redacted>)")
    }
}

impl Drop for RawText {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl<'de> Deserialize<'de> for RawText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(RawText::new)
    }
}

/// Raw text on its way back to its own author (see [`RawText::echo_to_author`]).
pub struct AuthorEcho<'a>(&'a str);

impl fmt::Display for AuthorEcho<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// Text the anonymiser produced (or that was read back from storage, where only such
/// text is written). The only text type the storage layer accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow))]
#[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
pub struct AnonymisedText(pub(super) String);

impl AnonymisedText {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Splits the text into plain text and placeholders, for highlighting placeholders in HTML.
    pub fn segments(&self) -> impl Iterator<Item = Segment<'_>> {
        Segments {
            text: &self.0,
            pos: 0,
            pending: None,
        }
    }
}

impl fmt::Display for AnonymisedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for AnonymisedText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// A piece of anonymised text: plain text, or one placeholder such as `[naam 1]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment<'a> {
    Text(&'a str),
    Placeholder(&'a str),
}

struct Segments<'a> {
    text: &'a str,
    pos: usize,
    pending: Option<(usize, usize)>,
}

impl<'a> Iterator for Segments<'a> {
    type Item = Segment<'a>;

    fn next(&mut self) -> Option<Segment<'a>> {
        if let Some((start, end)) = self.pending.take() {
            self.pos = end;
            return self.text.get(start..end).map(Segment::Placeholder);
        }
        let rest = self.text.get(self.pos..)?;
        if rest.is_empty() {
            return None;
        }
        match placeholders::find_next(rest) {
            Some((0, end)) => {
                let begin = self.pos;
                self.pos += end;
                self.text.get(begin..self.pos).map(Segment::Placeholder)
            }
            Some((start, end)) => {
                let begin = self.pos;
                self.pending = Some((begin + start, begin + end));
                self.text.get(begin..begin + start).map(Segment::Text)
            }
            None => {
                let begin = self.pos;
                self.pos = self.text.len();
                self.text.get(begin..).map(Segment::Text)
            }
        }
    }
}
