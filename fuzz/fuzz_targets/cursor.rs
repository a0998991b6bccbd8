//! The API's keyset cursor decoder: anything that decodes must encode back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Some(cursor) = kanarie::publishing::Cursor::decode(text) {
        assert_eq!(cursor.encode(), text);
    }
});
