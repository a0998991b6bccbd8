//! The API's and feeds' query parameters (`lang`, `theme`, `limit`, `cursor`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|query: &str| {
    let catalog = kanarie::publishing::Catalog::empty();
    let parsed = kanarie::web::api::Query::parse(query);
    if let Ok(params) = kanarie::web::api::stories::ListParameters::parse(&parsed, &catalog, 100) {
        assert!((1..=100).contains(&params.limit));
    }
});
