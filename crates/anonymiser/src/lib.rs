// The crate documentation is its README, so the example there is compiled and run as a test.
#![doc = include_str!("../README.md")]

mod context;
mod engine;
mod gazetteer;
mod kind;
pub mod lang;
mod patterns;
mod placeholders;
pub mod scrub;
#[cfg(feature = "diesel")]
mod storage;
mod text;
mod tokens;
mod validate;

pub use kind::{Kind, Summary};
pub use lang::Lang;
pub use text::{AnonymisedText, AuthorEcho, RawText, Segment};

/// The anonymised fields of one story and what was removed from them.
#[derive(Clone, Debug)]
pub struct AnonymisedStory {
    pub texts: Vec<AnonymisedText>,
    pub summary: Summary,
}

/// Anonymises the fields of one story together: a name found in one field is removed from
/// every field, and placeholders are numbered consistently across fields. Takes references
/// so the caller can still echo the raw text back to its author on the preview page.
/// Never panics. Output order = input order.
///
/// Re-anonymising text a moderator edited works the same way: placeholders already in the
/// text are kept as they are, and new persons continue the numbering after the highest
/// "[naam N]"/"[name N]" present (`RawText::new(edited)` then `anonymise_story`).
pub fn anonymise_story(lang: Lang, texts: &[&RawText]) -> AnonymisedStory {
    let inputs: Vec<&str> = texts.iter().map(|t| t.expose()).collect();
    let analysis = engine::anonymise(lang, &inputs);
    AnonymisedStory {
        texts: analysis.texts.into_iter().map(AnonymisedText).collect(),
        summary: analysis.summary,
    }
}

/// Byte ranges in an anonymised text of words a moderator should look at twice:
/// capitalised words that are in no lexicon, rare words, known names and places that the
/// engine kept because they are also ordinary words. Ranges never overlap placeholders.
pub fn words_to_check(lang: Lang, text: &AnonymisedText) -> Vec<std::ops::Range<usize>> {
    let _ = lang; // both lexicons are consulted whatever the language: stories mix them
    engine::words_to_check(text.as_str())
}

/// Loads the word lists and compiles the patterns now rather than on the first story
/// (call at start-up so the first visitor does not wait).
pub fn warm_up() {
    gazetteer::warm_up();
    let _ = engine::anonymise(Lang::Nl, &["Warm 06-12345678 op 1 mei."]);
}
