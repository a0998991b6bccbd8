//! Published texts as kanarie's own pages show them: placeholders ("[naam 1]", "[plaats]")
//! as subtle labels that say what they are, or, when a moderator chose it for a story,
//! invented first names marked as changed.
//!
//! The placeholders are found once, when the catalogue is built (only the anonymiser
//! knows its placeholders' exact forms, and only its output type carries them); pages
//! then cut the text at those byte ranges.

use std::ops::Range;

use super::invented_names;
use crate::anonymiser::{AnonymisedText, Segment};

/// Byte ranges of the placeholders in each text of one story.
#[derive(Clone, Debug, Default)]
pub struct PlaceholderSpans {
    story: Vec<Range<usize>>,
    what_should_change: Vec<Range<usize>>,
    child_words: Vec<Range<usize>>,
}

fn spans(text: &AnonymisedText) -> Vec<Range<usize>> {
    let mut at = 0;
    let mut found = Vec::new();
    for segment in text.segments() {
        let piece = match segment {
            Segment::Text(t) => t,
            Segment::Placeholder(p) => {
                found.push(at..at + p.len());
                p
            }
        };
        at += piece.len();
    }
    found
}

impl PlaceholderSpans {
    pub fn of(
        story: &AnonymisedText,
        what_should_change: Option<&AnonymisedText>,
        child_words: Option<&AnonymisedText>,
    ) -> PlaceholderSpans {
        PlaceholderSpans {
            story: spans(story),
            what_should_change: what_should_change.map(spans).unwrap_or_default(),
            child_words: child_words.map(spans).unwrap_or_default(),
        }
    }

    pub fn story(&self) -> &[Range<usize>] {
        &self.story
    }

    pub fn what_should_change(&self) -> &[Range<usize>] {
        &self.what_should_change
    }

    pub fn child_words(&self) -> &[Range<usize>] {
        &self.child_words
    }

    pub fn is_empty(&self) -> bool {
        self.story.is_empty() && self.what_should_change.is_empty() && self.child_words.is_empty()
    }
}

/// What a piece of shown text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PieceKind {
    Plain,
    /// A placeholder, shown as a label.
    Placeholder,
    /// An invented name; `first` marks its first appearance in the story, where the page
    /// says "name changed".
    Invented {
        first: bool,
    },
}

/// A piece of a text ready for a template.
#[derive(Clone, Debug)]
pub struct Piece {
    pub text: String,
    pub kind: PieceKind,
}

impl Piece {
    pub fn is_plain(&self) -> bool {
        self.kind == PieceKind::Plain
    }

    pub fn is_placeholder(&self) -> bool {
        self.kind == PieceKind::Placeholder
    }

    pub fn is_invented(&self) -> bool {
        matches!(self.kind, PieceKind::Invented { .. })
    }

    /// Whether "name changed" follows this piece.
    pub fn marks_change(&self) -> bool {
        self.kind == PieceKind::Invented { first: true }
    }
}

/// The person number of "[naam 3]" / "[name 3]"; `None` for every other placeholder.
fn person_number(placeholder: &str) -> Option<u32> {
    placeholder
        .strip_prefix("[naam ")
        .or_else(|| placeholder.strip_prefix("[name "))
        .and_then(|rest| rest.strip_suffix(']'))
        .and_then(|n| n.parse().ok())
}

/// Shows one story's texts: keeps track of which invented names were already marked, so
/// "name changed" follows each name once per story, in reading order.
pub struct StoryTexts {
    names: Option<invented_names::Names>,
    marked: Vec<u32>,
}

impl StoryTexts {
    /// For the story with this public id; `invented` as the moderator chose.
    pub fn new(public_id: &str, invented: bool) -> StoryTexts {
        StoryTexts {
            names: invented.then(|| invented_names::Names::for_story(public_id)),
            marked: Vec::new(),
        }
    }

    /// `text` cut into plain text and placeholders (or invented names) at `spans`.
    pub fn pieces(&mut self, text: &str, spans: &[Range<usize>]) -> Vec<Piece> {
        let mut pieces = Vec::new();
        let mut at = 0;
        for span in spans {
            let (Some(before), Some(placeholder)) =
                (text.get(at..span.start), text.get(span.clone()))
            else {
                continue;
            };
            if !before.is_empty() {
                pieces.push(Piece {
                    text: before.to_owned(),
                    kind: PieceKind::Plain,
                });
            }
            let invented = person_number(placeholder).and_then(|n| {
                let name = self.names.as_ref()?.name(n)?;
                let first = !self.marked.contains(&n);
                if first {
                    self.marked.push(n);
                }
                Some((name, first))
            });
            pieces.push(match invented {
                Some((name, first)) => Piece {
                    text: name.to_owned(),
                    kind: PieceKind::Invented { first },
                },
                None => Piece {
                    text: placeholder.to_owned(),
                    kind: PieceKind::Placeholder,
                },
            });
            at = span.end;
        }
        if let Some(rest) = text.get(at..).filter(|r| !r.is_empty()) {
            pieces.push(Piece {
                text: rest.to_owned(),
                kind: PieceKind::Plain,
            });
        }
        pieces
    }
}

/// Where a text is cut for "read more": the end of the excerpt and the start of the rest,
/// at a space near `chars` characters and never inside a placeholder. `None` when the text
/// is short enough to show whole.
pub fn excerpt_cut(text: &str, spans: &[Range<usize>], chars: usize) -> Option<(usize, usize)> {
    if text.chars().count() <= chars {
        return None;
    }
    let cut = text
        .char_indices()
        .nth(chars)
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    let mut at = text
        .get(..cut)
        .and_then(|head| head.rfind(char::is_whitespace))
        .filter(|i| *i > cut / 2)
        .unwrap_or(cut);
    if let Some(inside) = spans.iter().find(|s| s.start < at && at < s.end) {
        at = if inside.start > 0 {
            inside.start
        } else {
            inside.end
        };
    }
    let head = text.get(..at)?;
    let tail = text.get(at..)?;
    Some((
        head.trim_end().len(),
        at + (tail.len() - tail.trim_start().len()),
    ))
}

/// The spans inside `range`, counted from its start.
pub fn spans_within(spans: &[Range<usize>], range: Range<usize>) -> Vec<Range<usize>> {
    spans
        .iter()
        .filter(|s| s.start >= range.start && s.end <= range.end)
        .map(|s| s.start - range.start..s.end - range.start)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anonymiser::{anonymise_story, RawText};
    use crate::lang::Lang;

    fn anonymised(text: &str) -> AnonymisedText {
        let raw = RawText::new(text.to_owned());
        anonymise_story(Lang::Nl, &[&raw])
            .texts
            .into_iter()
            .next()
            .unwrap()
    }

    #[test]
    fn placeholders_become_labels_and_the_text_is_kept_whole() {
        let text = anonymised("Mijn zoon Pieter de Vries woont in Utrecht. Pieter is negen.");
        let spans = spans(&text);
        assert!(spans.len() >= 2, "{:?}", text.as_str());
        let pieces = StoryTexts::new("abc", false).pieces(text.as_str(), &spans);
        let joined: String = pieces.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, text.as_str());
        assert!(pieces
            .iter()
            .any(|p| p.is_placeholder() && p.text.starts_with("[naam")));
        assert!(pieces.iter().all(|p| !p.is_invented()));
    }

    #[test]
    fn invented_names_are_consistent_distinct_and_marked_once() {
        let text = "[naam 1] en [naam 2] gingen naar [plaats]. Later belde [naam 1] weer.";
        let mut spans: Vec<Range<usize>> = ["[naam 1]", "[naam 2]", "[plaats]"]
            .iter()
            .flat_map(|p| text.match_indices(p).map(|(i, m)| i..i + m.len()))
            .collect();
        spans.sort_by_key(|r| r.start);
        let pieces = StoryTexts::new("storyone", true).pieces(text, &spans);
        let names: Vec<&Piece> = pieces.iter().filter(|p| p.is_invented()).collect();
        assert_eq!(names.len(), 3);
        assert_eq!(
            names[0].text, names[2].text,
            "the same person, the same name"
        );
        assert_ne!(names[0].text, names[1].text, "two persons, two names");
        assert!(names[0].marks_change() && names[1].marks_change());
        assert!(!names[2].marks_change(), "marked once");
        assert!(pieces
            .iter()
            .any(|p| p.is_placeholder() && p.text == "[plaats]"));
    }

    #[test]
    fn excerpts_break_between_words_and_never_inside_a_placeholder() {
        let text = "woord ".repeat(100);
        let (end, rest) = excerpt_cut(&text, &[], 280).unwrap();
        assert!(text[..end].chars().count() <= 280);
        assert!(text[..end].ends_with("woord"));
        assert_eq!(format!("{} {}", &text[..end], &text[rest..]), text);
        assert_eq!(excerpt_cut("kort", &[], 280), None);
        // A placeholder with a space in it, right where the cut would fall.
        let text = format!("{}[naam 12] en verder nog veel meer tekst", "a".repeat(277));
        let start = text.find('[').unwrap();
        let spans: Vec<std::ops::Range<usize>> =
            std::iter::once(start..start + "[naam 12]".len()).collect();
        let (end, rest) = excerpt_cut(&text, &spans, 282).unwrap();
        assert_eq!(end, start);
        assert_eq!(rest, start);
        assert_eq!(spans_within(&spans, rest..text.len()), vec![0..9]);
    }

    #[test]
    fn person_numbers_are_read_from_both_languages_only() {
        assert_eq!(person_number("[naam 12]"), Some(12));
        assert_eq!(person_number("[name 3]"), Some(3));
        assert_eq!(person_number("[plaats]"), None);
        assert_eq!(person_number("[naam x]"), None);
    }
}
