//! What no anonymised output may contain: an e-mail address (also written out), a Dutch
//! or Belgian phone number, a BSN (also grouped) or an IBAN that passes its check. Shared by
//! the proptest properties (tests/properties.rs) and the fuzz target (fuzz/), which include
//! this file with `#[path]`.

// The reference patterns are test fixtures: a typo in one should fail loudly.
#![allow(clippy::unwrap_used)]

use std::sync::LazyLock;

use regex::Regex;

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
pub fn assert_no_structured(out: &str) {
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
