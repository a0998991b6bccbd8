//! Splitting text into word tokens, with what the engine needs to know about each:
//! its lowercase form, gazetteer flags, capitalisation and whether it starts a sentence.

use std::cell::Cell;

use zeroize::Zeroize;

use super::gazetteer::{self, Flags};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    Lower,
    /// First letter uppercase, not all caps ("Daan", "Dijk-Bos").
    Capital,
    /// Two or more letters, all uppercase ("ASML", "NIET").
    AllCaps,
    /// Contains a digit.
    Number,
}

#[derive(Clone, Debug)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Byte range of the lowercase form in `Tokens::lower`.
    lower: (usize, usize),
    pub flags: Flags,
    pub case: Case,
    /// Starts a sentence, line or quotation: capitals here say nothing.
    pub sentence_start: bool,
    /// Bytes of a possessive ending ("'s", "’s", "'") at the end of the token.
    pub possessive: usize,
    /// Inside a structured span or an existing placeholder.
    pub protected: bool,
    /// Followed by "." directly (initials, abbreviations).
    pub dotted: bool,
    /// Whether the token is an ordinary word, once computed (the compound split is the
    /// costliest check and several rules ask).
    pub lexical: Cell<Option<bool>>,
    /// Whether the token is a Dutch finite verb by its form, once computed (asked of the
    /// word after nearly every candidate).
    pub finite_verb: Cell<Option<bool>>,
}

pub struct Tokens {
    pub list: Vec<Token>,
    lower: String,
}

/// The lowercase copy is the whole raw text: wiped like [`super::RawText`] is.
impl Drop for Tokens {
    fn drop(&mut self) {
        self.lower.zeroize();
    }
}

impl Tokens {
    pub fn lower(&self, t: &Token) -> &str {
        self.lower.get(t.lower.0..t.lower.1).unwrap_or("")
    }

    /// The lowercase form without a possessive ending.
    pub fn base(&self, t: &Token) -> &str {
        let l = self.lower(t);
        let cut = l.len().saturating_sub(t.possessive);
        l.get(..cut).unwrap_or(l)
    }
}

/// The character starting at byte `i`, if any: one comparison for ASCII, which is nearly
/// all of a story (tokenising runs on every pass, over every character).
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text.get(i..).and_then(|rest| rest.chars().next()),
        None => None,
    }
}

#[inline]
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’')
}

/// Tokenises `text`. Tokens are runs of letters and digits, joined across a single
/// hyphen or apostrophe ("Dijk-Bos", "Daan's", "'s-Hertogenbosch" as "s-Hertogenbosch").
pub fn tokenise(text: &str) -> Tokens {
    let mut list = Vec::with_capacity(text.len() / 5 + 1);
    let mut lower = String::with_capacity(text.len() + 8);
    let mut i = 0;
    let mut boundary = true; // a sentence boundary was seen since the last token
    while let Some(c) = char_at(text, i) {
        if !is_word_char(c) {
            match c {
                '.' | '!' | '?' | ':' | ';' | '\n' | '•' | '*' | '"' | '“' | '”' | '(' | '['
                | '…' => {
                    // A "." right after a single letter or short abbreviation is not a
                    // sentence end ("J. de Vries", "dhr. Jansen") for initials; the engine
                    // handles those through `dotted`.
                    boundary = true
                }
                _ => {}
            }
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        let mut has_digit = c.is_numeric();
        let mut letters = usize::from(c.is_alphabetic());
        let mut uppers = usize::from(c.is_uppercase());
        while let Some(d) = char_at(text, end) {
            if is_word_char(d) {
                has_digit |= d.is_numeric();
                letters += usize::from(d.is_alphabetic());
                uppers += usize::from(d.is_uppercase());
                end += d.len_utf8();
            } else if is_joiner(d) && char_at(text, end + d.len_utf8()).is_some_and(is_word_char) {
                end += d.len_utf8();
            } else {
                break;
            }
        }
        i = end;
        let mut possessive = 0;
        let surface = text.get(start..end).unwrap_or("");
        let lstart = lower.len();
        if surface.is_ascii() {
            lower.push_str(surface);
            if let Some(added) = lower.get_mut(lstart..) {
                added.make_ascii_lowercase();
            }
        } else {
            for ch in surface.chars() {
                if ch == '’' {
                    lower.push('\'');
                } else {
                    lower.extend(ch.to_lowercase());
                }
            }
        }
        let lend = lower.len();
        let l = lower.get(lstart..lend).unwrap_or("");
        if l.len() > 2 && l.ends_with("'s") {
            possessive = 2;
        }
        let case = if has_digit {
            Case::Number
        } else if letters >= 2 && uppers == letters {
            Case::AllCaps
        } else if c.is_uppercase() {
            Case::Capital
        } else {
            Case::Lower
        };
        let flags = gazetteer::lookup_story_token(l.get(..l.len() - possessive).unwrap_or(l));
        let dotted = text.as_bytes().get(end) == Some(&b'.');
        list.push(Token {
            start,
            end,
            lower: (lstart, lend),
            flags,
            case,
            sentence_start: boundary,
            possessive,
            protected: false,
            dotted,
            lexical: Cell::new(None),
            finite_verb: Cell::new(None),
        });
        // "'s Nachts" and "'t Is" at a sentence start: the next word starts it too.
        let elided_article = matches!(l, "s" | "t")
            && text
                .get(..start)
                .is_some_and(|b| b.ends_with('\'') || b.ends_with('’'));
        boundary = boundary && elided_article;
    }
    Tokens { list, lower }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_know_case_sentence_starts_and_possessives() {
        let t = tokenise("Daan's juf. 's Avonds zei Dijk-Bos: ASML 2023");
        let words: Vec<&str> = t.list.iter().map(|x| t.lower(x)).collect();
        assert_eq!(
            words,
            ["daan's", "juf", "s", "avonds", "zei", "dijk-bos", "asml", "2023"]
        );
        assert_eq!(t.base(&t.list[0]), "daan");
        assert_eq!(t.list[0].possessive, 2);
        assert!(t.list[0].sentence_start);
        assert!(!t.list[1].sentence_start);
        assert!(t.list[1].dotted);
        // the word after an elided article at a sentence start still starts it
        assert!(t.list[3].sentence_start);
        assert_eq!(t.list[5].case, Case::Capital);
        assert_eq!(t.list[6].case, Case::AllCaps);
        assert_eq!(t.list[7].case, Case::Number);
    }
}
