//! The questionnaire in a real browser: `tests/browser/questionnaire.mjs` drives Debian's
//! headless Chromium through form, preview, the parent's check (tick and type words to
//! remove; "change" opens the form again), send (the code: as a file, printed, after Reload and
//! Back, in the other language), status and withdrawal, in Dutch and
//! English, on a phone and a desktop, with JavaScript off and on, and runs axe-core on
//! every page in a light and a dark colour scheme.
//!
//! Needs node, /usr/bin/chromium and `npm ci` in tests/browser (`tests/browser/ci-setup.sh`
//! installs them). Without them the test says why and passes, unless
//! `KANARIE_BROWSER_TESTS=required` (CI), when it fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::helpers::{Backend, TestApp};

pub(crate) const CHROMIUM: &str = "/usr/bin/chromium";
/// The whole run takes well under a minute; this only stops a hung browser.
pub(crate) const TIME_LIMIT: Duration = Duration::from_secs(600);

pub(crate) fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// What is missing to run the browser tests, if anything.
pub(crate) fn missing_prerequisite() -> Option<String> {
    let node = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !matches!(node, Ok(status) if status.success()) {
        return Some("`node` is not on PATH".to_owned());
    }
    if !Path::new(CHROMIUM).exists() {
        return Some(format!("{CHROMIUM} is missing (apt-get install chromium)"));
    }
    let modules = browser_dir().join("node_modules");
    for package in ["playwright-core", "axe-core"] {
        if !modules.join(package).join("package.json").exists() {
            return Some(format!(
                "{} is missing (run `npm ci` in tests/browser)",
                modules.join(package).display()
            ));
        }
    }
    None
}

#[actix_web::test]
async fn questionnaire_in_a_real_browser_is_usable_and_accessible() {
    let required = std::env::var("KANARIE_BROWSER_TESTS").as_deref() == Ok("required");
    if let Some(missing) = missing_prerequisite() {
        assert!(
            !required,
            "KANARIE_BROWSER_TESTS=required but the browser tests cannot run: {missing}; \
             run tests/browser/ci-setup.sh"
        );
        eprintln!(
            "browser tests skipped: {missing} (run tests/browser/ci-setup.sh to set them up)"
        );
        return;
    }

    // The browser sends within a second of being served the form: no bot check here.
    let app = TestApp::builder(Backend::Sqlite)
        .no_fill_wait()
        // The thank-you page names who reads the story.
        .with(|config| config.organisation_name = Some("Oudervereniging Proef".to_owned()))
        .spawn()
        .await;
    let address = app.address.clone();

    // The script runs on a blocking thread, so this test's runtime keeps serving the app.
    let (status, output) =
        actix_web::rt::task::spawn_blocking(move || run_script("questionnaire.mjs", &[&address]))
            .await
            .expect("browser test thread");

    assert_script_passed("questionnaire.mjs", status, &output);
}

/// Prints a script's whole output (the test harness shows it with --nocapture or when the
/// test fails) and fails the test unless the script exited 0, naming its failed checks.
pub(crate) fn assert_script_passed(script: &str, status: Option<i32>, output: &str) {
    println!("{output}");
    assert!(
        status == Some(0),
        "tests/browser/{script} failed (exit {status:?}):\n{}",
        failures_of(output)
    );
}

/// What a failed script said of its failures: its `FAIL` checks with their details and its
/// last lines. Goes into the assertion message, so a CI log that keeps only the end of the
/// output still shows which check failed.
fn failures_of(output: &str) -> String {
    let lines: Vec<&str> = output.lines().collect();
    let mut said = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("  FAIL ") {
            said.push(*line);
            // The detail is indented under its FAIL line.
            said.extend(
                lines[i + 1..]
                    .iter()
                    .take_while(|l| l.starts_with("         "))
                    .take(12),
            );
        }
    }
    said.push("(the output ends:)");
    said.extend(lines.iter().skip(lines.len().saturating_sub(15)));
    said.join("\n")
}

/// One browser script at a time: the test harness runs two tests at once on two cores, and
/// two Chromium runs beside the rest of the suite are what a loaded CI machine least affords.
static ONE_BROWSER_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Runs `node SCRIPT ARGS...` in tests/browser to the end (or the time limit) and returns
/// its exit code and output.
pub(crate) fn run_script(script: &str, args: &[&str]) -> (Option<i32>, String) {
    // A poisoned lock only means another browser test failed; this one can still run.
    let _turn = ONE_BROWSER_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let log = tempfile::NamedTempFile::new().expect("temporary file for the browser output");
    let mut child = Command::new("node")
        .arg(script)
        .args(args)
        .current_dir(browser_dir())
        .stdin(Stdio::null())
        .stdout(log.reopen().expect("browser output file"))
        .stderr(log.reopen().expect("browser output file"))
        .spawn()
        .unwrap_or_else(|e| panic!("start node tests/browser/{script}: {e}"));
    let started = Instant::now();
    let status = loop {
        match child.try_wait().expect("wait for node") {
            Some(status) => break status.code(),
            None if started.elapsed() > TIME_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    };
    let mut output = std::fs::read_to_string(log.path()).unwrap_or_default();
    if status.is_none() {
        output.push_str(&format!(
            "\nbrowser tests stopped after {}s\n",
            TIME_LIMIT.as_secs()
        ));
    }
    (status, output)
}
