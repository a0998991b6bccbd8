//! Fuzzes the anonymiser: it must never panic, must be idempotent, and its output must
//! hold no e-mail address, phone number, BSN or IBAN (the same checks as the proptest
//! properties, tests/support/structured.rs), whatever the bytes. Run (the toolchain is stable, so
//! RUSTC_BOOTSTRAP unlocks the sanitizer flags cargo-fuzz needs):
//!
//!     cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run anonymise -- -max_total_time=300
#![no_main]

use kanarie_anonymiser::{anonymise_story, RawText};
use kanarie_anonymiser::Lang;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/structured.rs"]
mod structured;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The first byte picks the language, so both placeholder sets are exercised.
    let lang = if data.first().is_some_and(|b| b % 2 == 1) {
        Lang::En
    } else {
        Lang::Nl
    };
    let raw = RawText::new(text.to_string());
    let once = anonymise_story(lang, &[&raw]);
    let out = once.texts[0].as_str();
    structured::assert_no_structured(out);
    let again = RawText::new(out.to_string());
    let twice = anonymise_story(lang, &[&again]);
    assert_eq!(twice.texts[0].as_str(), out, "not idempotent");
});
