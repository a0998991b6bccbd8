//! The *Deel jouw verhaal* questionnaire: its questions, options and limits, defined once.
//!
//! Labels live in the locale files under `q.<question>.label` and `q.<question>.<option>`.
//! Every structured answer is a band or a category from this list, so no combination of
//! answers is finer than these options (a family cannot be singled out by exact ages,
//! dates or places).

mod submission;
mod withdrawal_code;

pub use submission::{Answers, FieldError, StoryForm, HONEYPOT_FIELD, TICKED_FIELD, TYPED_FIELD};
pub use withdrawal_code::{WithdrawalCode, WithdrawalCodeHash};

/// The option every question offers for parents who would rather not answer.
pub const UNSAID: &str = "unsaid";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Exactly one option.
    One,
    /// One or more options ("zeg ik liever niet" on its own).
    Several,
}

#[derive(Debug)]
pub struct Question {
    /// The form field name, the i18n key segment and, for single choices, the column.
    pub id: &'static str,
    pub choice: Choice,
    pub options: &'static [&'static str],
}

impl Question {
    pub fn has_option(&self, option: &str) -> Option<&'static str> {
        self.options.iter().copied().find(|o| *o == option)
    }
}

pub const QUESTIONS: [Question; 8] = [
    Question {
        id: "writer",
        choice: Choice::One,
        options: &[
            "parent",
            "grandparent",
            "foster_parent",
            "child",
            "professional",
            UNSAID,
        ],
    },
    Question {
        id: "age_band",
        choice: Choice::One,
        options: &["4_7", "8_11", "12_15", "16_18", UNSAID],
    },
    Question {
        id: "school_type",
        choice: Choice::One,
        options: &[
            "primary",
            "special_primary",
            "secondary",
            "special",
            "mbo",
            "other",
            UNSAID,
        ],
    },
    Question {
        id: "time_at_home",
        choice: Choice::One,
        options: &[
            "under_3_months",
            "3_12_months",
            "1_2_years",
            "over_2_years",
            UNSAID,
        ],
    },
    Question {
        id: "reasons",
        choice: Choice::Several,
        options: &[
            "overstimulation",
            "not_seen",
            "bullying",
            "pressure",
            "unsafe",
            "care_waiting_list",
            "no_suitable_place",
            "illness",
            "other",
            UNSAID,
        ],
    },
    Question {
        id: "helped",
        choice: Choice::Several,
        options: &[
            "calm_start",
            "contact_person",
            "adjusted_timetable",
            "home_education",
            "care_support",
            "peer_contact",
            "nothing_yet",
            "other",
            UNSAID,
        ],
    },
    Question {
        id: "situation",
        choice: Choice::One,
        options: &[
            "home_without_education",
            "home_education_exemption",
            "partly_school",
            "other_school",
            "care_or_day_programme",
            "waiting_list",
            "other",
            UNSAID,
        ],
    },
    Question {
        id: "province",
        choice: Choice::One,
        options: &[
            "drenthe",
            "flevoland",
            "friesland",
            "gelderland",
            "groningen",
            "limburg",
            "noord_brabant",
            "noord_holland",
            "overijssel",
            "utrecht",
            "zeeland",
            "zuid_holland",
            "none",
            UNSAID,
        ],
    },
];

pub fn question(id: &str) -> Option<&'static Question> {
    QUESTIONS.iter().find(|q| q.id == id)
}

/// The free-text fields, with their limits in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextField {
    pub id: &'static str,
    pub required: bool,
    pub max_chars: usize,
}

pub const STORY: TextField = TextField {
    id: "story",
    required: true,
    max_chars: 10_000,
};
pub const WHAT_SHOULD_CHANGE: TextField = TextField {
    id: "change",
    required: false,
    max_chars: 5_000,
};
pub const CHILD_WORDS: TextField = TextField {
    id: "child_words",
    required: false,
    max_chars: 5_000,
};
pub const TEXT_FIELDS: [TextField; 3] = [STORY, WHAT_SHOULD_CHANGE, CHILD_WORDS];

text_enum! {
    /// What the parent allows; stored in `stories.consent`.
    pub enum Consent {
        /// Publish the story anonymously after moderation, and count the answers.
        Publish = "publish",
        /// Only count the answers; the story is never published.
        CountOnly = "count_only",
    }
}

impl Consent {
    pub fn allows_publication(self) -> bool {
        self == Consent::Publish
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_question_offers_rather_not_say_and_has_unique_options() {
        for question in &QUESTIONS {
            assert!(question.options.contains(&UNSAID), "{}", question.id);
            let mut seen = std::collections::HashSet::new();
            for option in question.options {
                assert!(seen.insert(option), "{}: {option} twice", question.id);
            }
        }
    }
}
