//! Properties of the anonymiser over generated input: it never panics, anonymising twice
//! changes nothing, and no output contains an e-mail address, phone number, IBAN or BSN,
//! neither for arbitrary strings nor for story-like text with planted identifiers.

use kanarie_anonymiser::Lang;
use kanarie_anonymiser::{anonymise_story, RawText};
use proptest::prelude::*;

#[path = "support/structured.rs"]
mod structured;
use structured::assert_no_structured;

fn anon(lang: Lang, text: &str) -> String {
    let raw = RawText::new(text.to_string());
    anonymise_story(lang, &[&raw]).texts[0].as_str().to_string()
}

/// Valid identifiers to plant: BSNs pass the 11-proef, IBANs mod-97.
fn planted() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,8}(\\.[a-z]{1,6})?@[a-z]{2,8}\\.(nl|com|org)",
        "06-[1-9][0-9]{7}",
        "06 [1-9][0-9]{3} [0-9]{4}",
        "\\+31 6 [1-9][0-9]{7}",
        "0031 6 [0-9]{8}",
        "0[1-9]{2} - [0-9]{3} [0-9]{2} [0-9]{2}",
        Just("111222333".to_string()),
        Just("123456782".to_string()),
        Just("NL91ABNA0417164300".to_string()),
        Just("NL91 ABNA 0417 1643 00".to_string()),
        Just("GB82 WEST 1234 5698 7654 32".to_string()),
        "[1-9][0-9]{3} ?[A-Z]{2}",
        // the formats parents write when they are not careful or not Dutch
        "[a-z]{2,8} punt [a-z]{2,8} at (gmail|hotmail) punt (nl|com)",
        "[a-z]{2,8} dot [a-z]{1,8} at outlook dot com",
        "[a-z]{2,8}\\(at\\)[a-z]{3,8}\\.nl",
        "0[1-9] [1-9][0-9]{2} [0-9]{2} [0-9]{2}",
        "04[1-9][0-9] [0-9]{2} [0-9]{2} [0-9]{2}",
        "\\+32 4[0-9]{2} [0-9]{2} [0-9]{2} [0-9]{2}",
        "01[1-9]{2} [1-9][0-9]{2} [0-9]{4}",
        Just("123 456 782".to_string()),
        Just("111 222 333".to_string()),
        "[1-9][0-9]{3} (Brussel|Gent|Berchem)",
        "(0?[1-9]|[12][0-9])/(0?[1-9]|1[0-2])",
        "[0-3][0-9]-[01][0-9]-20[0-2][0-9]",
    ]
}

fn filler_word() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("mijn".to_string()),
        Just("dochter".to_string()),
        Just("zoon".to_string()),
        Just("juf".to_string()),
        Just("school".to_string()),
        Just("in".to_string()),
        Just("bel".to_string()),
        Just("Roos".to_string()),
        Just("Storm".to_string()),
        Just("de Boer".to_string()),
        Just("mevrouw".to_string()),
        Just("OBS".to_string()),
        Just("De".to_string()),
        Just("het".to_string()),
        Just("College".to_string()),
        Just("[naam 1]".to_string()),
        Just("[plaats]".to_string()),
        Just("(8)".to_string()),
        Just(".".to_string()),
        Just(",".to_string()),
        Just("\n".to_string()),
        Just("'s".to_string()),
        Just("Ömer".to_string()),
        Just("één".to_string()),
        "[A-Z][a-z]{2,9}",
        "[a-z]{1,10}",
        "[0-9]{1,4}",
    ]
}

fn story() -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![3 => filler_word(), 1 => planted()], 0..60)
        .prop_map(|words| words.join(" "))
}

proptest! {
    // 256 cases by default; PROPTEST_CASES=10000 for a longer run.

    #[test]
    fn never_panics_on_arbitrary_strings(text in any::<String>()) {
        let out = anon(Lang::Nl, &text);
        assert_no_structured(&out);
        let _ = anon(Lang::En, &text);
    }

    #[test]
    fn never_panics_on_bracket_and_digit_soup(text in "[\\[\\]a-zA-Z0-9 @.+\\-()/'\n]{0,200}") {
        let out = anon(Lang::Nl, &text);
        assert_no_structured(&out);
    }

    #[test]
    fn idempotent_on_arbitrary_strings(text in any::<String>()) {
        let once = anon(Lang::Nl, &text);
        prop_assert_eq!(anon(Lang::Nl, &once), once);
    }

    #[test]
    fn story_like_text_loses_its_planted_identifiers(text in story()) {
        for lang in Lang::ALL {
            let once = anon(lang, &text);
            assert_no_structured(&once);
            prop_assert_eq!(anon(lang, &once), once);
        }
    }
}
