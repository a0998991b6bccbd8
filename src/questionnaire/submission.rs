//! A filled-in questionnaire as it arrives, and its validation.

use std::collections::HashMap;

use super::{question, Choice, Consent, TextField, QUESTIONS, TEXT_FIELDS, UNSAID};
use crate::anonymiser::RawText;

/// The form as sent: answers as typed (for showing the form again), texts as `RawText`.
///
/// Parsing never fails: unknown fields are ignored and every problem is found by
/// `validate`, so the parent always gets the form back with what they wrote.
pub struct StoryForm {
    /// The signed token the form was served with (see `protection::form_token`).
    pub token: String,
    /// True when the hidden honeypot field was filled in: only bots do that.
    pub honeypot_filled: bool,
    /// The seal of the preview this form was sent from (see `protection::preview_seal`).
    pub seal: String,
    chosen: HashMap<&'static str, Vec<String>>,
    texts: [RawText; 3],
    consent: Option<String>,
    /// Words the parent ticked on the preview ("Vink aan wat weg moet").
    ticked: Vec<RawText>,
    /// What the parent typed in "Andere woorden die weg moeten", as typed (for the form)...
    typed: RawText,
    /// ...and split into words (for the anonymiser).
    typed_words: Vec<RawText>,
}

/// The field of words the parent ticked on the preview.
pub const TICKED_FIELD: &str = "remove";
/// The field of other words the parent wants removed, separated by commas.
pub const TYPED_FIELD: &str = "remove_more";
/// At most this many ticked or typed words are read: more is not a person.
const MAX_WORDS_TO_REMOVE: usize = 64;

/// Name of the hidden field people never see and bots fill in.
pub const HONEYPOT_FIELD: &str = "kanarie_website";

/// A problem with one field, shown next to it: `key` is an i18n key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub key: &'static str,
    /// For messages that name a limit ("at most 10,000 characters").
    pub limit: Option<usize>,
    /// For messages that name an option ("\"Zeg ik liever niet\" cannot go with another
    /// answer"): the option's code, labelled in the page's language.
    pub option: Option<&'static str>,
}

/// Validated answers: every value is one of the questionnaire's own options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answers {
    /// (question, option) for the single-choice questions, in questionnaire order.
    pub single: Vec<(&'static str, &'static str)>,
    /// (question, options) for the several-choice questions.
    pub several: Vec<(&'static str, Vec<&'static str>)>,
    pub consent: Consent,
}

impl Answers {
    /// Every answer as codes, in questionnaire order: what the preview showed of them.
    pub fn codes(&self) -> Vec<&'static str> {
        let mut codes = Vec::new();
        for (question, option) in &self.single {
            codes.extend([*question, *option]);
        }
        for (question, options) in &self.several {
            codes.push(*question);
            codes.extend(options.iter().copied());
        }
        codes.push(self.consent.as_str());
        codes
    }

    pub fn single(&self, id: &str) -> &'static str {
        self.single
            .iter()
            .find(|(q, _)| *q == id)
            .map(|(_, option)| *option)
            .unwrap_or(UNSAID)
    }
}

impl StoryForm {
    /// The empty form, as first served.
    pub fn empty(token: String) -> StoryForm {
        StoryForm {
            token,
            honeypot_filled: false,
            seal: String::new(),
            chosen: HashMap::new(),
            texts: [
                RawText::new(String::new()),
                RawText::new(String::new()),
                RawText::new(String::new()),
            ],
            consent: None,
            ticked: Vec::new(),
            typed: RawText::new(String::new()),
            typed_words: Vec::new(),
        }
    }

    /// Reads an `application/x-www-form-urlencoded` body.
    pub fn parse(body: &[u8]) -> StoryForm {
        let mut form = StoryForm::empty(String::new());
        let mut texts: [Option<String>; 3] = [None, None, None];
        let mut typed: Option<String> = None;
        for (name, value) in form_urlencoded::parse(body) {
            if let Some(index) = TEXT_FIELDS.iter().position(|f| f.id == name) {
                if texts[index].is_none() {
                    texts[index] = Some(value.into_owned());
                }
                continue;
            }
            match name.as_ref() {
                "token" => form.token = value.into_owned(),
                "seal" => form.seal = value.into_owned(),
                TICKED_FIELD => {
                    if form.ticked.len() < MAX_WORDS_TO_REMOVE && !value.trim().is_empty() {
                        form.ticked.push(RawText::new(value.trim().to_owned()));
                    }
                }
                TYPED_FIELD if typed.is_none() => typed = Some(value.into_owned()),
                "consent" => form.consent = Some(value.into_owned()),
                HONEYPOT_FIELD => form.honeypot_filled = !value.trim().is_empty(),
                other => {
                    if let Some(question) = question(other) {
                        let values = form.chosen.entry(question.id).or_default();
                        // No question has more options than this; more is not a person.
                        if values.len() < 32 {
                            values.push(value.into_owned());
                        }
                    }
                }
            }
        }
        form.texts = texts.map(|text| RawText::new(text.unwrap_or_default()));
        let typed = typed.unwrap_or_default();
        form.typed_words = typed
            .split([',', ';', '\n'])
            .map(str::trim)
            .filter(|word| !word.is_empty())
            .take(MAX_WORDS_TO_REMOVE)
            .map(|word| RawText::new(word.to_owned()))
            .collect();
        form.typed = RawText::new(typed);
        form
    }

    /// The words the parent ticked on the preview, in the order they were sent.
    pub fn ticked(&self) -> &[RawText] {
        &self.ticked
    }

    /// What the parent typed as other words to remove, as typed.
    pub fn typed(&self) -> &RawText {
        &self.typed
    }

    /// Every word the parent asked to remove (ticked, then typed), for the anonymiser.
    pub fn words_to_remove(&self) -> Vec<&RawText> {
        self.ticked.iter().chain(&self.typed_words).collect()
    }

    pub fn is_chosen(&self, question: &str, option: &str) -> bool {
        self.chosen
            .get(question)
            .is_some_and(|values| values.iter().any(|v| v == option))
    }

    pub fn consent_is(&self, code: &str) -> bool {
        self.consent.as_deref() == Some(code)
    }

    pub fn text(&self, field: TextField) -> &RawText {
        let index = TEXT_FIELDS.iter().position(|f| *f == field).unwrap_or(0);
        &self.texts[index]
    }

    /// The three texts, in `TEXT_FIELDS` order, for the anonymiser.
    pub fn texts(&self) -> [&RawText; 3] {
        [&self.texts[0], &self.texts[1], &self.texts[2]]
    }

    /// Checks every field and returns the answers, or every problem at once.
    pub fn validate(&self) -> Result<Answers, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut single = Vec::new();
        let mut several = Vec::new();

        // In page order, so the error summary lists them as the parent meets them: the
        // texts (the story first), the questions, consent.
        for (field, text) in TEXT_FIELDS.iter().zip(&self.texts) {
            if field.required && text.is_blank() {
                errors.push(FieldError {
                    field: field.id,
                    key: "form.error.story_required",
                    limit: None,
                    option: None,
                });
            } else if text.char_count() > field.max_chars {
                errors.push(FieldError {
                    field: field.id,
                    key: "form.error.too_long",
                    limit: Some(field.max_chars),
                    option: None,
                });
            }
        }

        for question in &QUESTIONS {
            let given = self
                .chosen
                .get(question.id)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let mut options = Vec::new();
            let mut unknown = false;
            for value in given {
                match question.has_option(value) {
                    Some(option) if !options.contains(&option) => options.push(option),
                    Some(_) => {}
                    None => unknown = true,
                }
            }
            let error = |key| FieldError {
                field: question.id,
                key,
                limit: None,
                option: None,
            };
            if unknown {
                errors.push(error("form.error.unknown_option"));
                continue;
            }
            match question.choice {
                Choice::One => match options.as_slice() {
                    [option] => single.push((question.id, *option)),
                    [] => errors.push(error("form.error.choose_one")),
                    _ => errors.push(error("form.error.only_one")),
                },
                Choice::Several => {
                    // "Zeg ik liever niet" (or "weet ik niet", "niets daarvan") next to a
                    // real answer contradicts itself: refused, never resolved by a guess.
                    let alone = options.iter().copied().find(|o| question.alone.contains(o));
                    match alone {
                        _ if options.is_empty() => errors.push(error("form.error.choose_some")),
                        Some(option) if options.len() > 1 => errors.push(FieldError {
                            option: Some(option),
                            ..error("form.error.alone")
                        }),
                        _ => several.push((question.id, options)),
                    }
                }
            }
        }

        let consent = self.consent.as_deref().and_then(Consent::parse);
        if consent.is_none() {
            errors.push(FieldError {
                field: "consent",
                key: "form.error.consent_required",
                limit: None,
                option: None,
            });
        }

        match consent {
            Some(consent) if errors.is_empty() => Ok(Answers {
                single,
                several,
                consent,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::DONT_KNOW;
    use super::*;

    fn body(pairs: &[(&str, &str)]) -> Vec<u8> {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
            .into_bytes()
    }

    fn complete() -> Vec<(&'static str, &'static str)> {
        vec![
            ("writer", "parent"),
            ("age_band", "5_11"),
            ("registration", "sick_or_permitted"),
            ("school_type", "primary"),
            ("time_at_home", "6_12_months"),
            ("started", "last_school_year"),
            ("situation", "waiting_special_education"),
            ("situation", "home_without_education"),
            ("education_hours", "none"),
            ("reasons", "bullying"),
            ("reasons", "overstimulation"),
            ("measures", "threatened"),
            ("helped", UNSAID),
            ("province", "utrecht"),
            ("story", "Hij wilde niet meer naar school."),
            ("consent", "publish"),
        ]
    }

    #[test]
    fn a_complete_form_validates_to_the_questionnaires_own_options() {
        let form = StoryForm::parse(&body(&complete()));
        let answers = form.validate().unwrap();
        assert_eq!(answers.single("age_band"), "5_11");
        assert_eq!(answers.single("registration"), "sick_or_permitted");
        assert_eq!(answers.consent, Consent::Publish);
        assert_eq!(
            answers.several,
            vec![
                (
                    "situation",
                    vec!["waiting_special_education", "home_without_education"]
                ),
                ("reasons", vec!["bullying", "overstimulation"]),
                ("measures", vec!["threatened"]),
                ("helped", vec![UNSAID])
            ]
        );
    }

    #[test]
    fn every_problem_is_reported_against_its_field_in_page_order() {
        let long = "a".repeat(10_001);
        let form = StoryForm::parse(&body(&[
            ("writer", "parent"),
            ("writer", "child"),
            ("age_band", "9"),
            ("story", &long),
        ]));
        let errors = form.validate().unwrap_err();
        let find = |field: &str| errors.iter().find(|e| e.field == field).map(|e| e.key);
        assert_eq!(find("writer"), Some("form.error.only_one"));
        assert_eq!(find("age_band"), Some("form.error.unknown_option"));
        assert_eq!(find("school_type"), Some("form.error.choose_one"));
        assert_eq!(find("reasons"), Some("form.error.choose_some"));
        assert_eq!(find("story"), Some("form.error.too_long"));
        assert_eq!(find("consent"), Some("form.error.consent_required"));
        assert_eq!(find("change"), None);
        let order: Vec<&str> = errors.iter().map(|e| e.field).collect();
        let mut expected = vec!["story"];
        expected.extend(QUESTIONS.iter().map(|q| q.id));
        expected.push("consent");
        assert_eq!(order, expected);
    }

    #[test]
    fn rather_not_say_with_another_answer_is_refused_naming_the_option() {
        let mut pairs = complete();
        pairs.push(("helped", "calm_start"));
        pairs.push(("reasons", DONT_KNOW));
        pairs.push(("measures", "none"));
        let form = StoryForm::parse(&body(&pairs));
        let errors = form.validate().unwrap_err();
        let problems: Vec<(&str, &str, Option<&str>)> =
            errors.iter().map(|e| (e.field, e.key, e.option)).collect();
        assert_eq!(
            problems,
            vec![
                ("reasons", "form.error.alone", Some(DONT_KNOW)),
                ("measures", "form.error.alone", Some("none")),
                ("helped", "form.error.alone", Some(UNSAID)),
            ]
        );
        assert!(form.is_chosen("helped", "calm_start"));
    }

    #[test]
    fn each_alone_option_on_its_own_is_an_answer_and_blank_stories_are_refused() {
        let mut pairs = complete();
        pairs.retain(|(k, _)| *k != "story" && *k != "reasons");
        pairs.push(("reasons", DONT_KNOW));
        pairs.push(("story", "  \n "));
        let form = StoryForm::parse(&body(&pairs));
        let errors = form.validate().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].key, "form.error.story_required");
        pairs.retain(|(k, _)| *k != "story");
        pairs.push(("story", "Een paar zinnen."));
        let answers = StoryForm::parse(&body(&pairs)).validate().unwrap();
        assert!(answers.several.contains(&("reasons", vec![DONT_KNOW])));
    }

    proptest::proptest! {
        #[test]
        fn any_body_parses_and_validates_without_panicking(body in proptest::collection::vec(proptest::num::u8::ANY, 0..2048)) {
            let form = StoryForm::parse(&body);
            let _ = form.validate();
        }

        #[test]
        fn form_shaped_bodies_never_panic(
            pairs in proptest::collection::vec(("(writer|age_band|reasons|helped|story|change|consent|token|kanarie_website|x)", ".{0,40}"), 0..40)
        ) {
            let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(&pairs).finish();
            let form = StoryForm::parse(body.as_bytes());
            if let Ok(answers) = form.validate() {
                for (question, option) in &answers.single {
                    proptest::prop_assert!(super::super::question(question).is_some_and(|q| q.options.contains(option)));
                }
            }
        }
    }
}
