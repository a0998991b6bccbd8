//! Properties of the anonymiser over generated input: it never panics, anonymising twice
//! changes nothing, and no output contains an e-mail address, phone number, IBAN or BSN,
//! neither for arbitrary strings nor for story-like text with planted identifiers.

// The reference patterns below are test fixtures: a typo in one should fail loudly.
#![allow(clippy::unwrap_used)]

use std::sync::LazyLock;

use kanarie_anonymiser::Lang;
use kanarie_anonymiser::{anonymise_story, RawText};
use proptest::prelude::*;
use regex::Regex;

fn anon(lang: Lang, text: &str) -> String {
    let raw = RawText::new(text.to_string());
    anonymise_story(lang, &[&raw]).texts[0].as_str().to_string()
}

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}").unwrap()
});
/// Dutch mobile and landline numbers with the usual separators, and international ones.
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+|00)31[ \-]?(?:\(0\))?[ \-]?[1-9](?:[ \-]?[0-9]){8}|(?:^|[^0-9])0[1-9](?:[ \-]?[0-9]){8}(?:[^0-9]|$)").unwrap()
});
/// Belgian numbers as written: "09 123 45 67", "016 29 84 10", "0471 23 45 67".
static PHONE_BE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9 ])\s*(?:0[1-9] [0-9]{3} [0-9]{2} [0-9]{2}|0[1-9][0-9] [0-9]{2} [0-9]{2} [0-9]{2}|04[0-9]{2} [0-9]{2} [0-9]{2} [0-9]{2})(?:[^0-9]|$)").unwrap()
});
/// E-mail addresses written out: "x punt y at gmail punt com", "x(at)y.nl".
static EMAIL_WRITTEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b[a-z0-9]+(?: (?:punt|dot) [a-z0-9]+)* (?:at|apenstaartje) [a-z0-9]+ (?:punt|dot) (?:nl|com)\b|\b[a-z0-9.]+\((?:at)\)[a-z0-9]+\.(?:nl|com)\b").unwrap()
});
/// A BSN in three groups of three: "123 456 782".
static BSN_GROUPED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9 ])\s*([0-9]{3}) ([0-9]{3}) ([0-9]{3})(?:[^0-9]|$)").unwrap()
});
static IBAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b[a-z]{2}[0-9]{2}(?: ?[a-z0-9]){11,30}").unwrap());
static NINE_DIGITS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^0-9])([0-9]{9})(?:[^0-9]|$)").unwrap());

fn mod97(chars: &str) -> bool {
    let c: Vec<u8> = chars.bytes().filter(u8::is_ascii_alphanumeric).collect();
    if c.len() < 15 {
        return false;
    }
    let mut r: u32 = 0;
    for &b in c[4..].iter().chain(c[..4].iter()) {
        let v = match b.to_ascii_uppercase() {
            d @ b'0'..=b'9' => u32::from(d - b'0'),
            l @ b'A'..=b'Z' => u32::from(l - b'A') + 10,
            _ => return false,
        };
        r = if v >= 10 {
            (r * 100 + v) % 97
        } else {
            (r * 10 + v) % 97
        };
    }
    r == 1
}

fn eleven_test(digits: &str) -> bool {
    let d: Vec<i64> = digits.bytes().map(|b| i64::from(b - b'0')).collect();
    let sum: i64 = (0..8).map(|i| (9 - i as i64) * d[i]).sum::<i64>() - d[8];
    sum != 0 && sum % 11 == 0
}

/// Panics with the offending part when the output still holds a structured identifier.
fn assert_no_structured(out: &str) {
    assert!(EMAIL.find(out).is_none(), "e-mail in {out:?}");
    assert!(PHONE.find(out).is_none(), "phone in {out:?}");
    assert!(PHONE_BE.find(out).is_none(), "Belgian phone in {out:?}");
    assert!(
        EMAIL_WRITTEN.find(out).is_none(),
        "written-out e-mail in {out:?}"
    );
    for c in BSN_GROUPED.captures_iter(out) {
        let digits = format!("{}{}{}", &c[1], &c[2], &c[3]);
        assert!(!eleven_test(&digits), "grouped BSN in {out:?}");
    }
    for m in IBAN.find_iter(out) {
        // an IBAN of the countries parents here bank in, at its registered length
        let chars: String = m
            .as_str()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        let len = match chars.get(..2).map(str::to_ascii_uppercase).as_deref() {
            Some("NL") => 18,
            Some("BE") => 16,
            Some("DE" | "GB") => 22,
            _ => continue,
        };
        if chars.len() >= len {
            assert!(!mod97(&chars[..len]), "IBAN in {out:?}");
        }
    }
    for c in NINE_DIGITS.captures_iter(out) {
        assert!(!eleven_test(&c[1]), "BSN in {out:?}");
    }
    assert!(
        !out.contains("[[") && !out.contains("]]"),
        "doubled bracket in {out:?}"
    );
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
