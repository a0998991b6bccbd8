//! Crash safety: kanarie is killed with SIGKILL at a random moment while stories are being
//! sent, twenty times over one SQLite database. After each kill, every story whose
//! thank-you page (with its withdrawal code) reached the sender must be stored, and the
//! database must pass `PRAGMA integrity_check`.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use diesel::prelude::*;
use diesel::sql_types::Text;
use kanarie::questionnaire::WithdrawalCodeHash;

use crate::helpers::{complete_answers, extract_code, extract_value};
use crate::logging::LoggedServer;

const CYCLES: usize = 20;
const SENDERS: usize = 6;

#[derive(QueryableByName)]
struct Check {
    #[diesel(sql_type = Text)]
    integrity_check: String,
}

/// `SENDERS` tasks that send stories (a fresh form each time, as a browser does) until the
/// server goes away, collecting the withdrawal code of every acknowledged story.
fn spawn_senders(
    client: &reqwest::Client,
    address: &str,
    codes: &Arc<Mutex<Vec<String>>>,
    round: &str,
) -> Vec<actix_web::rt::task::JoinHandle<()>> {
    (0..SENDERS)
        .map(|sender| {
            let (client, address, codes) = (client.clone(), address.to_owned(), Arc::clone(codes));
            let round = round.to_owned();
            actix_web::rt::spawn(async move {
                for n in 0.. {
                    // A fresh form each time: the same form twice is one story.
                    let Ok(form) = client.get(format!("{address}/nl/verhaal")).send().await else {
                        return;
                    };
                    let form = form.text().await.unwrap_or_default();
                    let Some(token) = extract_value(&form, "name=\"token\" value=\"") else {
                        return;
                    };
                    let story = format!(
                        "{round}, schrijver {sender}, verhaal {n}: het gaat niet goed op school."
                    );
                    let mut answers = complete_answers(&token, &story);
                    // Verstuur stores only what a preview showed: preview first, as a parent does.
                    let preview_body = form_urlencoded::Serializer::new(String::new())
                        .extend_pairs(&answers)
                        .finish();
                    let Ok(preview) = client
                        .post(format!("{address}/nl/verhaal/voorbeeld"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .body(preview_body)
                        .send()
                        .await
                    else {
                        return;
                    };
                    let preview = preview.text().await.unwrap_or_default();
                    let Some(seal) = extract_value(&preview, "name=\"seal\" value=\"") else {
                        return;
                    };
                    answers.push(("seal", &seal));
                    let body = form_urlencoded::Serializer::new(String::new())
                        .extend_pairs(&answers)
                        .finish();
                    let Ok(response) = client
                        .post(format!("{address}/nl/verhaal/versturen"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .body(body)
                        .send()
                        .await
                    else {
                        return;
                    };
                    let Ok(page) = response.text().await else {
                        return;
                    };
                    if let Some(code) = extract_code(&page) {
                        codes.lock().unwrap().push(code);
                    }
                }
            })
        })
        .collect()
}

#[actix_web::test]
async fn acknowledged_stories_survive_sigkill_and_the_database_stays_intact() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("crash.db").display());
    let settings = [
        ("KANARIE_MIN_FILL_SECONDS", "0"),
        ("KANARIE_SUBMISSIONS_PER_HOUR", "1000000"),
        (
            "KANARIE_SECRET_KEY",
            "crash-test-secret-crash-test-secret-0123",
        ),
    ];
    let mut acknowledged: Vec<String> = Vec::new();
    let mut total_sent = 0;

    for cycle in 0..CYCLES {
        let server = LoggedServer::start(&url, &settings);
        let address = server.address.clone();
        let client = reqwest::Client::new();
        let codes = Arc::new(Mutex::new(Vec::new()));
        let senders = spawn_senders(&client, &address, &codes, &format!("Ronde {cycle}"));
        let moment = rand::random_range(50..600);
        actix_web::rt::time::sleep(Duration::from_millis(moment)).await;
        server.stop(); // SIGKILL
        for sender in senders {
            let _ = sender.await;
        }
        let codes = std::mem::take(&mut *codes.lock().unwrap());
        total_sent += codes.len();
        acknowledged.extend(codes);

        let target = kanarie::config::DatabaseTarget::parse(&url).unwrap();
        let pool = kanarie::db::connect_pool(&target).unwrap();
        let mut conn = pool.get().unwrap();
        let check: Check = diesel::sql_query("PRAGMA integrity_check")
            .get_result(&mut *conn)
            .unwrap();
        assert_eq!(check.integrity_check, "ok", "cycle {cycle}");
        let stored: Vec<String> = {
            use kanarie::db::schema::stories;
            stories::table
                .select(stories::withdrawal_hash)
                .load(&mut *conn)
                .unwrap()
        };
        for code in &acknowledged {
            let hash = WithdrawalCodeHash::parse_typed(code).unwrap();
            assert!(
                stored.iter().any(|s| s == hash.as_str()),
                "cycle {cycle}: an acknowledged story is lost"
            );
        }
    }
    assert!(
        total_sent >= CYCLES,
        "too few stories were acknowledged ({total_sent}) for the test to mean much"
    );
    eprintln!("crash test: {CYCLES} kills, {total_sent} acknowledged stories, all present");
}

#[actix_web::test]
async fn sigterm_lets_requests_in_flight_finish_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("term.db").display());
    let settings = [
        ("KANARIE_MIN_FILL_SECONDS", "0"),
        ("KANARIE_SUBMISSIONS_PER_HOUR", "1000000"),
    ];
    let server = LoggedServer::start(&url, &settings);
    let address = server.address.clone();
    let client = reqwest::Client::new();
    let codes = Arc::new(Mutex::new(Vec::new()));
    let senders = spawn_senders(&client, &address, &codes, "Na SIGTERM");
    actix_web::rt::time::sleep(Duration::from_millis(400)).await;
    let started = std::time::Instant::now();
    let (status, _log) = server.terminate();
    assert!(status.success(), "a clean exit on SIGTERM: {status}");
    assert!(started.elapsed() < Duration::from_secs(30));
    for sender in senders {
        let _ = sender.await;
    }
    let codes = codes.lock().unwrap().clone();
    assert!(!codes.is_empty());
    let target = kanarie::config::DatabaseTarget::parse(&url).unwrap();
    let pool = kanarie::db::connect_pool(&target).unwrap();
    let mut conn = pool.get().unwrap();
    let stored: Vec<String> = {
        use kanarie::db::schema::stories;
        stories::table
            .select(stories::withdrawal_hash)
            .load(&mut *conn)
            .unwrap()
    };
    for code in &codes {
        let hash = WithdrawalCodeHash::parse_typed(code).unwrap();
        assert!(
            stored.iter().any(|s| s == hash.as_str()),
            "an acknowledged story is lost"
        );
    }
}
