//! What a parent types as their withdrawal code.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|typed: &str| {
    let _ = kanarie::questionnaire::WithdrawalCodeHash::parse_typed(typed);
});
