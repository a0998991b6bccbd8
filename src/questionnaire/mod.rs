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

/// "Weet ik niet", offered wherever a parent may not know the answer; apart from
/// "zeg ik liever niet" (not knowing is an answer campaigners can count, declining is not).
pub const DONT_KNOW: &str = "dont_know";

/// What a story stored with the first questionnaire holds where its answer cannot be
/// mapped exactly onto today's options (or the question was not asked then). Never an
/// option on the form: only the answer migration writes it, so no answer is guessed.
pub const OLD_FORM: &str = "old_form";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Exactly one option.
    One,
    /// One or more options; an option in `Question::alone` only on its own.
    Several,
}

#[derive(Debug)]
pub struct Question {
    /// The form field name, the i18n key segment and the statistics table's name.
    pub id: &'static str,
    pub choice: Choice,
    pub options: &'static [&'static str],
    /// Options that cannot be chosen together with another ("zeg ik liever niet",
    /// "weet ik niet", "niets daarvan"): such a pair contradicts itself, so it is refused
    /// with a message rather than silently resolved.
    pub alone: &'static [&'static str],
}

impl Question {
    pub fn has_option(&self, option: &str) -> Option<&'static str> {
        self.options.iter().copied().find(|o| *o == option)
    }

    /// Every value a stored story can hold for this question: the options, then
    /// `OLD_FORM` (see the answer migration). The statistics tables have one cell each.
    pub fn stored_values(&self) -> Vec<&'static str> {
        let mut values = self.options.to_vec();
        values.push(OLD_FORM);
        values
    }

    /// The i18n key of an option's label.
    pub fn option_key(&self, option: &str) -> String {
        match option {
            UNSAID => "q.unsaid".to_owned(),
            DONT_KNOW => "q.dont_know".to_owned(),
            OLD_FORM => "q.old_form".to_owned(),
            _ => format!("q.{}.{option}", self.id),
        }
    }
}

const ALONE: &[&str] = &[DONT_KNOW, UNSAID];

/// The questions in page order (after the story texts, before consent).
pub const QUESTIONS: [Question; 12] = [
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
        alone: ALONE,
    },
    Question {
        id: "age_band",
        choice: Choice::One,
        // The age now, in the bands of the Leerplichtwet: before compulsory schooling,
        // primary age, leerplichtig in secondary, kwalificatieplichtig, adult.
        options: &["under_5", "5_11", "12_15", "16_17", "18_plus", UNSAID],
        alone: ALONE,
    },
    Question {
        id: "registration",
        choice: Choice::One,
        options: &[
            "enrolled",
            "not_enrolled",
            "exemption_5a",
            "exemption_5b",
            "sick_or_permitted",
            "suspended_or_not_welcome",
            DONT_KNOW,
            UNSAID,
        ],
        alone: ALONE,
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
        alone: ALONE,
    },
    Question {
        id: "time_at_home",
        choice: Choice::One,
        // The Inspectie's bands (4 weeks, 3 months) and the policy priority (3 months).
        options: &[
            "under_4_weeks",
            "4_weeks_3_months",
            "3_6_months",
            "6_12_months",
            "1_2_years",
            "over_2_years",
            UNSAID,
        ],
        alone: ALONE,
    },
    Question {
        id: "started",
        choice: Choice::One,
        options: &[
            "this_school_year",
            "last_school_year",
            "2_3_years_ago",
            "longer_ago",
            UNSAID,
        ],
        alone: ALONE,
    },
    Question {
        id: "situation",
        choice: Choice::Several,
        options: &[
            "home_without_education",
            "exemption_without_education",
            "home_education",
            "partly_school",
            "other_school",
            "back_at_school",
            "care_or_day_programme",
            "waiting_care",
            "waiting_special_education",
            "waiting_assessment",
            "other",
            UNSAID,
        ],
        alone: ALONE,
    },
    Question {
        id: "education_hours",
        choice: Choice::One,
        options: &["none", "under_5", "5_15", "over_15", DONT_KNOW, UNSAID],
        alone: ALONE,
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
            "school_refuses",
            "support_not_fitting",
            "no_suitable_place",
            "waiting_special_education",
            "care_waiting_list",
            "anxiety",
            "illness",
            "conflict_with_school",
            "discrimination",
            "transport",
            "other",
            DONT_KNOW,
            UNSAID,
        ],
        alone: ALONE,
    },
    Question {
        id: "measures",
        choice: Choice::Several,
        options: &[
            "fine_or_report",
            "veilig_thuis",
            "child_protection",
            "threatened",
            "none",
            UNSAID,
        ],
        alone: &["none", UNSAID],
    },
    Question {
        id: "helped",
        choice: Choice::Several,
        options: &[
            "calm_start",
            "contact_person",
            "adjusted_timetable",
            "education_consultant",
            "education_care_arrangement",
            "online_lessons",
            "lessons_at_home",
            "care_support",
            "peer_contact",
            "nothing_yet",
            "other",
            UNSAID,
        ],
        alone: &["nothing_yet", UNSAID],
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
        alone: ALONE,
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
            assert!(!question.options.contains(&OLD_FORM), "{}", question.id);
            // "Zeg ik liever niet" and "weet ik niet" stand alone wherever they are offered;
            // any other option that must stand alone is one of the question's own.
            assert!(question.alone.contains(&UNSAID), "{}", question.id);
            if question.options.contains(&DONT_KNOW) {
                assert!(question.alone.contains(&DONT_KNOW), "{}", question.id);
            }
            for option in question.alone {
                assert!(
                    question.options.contains(option) || *option == DONT_KNOW,
                    "{}: {option}",
                    question.id
                );
            }
        }
    }
}
