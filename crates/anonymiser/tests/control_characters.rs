//! Control characters never get past `RawText::new`: nobody types NUL, ESC, BEL or BS,
//! PostgreSQL refuses NUL in text, and terminal escapes have no place in a story. Newline
//! and tab are kept; `\r\n` and a lone `\r` become `\n`.

use kanarie_anonymiser::{anonymise_story, anonymise_story_removing, Lang, RawText};
use proptest::prelude::*;

fn anonymised(text: &str) -> String {
    let raw = RawText::new(text.to_string());
    anonymise_story(Lang::Nl, &[&raw]).texts[0]
        .as_str()
        .to_string()
}

#[test]
fn control_characters_are_removed_and_newline_and_tab_kept() {
    assert_eq!(
        anonymised("Hij\0 bleef\u{1b} thuis\u{7}.\u{8}\tDaarna\r\nniet\rmeer.\u{7f}\u{85}"),
        "Hij bleef thuis.\tDaarna\nniet\nmeer."
    );
    assert_eq!(anonymised("Gewoon een zin.\n"), "Gewoon een zin.\n");
}

#[test]
fn words_to_remove_lose_their_control_characters_too() {
    let text = RawText::new("We gingen naar de kwakerstee.".to_string());
    let word = RawText::new("kwaker\0stee".to_string());
    let story = anonymise_story_removing(Lang::Nl, &[&text], &[&word]);
    assert!(
        !story.texts[0].as_str().contains("kwakerstee"),
        "{}",
        story.texts[0]
    );
}

proptest! {
    #[test]
    fn no_output_holds_a_control_character_but_newline_and_tab(text in "(\\PC|\\p{Cc}){0,200}") {
        let out = anonymised(&text);
        prop_assert!(
            out.chars().all(|c| !c.is_control() || c == '\n' || c == '\t'),
            "{:?}", out
        );
    }
}
