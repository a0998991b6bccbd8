//! The questionnaire's form body parser and validation, on any bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    let form = kanarie::questionnaire::StoryForm::parse(body);
    let _ = form.validate();
});
