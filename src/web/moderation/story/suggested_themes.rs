//! Themes ticked in advance from the parent's answers: the one place that says which
//! answer suggests which theme. A moderator can untick or add any theme; the suggestion
//! applies only while the story has no themes of its own (a story taken down keeps the
//! themes it was approved with).
//!
//! To extend it when the questions change: add a line (question id, option, theme slug).
//! An option that no question offers any more fails the test below, so a renamed option
//! cannot silently stop suggesting its theme.

/// (question id, option, theme slug).
pub const THEMES_FROM_ANSWERS: &[(&str, &str, &str)] = &[
    ("reasons", "overstimulation", "overprikkeling"),
    ("reasons", "not_seen", "niet-gezien"),
    ("reasons", "bullying", "pesten"),
    ("reasons", "pressure", "prestatiedruk"),
    ("reasons", "unsafe", "onveilig"),
    ("reasons", "care_waiting_list", "wachtlijst"),
    ("reasons", "no_suitable_place", "geen-passend-aanbod"),
    ("reasons", "illness", "ziekte"),
    (
        "reasons",
        "waiting_special_education",
        "geen-passend-aanbod",
    ),
    ("reasons", "support_not_fitting", "geen-passend-aanbod"),
    ("situation", "waiting_care", "wachtlijst"),
    ("situation", "waiting_assessment", "wachtlijst"),
    (
        "situation",
        "waiting_special_education",
        "geen-passend-aanbod",
    ),
];

/// The theme slugs the parent's choices (question, option) suggest, without repeats.
pub fn suggested_slugs(choices: &[(String, String)]) -> Vec<&'static str> {
    let mut slugs: Vec<&'static str> = THEMES_FROM_ANSWERS
        .iter()
        .filter(|(question, option, _)| choices.iter().any(|(q, o)| q == question && o == option))
        .map(|(_, _, slug)| *slug)
        .collect();
    slugs.sort_unstable();
    slugs.dedup();
    slugs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::QUESTIONS;

    #[test]
    fn every_mapped_answer_is_an_option_a_question_offers() {
        for (question, option, slug) in THEMES_FROM_ANSWERS {
            let offered = QUESTIONS
                .iter()
                .find(|q| q.id == *question)
                .and_then(|q| q.has_option(option));
            assert!(
                offered.is_some(),
                "{question}={option} (for {slug}) is asked no more"
            );
        }
    }

    #[test]
    fn choices_suggest_their_themes_once() {
        let choices = vec![
            ("reasons".to_owned(), "bullying".to_owned()),
            ("reasons".to_owned(), "care_waiting_list".to_owned()),
            ("situation".to_owned(), "waiting_care".to_owned()),
            ("helped".to_owned(), "calm_start".to_owned()),
        ];
        assert_eq!(suggested_slugs(&choices), vec!["pesten", "wachtlijst"]);
        assert!(suggested_slugs(&[]).is_empty());
    }
}
