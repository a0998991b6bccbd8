//! Schemathesis against `/api/v1/openapi.json`: every answer of the real API, to
//! generated valid and invalid requests, must match the document. CI installs the pinned
//! tool (`tests/api/ci-setup.sh`) and sets `KANARIE_API_CONFORMANCE=required`; elsewhere
//! the test runs when `schemathesis` is found and says why when it is skipped.

use std::process::Command;

use crate::helpers::{Backend, TestApp};

fn schemathesis() -> Option<String> {
    let candidates = [
        std::env::var("KANARIE_SCHEMATHESIS").unwrap_or_default(),
        format!(
            "{}/target/st-venv/bin/schemathesis",
            env!("CARGO_MANIFEST_DIR")
        ),
        "schemathesis".to_owned(),
    ];
    candidates.into_iter().filter(|c| !c.is_empty()).find(|c| {
        Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

#[actix_web::test]
async fn schemathesis_finds_no_failure_in_the_api() {
    let required = std::env::var("KANARIE_API_CONFORMANCE").as_deref() == Ok("required");
    let Some(tool) = schemathesis() else {
        assert!(!required, "KANARIE_API_CONFORMANCE=required but schemathesis was not found: run tests/api/ci-setup.sh");
        eprintln!("schemathesis not found: API conformance test skipped (tests/api/ci-setup.sh installs it)");
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await;
    let added = app
        .with_db(|conn| kanarie::demo::add_demo_stories(conn, 60).unwrap())
        .await;
    assert_eq!(added, 60);
    // The catalogue refreshes within two seconds of a change made behind its back.
    actix_web::rt::time::sleep(kanarie::publishing::REFRESH_EVERY * 2).await;
    let stories: serde_json::Value = app.get("/api/v1/stories").await.json().await.unwrap();
    assert_eq!(
        stories["stories"].as_array().unwrap().len(),
        20,
        "the demo stories are published"
    );

    let url = app.url("/api/v1/openapi.json");
    let output = actix_web::rt::task::spawn_blocking(move || {
        Command::new(tool)
            .args([
                "run",
                &url,
                "--checks",
                "all",
                "--max-examples",
                "50",
                "--workers",
                "2",
                "--seed",
                "20261122",
            ])
            .env("SCHEMATHESIS_HOOKS", "")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    eprintln!("{stdout}");
    assert!(
        output.status.success(),
        "schemathesis found failures:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
