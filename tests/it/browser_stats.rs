//! The numbers page and the chart embeds in a real browser: `tests/browser/stats.mjs`
//! checks one form per table on a phone and a desktop (the chart, its table behind a
//! disclosure), the embed light and dark, alone and framed, and axe-core finds no
//! violation on any of them.
//!
//! Same prerequisites as tests/it/browser.rs; without them the test says why and passes,
//! unless `KANARIE_BROWSER_TESTS=required`, when it fails.

use crate::browser::{assert_script_passed, missing_prerequisite, run_script};
use crate::helpers::{Backend, TestApp};

#[actix_web::test]
async fn the_numbers_page_and_chart_embeds_are_usable_and_accessible_in_a_browser() {
    let required = std::env::var("KANARIE_BROWSER_TESTS").as_deref() == Ok("required");
    if let Some(missing) = missing_prerequisite() {
        assert!(
            !required,
            "KANARIE_BROWSER_TESTS=required but the browser tests cannot run: {missing}; \
             run tests/browser/ci-setup.sh"
        );
        eprintln!("browser tests skipped: {missing}");
        return;
    }
    let app = TestApp::spawn(Backend::Sqlite).await;
    let added = app
        .with_db(|conn| kanarie::demo::add_demo_stories(conn, 80).unwrap())
        .await;
    assert_eq!(added, 80);
    let stats: serde_json::Value = app.get("/api/v1/stats").await.json().await.unwrap();
    // A table with both published and suppressed cells, so the chart shows both kinds.
    let table = stats["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| {
            let cells = t["cells"].as_array().unwrap();
            cells.iter().any(|c| c["count"].is_u64()) && cells.iter().any(|c| c["count"].is_null())
        })
        .expect("a table with published and suppressed cells")["question"]
        .as_str()
        .unwrap()
        .to_owned();
    let address = app.address.clone();
    let (status, output) =
        actix_web::rt::task::spawn_blocking(move || run_script("stats.mjs", &[&address, &table]))
            .await
            .expect("browser test thread");
    assert_script_passed("stats.mjs", status, &output);
}
