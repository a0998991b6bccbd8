//! What the questionnaire page shows, built from the questionnaire definition, what the
//! parent sent, the problems found and (after "Bekijk je verhaal") the anonymised preview.

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use askama::Template;

pub use crate::web::render::render_private;

use crate::anonymiser::{
    words_to_ask, AnonymisedStory, AnonymisedText, AuthorEcho, Segment, Summary,
};
use crate::lang::Lang;
use crate::questionnaire::{question, Choice, FieldError, StoryForm, QUESTIONS, TEXT_FIELDS};
use crate::web::pages::story::StoryPaths;
use crate::web::pages::PageChrome;

pub struct OptionView {
    pub id: String,
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

pub struct QuestionView {
    pub id: &'static str,
    pub input_type: &'static str,
    pub legend: String,
    pub hint: String,
    pub options: Vec<OptionView>,
    pub error: Option<String>,
}

pub struct TextView<'a> {
    pub id: &'static str,
    pub label: String,
    pub hint: String,
    pub value: AuthorEcho<'a>,
    pub rows: u32,
    /// The limit, for the character counter (`static/questionnaire.js`).
    pub max_chars: usize,
    pub error: Option<String>,
}

pub struct SegmentView<'a> {
    pub placeholder: bool,
    pub text: &'a str,
}

pub struct PreviewSection<'a> {
    pub heading: String,
    pub segments: Vec<SegmentView<'a>>,
}

pub struct PreviewView<'a> {
    pub summary: String,
    pub sections: Vec<PreviewSection<'a>>,
    /// The answers in short, consent last: (question, chosen options).
    pub answers: Vec<(String, String)>,
    /// Every (field, option) chosen, carried in hidden fields to "Verstuur" and "Pas aan".
    pub chosen: Vec<(&'static str, &'static str)>,
    /// The seal of what this preview shows (see `shown`).
    pub seal: String,
    /// The words the parent already ticked (checked), then the words to ask about.
    pub words: Vec<WordChoice<'a>>,
    /// What the parent typed as other words to remove, shown back in its field.
    pub typed: AuthorEcho<'a>,
}

/// At most this many words are asked about on the preview, the likeliest first.
pub const WORDS_TO_ASK: usize = 12;

/// One checkbox of the parent's check: "is this a name, place or school?"
pub struct WordChoice<'a> {
    pub id: String,
    pub word: Word<'a>,
    pub checked: bool,
}

/// A word to ask about: as the parent ticked it (their own text, back to them), or as it
/// stands in the anonymised preview.
pub enum Word<'a> {
    Ticked(AuthorEcho<'a>),
    Kept(String),
}

impl std::fmt::Display for Word<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Word::Ticked(echo) => echo.fmt(f),
            Word::Kept(word) => f.write_str(word),
        }
    }
}

/// A link from the error summary at the top to the field with the problem.
pub struct ErrorLink {
    pub target: String,
    pub message: String,
}

#[derive(Template)]
#[template(path = "story/form.html")]
pub struct StoryFormPage<'a> {
    pub page: PageChrome,
    pub paths: &'static StoryPaths,
    pub token: String,
    pub honeypot_field: &'static str,
    pub notice: Option<String>,
    pub errors: Vec<ErrorLink>,
    pub questions: Vec<QuestionView>,
    pub texts: Vec<TextView<'a>>,
    pub consent: Vec<OptionView>,
    pub consent_error: Option<String>,
    pub preview: Option<PreviewView<'a>>,
    /// The words the parent asked to remove on an earlier preview, carried through a
    /// page without a preview (the form came back with a problem) so none is forgotten.
    pub carried_ticked: Vec<AuthorEcho<'a>>,
    pub carried_typed: Option<AuthorEcho<'a>>,
}

impl<'a> StoryFormPage<'a> {
    /// The questionnaire filled in with `form`, with `errors` next to their fields.
    pub fn build(
        lang: Lang,
        form: &'a StoryForm,
        token: String,
        errors: &[FieldError],
    ) -> StoryFormPage<'a> {
        let page = PageChrome {
            lang,
            switch_href: StoryPaths::of(lang.other()).form.to_owned(),
        };
        let message = |field: &str| {
            errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| error_message(lang, e))
        };
        let questions = QUESTIONS
            .iter()
            .map(|q| QuestionView {
                id: q.id,
                input_type: match q.choice {
                    Choice::One => "radio",
                    Choice::Several => "checkbox",
                },
                legend: page.t(&format!("q.{}.label", q.id)),
                hint: page.t(match q.choice {
                    Choice::One => "form.choose_one_hint",
                    Choice::Several => "form.choose_some_hint",
                }),
                options: q
                    .options
                    .iter()
                    .map(|option| OptionView {
                        id: format!("q-{}-{}", q.id, option),
                        value: option,
                        label: page.t(&q.option_key(option)),
                        checked: form.is_chosen(q.id, option),
                    })
                    .collect(),
                error: message(q.id),
            })
            .collect();
        let texts = TEXT_FIELDS
            .iter()
            .map(|field| TextView {
                id: field.id,
                label: page.t(&format!("form.{}.label", field.id)),
                hint: page.t(&format!("form.{}.hint", field.id)),
                value: form.text(*field).echo_to_author(),
                rows: if field.required { 14 } else { 6 },
                max_chars: field.max_chars,
                error: message(field.id),
            })
            .collect();
        let consent = crate::questionnaire::Consent::ALL
            .iter()
            .map(|consent| consent.as_str())
            .map(|value| OptionView {
                id: format!("consent-{value}"),
                value,
                label: page.t(&format!("form.consent.{value}")),
                checked: form.consent_is(value),
            })
            .collect();
        // Each line names its question, so eight problems read as eight different lines
        // ("Hoe oud is het kind nu? Kies één antwoord."); `validate` gives them in page order.
        let errors = errors
            .iter()
            .map(|e| ErrorLink {
                target: first_input_id(e.field),
                message: named_error(&page, e),
            })
            .collect();
        StoryFormPage {
            paths: StoryPaths::of(lang),
            token,
            honeypot_field: crate::questionnaire::HONEYPOT_FIELD,
            notice: None,
            errors,
            questions,
            texts,
            consent,
            consent_error: message("consent"),
            preview: None,
            carried_ticked: form.ticked().iter().map(|w| w.echo_to_author()).collect(),
            carried_typed: (!form.typed().is_blank()).then(|| form.typed().echo_to_author()),
            page,
        }
    }

    pub fn with_notice(mut self, key: &str) -> Self {
        self.notice = Some(self.page.t(key));
        self
    }

    pub fn with_preview(
        mut self,
        form: &'a StoryForm,
        story: &'a AnonymisedStory,
        seal: String,
    ) -> Self {
        let lang = self.page.lang;
        let sections = TEXT_FIELDS
            .iter()
            .zip(&story.texts)
            .filter(|(_, text)| !text.is_empty())
            .map(|(field, text)| PreviewSection {
                heading: self.page.t(&format!("form.{}.label", field.id)),
                segments: segments(text),
            })
            .collect();
        let mut chosen = Vec::new();
        for q in &QUESTIONS {
            for option in q.options.iter().filter(|o| form.is_chosen(q.id, o)) {
                chosen.push((q.id, *option));
            }
        }
        let consent = crate::questionnaire::Consent::ALL
            .iter()
            .find(|c| form.consent_is(c.as_str()));
        if let Some(consent) = consent {
            chosen.push(("consent", consent.as_str()));
        }
        let mut answers: Vec<(String, String)> = QUESTIONS
            .iter()
            .map(|q| {
                let chosen: Vec<String> = q
                    .options
                    .iter()
                    .filter(|o| form.is_chosen(q.id, o))
                    .map(|o| self.page.t(&q.option_key(o)))
                    .collect();
                let shown = if chosen.is_empty() {
                    self.page.t("preview.not_answered")
                } else {
                    chosen.join(", ")
                };
                (self.page.t(&format!("q.{}.label", q.id)), shown)
            })
            .collect();
        // What may be done with the story is part of what is sent: in the summary too.
        answers.push((
            self.page.t("form.consent.label"),
            match consent {
                Some(consent) => self.page.t(&format!("form.consent.{}", consent.as_str())),
                None => self.page.t("preview.not_answered"),
            },
        ));
        // Ticked words stay listed (checked, so the parent can untick one); they are gone
        // from the preview, so the words asked about next are new ones.
        let ticked = form
            .ticked()
            .iter()
            .map(|word| (Word::Ticked(word.echo_to_author()), true));
        let asked = words_to_ask(self.page.lang, story, WORDS_TO_ASK)
            .into_iter()
            .map(|word| (Word::Kept(word), false));
        let words = ticked
            .chain(asked)
            .enumerate()
            .map(|(i, (word, checked))| WordChoice {
                id: format!("remove-{i}"),
                word,
                checked,
            })
            .collect();
        self.preview = Some(PreviewView {
            summary: summary_sentence(lang, &story.summary),
            sections,
            answers,
            chosen,
            seal,
            words,
            typed: form.typed().echo_to_author(),
        });
        self
    }

    /// The page as a response that no cache keeps: it holds the parent's own text.
    pub fn respond(&self, status: StatusCode) -> HttpResponse {
        render_private(self, status)
    }
}

fn first_input_id(field: &str) -> String {
    match QUESTIONS.iter().find(|q| q.id == field) {
        Some(q) => format!("q-{}-{}", q.id, q.options[0]),
        None if field == "consent" => "consent-publish".to_owned(),
        None => format!("field-{field}"),
    }
}

pub fn error_message(lang: Lang, error: &FieldError) -> String {
    let locale = lang.code();
    match (error.limit, error.option) {
        (Some(limit), _) => rust_i18n::t!(
            error.key,
            locale = locale,
            limit = format_number(lang, limit)
        )
        .into_owned(),
        (None, Some(option)) => {
            let label = question(error.field)
                .map(|q| rust_i18n::t!(q.option_key(option), locale = locale).into_owned())
                .unwrap_or_default();
            rust_i18n::t!(error.key, locale = locale, option = label).into_owned()
        }
        (None, None) => rust_i18n::t!(error.key, locale = locale).into_owned(),
    }
}

/// An error as the summary lists it: the question or field it belongs to, then what to do.
fn named_error(page: &PageChrome, error: &FieldError) -> String {
    let name = if question(error.field).is_some() {
        page.t(&format!("q.{}.label", error.field))
    } else if error.field == "consent" {
        page.t("form.consent.label")
    } else {
        page.t(&format!("form.{}.label", error.field))
    };
    let message = error_message(page.lang, error);
    // A question ends in "?"; a field's label gets a colon.
    if name.ends_with('?') {
        format!("{name} {message}")
    } else {
        format!("{name}: {message}")
    }
}

fn format_number(lang: Lang, n: usize) -> String {
    let digits = n.to_string();
    let separator = if lang == Lang::Nl { '.' } else { ',' };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

pub fn segments(text: &AnonymisedText) -> Vec<SegmentView<'_>> {
    text.segments()
        .map(|segment| match segment {
            Segment::Text(text) => SegmentView {
                placeholder: false,
                text,
            },
            Segment::Placeholder(text) => SegmentView {
                placeholder: true,
                text,
            },
        })
        .collect()
}

/// "We removed 3 names, 1 school or organisation and 1 place." in the page's language.
pub fn summary_sentence(lang: Lang, summary: &Summary) -> String {
    let parts: Vec<String> = summary
        .counts()
        .map(|(kind, count)| {
            let form = if count == 1 { "one" } else { "other" };
            rust_i18n::t!(
                format!("removed.{}.{form}", kind.key()),
                locale = lang.code(),
                count = count
            )
            .into_owned()
        })
        .collect();
    let and = rust_i18n::t!("removed.and", locale = lang.code());
    let list = match parts.as_slice() {
        [] => return rust_i18n::t!("removed.nothing", locale = lang.code()).into_owned(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    };
    rust_i18n::t!("removed.sentence", locale = lang.code(), list = list).into_owned()
}

#[cfg(test)]
mod tests {
    use super::format_number;
    use crate::lang::Lang;

    #[test]
    fn numbers_are_written_the_local_way() {
        assert_eq!(format_number(Lang::Nl, 10_000), "10.000");
        assert_eq!(format_number(Lang::En, 5_000), "5,000");
        assert_eq!(format_number(Lang::En, 500), "500");
    }
}
