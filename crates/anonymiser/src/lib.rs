// The crate documentation is its README, so the example there is compiled and run as a test.
#![doc = include_str!("../README.md")]

mod check;
mod context;
mod engine;
mod gazetteer;
mod kind;
pub mod lang;
mod patterns;
mod placeholders;
mod rules;
pub mod scrub;
#[cfg(feature = "diesel")]
mod storage;
mod tagger;
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

/// `anonymise_story`, and also removes every occurrence (whole words or phrases, any case)
/// of each of `also_remove` (words the parent ticked or typed on the preview) in every
/// field, with consistent placeholders; the summary counts them. Idempotent like
/// `anonymise_story`: the removed words are gone from the output, so a second run with
/// the same list changes nothing.
///
/// A removed word becomes a person ("[naam N]", numbered like the engine's own names)
/// unless the word lists say it is a place, or it reads as a school or organisation; see
/// `engine::removal_kind` for why.
pub fn anonymise_story_removing(
    lang: Lang,
    texts: &[&RawText],
    also_remove: &[&RawText],
) -> AnonymisedStory {
    let inputs: Vec<&str> = texts.iter().map(|t| t.expose()).collect();
    let remove: Vec<&str> = also_remove.iter().map(|t| t.expose()).collect();
    let analysis = engine::anonymise_removing(lang, &inputs, &remove);
    AnonymisedStory {
        texts: analysis.texts.into_iter().map(AnonymisedText).collect(),
        summary: analysis.summary,
    }
}

/// Words kept in `story` that the anonymiser is least sure of (possible missed names, places,
/// schools), as they appear in the output, distinct ignoring case, most likely identifying first,
/// at most `limit`. Same ranking as `words_to_check` (the moderators' outline).
pub fn words_to_ask(lang: Lang, story: &AnonymisedStory, limit: usize) -> Vec<String> {
    let texts: Vec<&str> = story.texts.iter().map(|t| t.as_str()).collect();
    check::words_to_ask(lang, &texts, limit)
}

/// Byte ranges in an anonymised text of words a moderator should look at twice:
/// capitalised words that are in no lexicon, rare words, known names and places that the
/// engine kept because they are also ordinary words. Ranges never overlap placeholders.
pub fn words_to_check(lang: Lang, text: &AnonymisedText) -> Vec<std::ops::Range<usize>> {
    check::words_to_check(lang, text.as_str())
}

/// For the tagger's training script only (the `tagger_features` example): the features of
/// every word the rules keep in `text`. The rows hold words of the text: write them nowhere
/// but a scratch file.
#[cfg(feature = "training")]
#[doc(hidden)]
pub fn tagger_training_rows(lang: Lang, text: &str, bits: u32) -> Vec<TrainingRow> {
    engine::tagger_rows(lang, text, bits)
}

#[cfg(feature = "training")]
#[doc(hidden)]
pub use tagger::TrainingRow;

/// Loads the word lists and compiles the patterns now rather than on the first story
/// (call at start-up so the first visitor does not wait).
pub fn warm_up() {
    gazetteer::warm_up();
    let _ = engine::anonymise(Lang::Nl, &["Warm 06-12345678 op 1 mei."]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(s: &str) -> RawText {
        RawText::new(s.to_string())
    }

    fn removing(texts: &[&str], remove: &[&str]) -> AnonymisedStory {
        let texts: Vec<RawText> = texts.iter().map(|t| raw(t)).collect();
        let remove: Vec<RawText> = remove.iter().map(|t| raw(t)).collect();
        anonymise_story_removing(
            Lang::Nl,
            &texts.iter().collect::<Vec<_>>(),
            &remove.iter().collect::<Vec<_>>(),
        )
    }

    #[test]
    fn removing_takes_every_occurrence_in_every_field_with_one_placeholder() {
        let story = removing(
            &[
                "Met Kwiebus ging het slecht.",
                "kwiebus wil niet, KWIEBUS' juf ook niet",
            ],
            &["kwiebus"],
        );
        let out: Vec<&str> = story.texts.iter().map(|t| t.as_str()).collect();
        assert!(
            out.iter().all(|t| !t.to_lowercase().contains("kwiebus")),
            "{out:?}"
        );
        assert!(out[0].contains("[naam 1]"), "{out:?}");
        assert!(out[1].contains("[naam 1] wil niet"), "{out:?}");
        assert!(story.summary.total() >= 1);
    }

    #[test]
    fn removing_phrases_matches_whole_words_any_case_and_is_idempotent() {
        let story = removing(
            &["Hij zat op De Zwanenveer, toen naar DE ZWANENVEER. Zwanen zag hij niet."],
            &["de zwanenveer", "  "],
        );
        let once = story.texts[0].as_str().to_string();
        assert!(!once.to_lowercase().contains("de zwanenveer"), "{once}");
        assert!(once.contains("Zwanen zag"), "whole words only: {once}");
        assert!(once.contains("[organisatie]"), "{once}");
        let again = removing(&[&once], &["de zwanenveer", "  "]);
        assert_eq!(again.texts[0].as_str(), once);
    }

    #[test]
    fn removed_places_and_schools_get_their_own_placeholders() {
        let story = removing(
            &["We wonen in groningen en hij zat op de klimopschool."],
            &["Groningen", "klimopschool"],
        );
        let out = story.texts[0].as_str();
        assert!(out.contains("[plaats]"), "{out}");
        assert!(out.contains("[school]"), "{out}");
    }

    #[test]
    fn words_to_ask_are_distinct_limited_and_kept_in_the_output() {
        let story = anonymise_story(
            Lang::Nl,
            &[&raw(
                "Wij spraken met de vrlokker. De Vrlokker belde, vrlokker ook, en nog qwispeltuin.",
            )],
        );
        let ask = words_to_ask(Lang::Nl, &story, 12);
        let lowered: Vec<String> = ask.iter().map(|w| w.to_lowercase()).collect();
        let mut distinct = lowered.clone();
        distinct.dedup();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), lowered.len(), "{ask:?}");
        for w in &ask {
            assert!(story.texts[0].as_str().contains(w.as_str()), "{w}");
        }
        assert!(words_to_ask(Lang::Nl, &story, 1).len() <= 1);
        assert!(words_to_ask(Lang::Nl, &story, 0).is_empty());
    }
}
