//! What a preview shows, computed the same way by "Bekijk je verhaal" and by "Verstuur",
//! so that what is stored is what the parent last saw.

use crate::anonymiser::{anonymise_story_removing, AnonymisedStory};
use crate::lang::Lang;
use crate::protection::form_token::FormSigner;
use crate::questionnaire::{Answers, StoryForm};

/// The texts of `form` anonymised, with every word the parent ticked or typed on the
/// preview removed too (in every field, numbered like the anonymiser's own finds).
pub fn anonymise(lang: Lang, form: &StoryForm) -> AnonymisedStory {
    anonymise_story_removing(lang, &form.texts(), &form.words_to_remove())
}

/// The seal the preview page carries for `story` and `answers` shown for `form`.
pub fn seal(
    signer: &FormSigner,
    lang: Lang,
    form: &StoryForm,
    story: &AnonymisedStory,
    answers: &Answers,
) -> String {
    signer.seal_preview(&form.token, shown(lang, story, answers))
}

/// True when `form` was sent from a preview that showed exactly `story` and `answers`.
pub fn was_previewed(
    signer: &FormSigner,
    lang: Lang,
    form: &StoryForm,
    story: &AnonymisedStory,
    answers: &Answers,
) -> bool {
    signer.preview_is_sealed(&form.seal, &form.token, shown(lang, story, answers))
}

/// Everything the preview shows that is stored: the language, the anonymised texts and
/// the answers (the summary follows from the texts).
fn shown<'a>(lang: Lang, story: &'a AnonymisedStory, answers: &Answers) -> Vec<&'a str> {
    // Always three texts (one per field, empty when not written), so a text can never be
    // taken for an answer code; each part is length-prefixed in the seal.
    let mut parts = vec![lang.code()];
    parts.extend(story.texts.iter().map(|text| text.as_str()));
    parts.extend(answers.codes());
    parts
}
