//! Statistics: only approved stories count, small cells are suppressed (with secondary
//! suppression), counts are rounded to 5, batches change once per period and are
//! computed once across instances; the numbers page draws them accessibly.

use std::sync::atomic::{AtomicU64, Ordering};

use diesel::prelude::*;
use kanarie::anonymiser::{anonymise_story, RawText};
use kanarie::config::Config;
use kanarie::lang::Lang;
use kanarie::questionnaire::{Answers, Consent, WithdrawalCode};
use reqwest::{header, StatusCode};
use serde_json::Value;

use crate::helpers::TestApp;

/// What the seeded stories answer.
#[derive(Clone, Copy)]
struct Profile {
    province: &'static str,
    age_band: &'static str,
    reason: &'static str,
    consent: Consent,
    approved: bool,
}

const UTRECHT: Profile = Profile {
    province: "utrecht",
    age_band: "12_15",
    reason: "overstimulation",
    consent: Consent::Publish,
    approved: true,
};

/// Stores `count` stories with `profile`'s answers straight into the database.
async fn seed(app: &TestApp, count: usize, profile: Profile) {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    app.with_db(move |conn| {
        for _ in 0..count {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let anonymised = anonymise_story(
                Lang::Nl,
                &[&RawText::new("Het ging niet meer op school.".to_owned())],
            );
            let story = kanarie::db::stories::NewStory {
                public_id: format!("stats-test-{}-{n}", std::process::id()),
                lang: Lang::Nl,
                submitted_on: chrono::Utc::now().date_naive(),
                withdrawal: WithdrawalCode::generate().hash(),
                story: anonymised.texts[0].clone(),
                what_should_change: None,
                child_words: None,
                summary: anonymised.summary,
                answers: Answers {
                    single: vec![
                        ("writer", "parent"),
                        ("age_band", profile.age_band),
                        ("school_type", "secondary"),
                        ("registration", "enrolled"),
                        ("time_at_home", "1_2_years"),
                        ("started", "this_school_year"),
                        ("education_hours", "none"),
                        ("province", profile.province),
                    ],
                    several: vec![
                        ("situation", vec!["waiting_care"]),
                        ("reasons", vec![profile.reason, "not_seen"]),
                        ("measures", vec!["none"]),
                        ("helped", vec!["unsaid"]),
                    ],
                    consent: profile.consent,
                },
            };
            let id = kanarie::db::stories::insert_story(conn, &story).unwrap();
            if profile.approved {
                use kanarie::db::schema::stories;
                diesel::update(stories::table.find(id))
                    .set(stories::status.eq("approved"))
                    .execute(conn)
                    .unwrap();
            }
        }
    })
    .await
}

async fn stats(app: &TestApp) -> (Value, String) {
    let response = app.get("/api/v1/stats").await;
    assert_eq!(response.status(), StatusCode::OK);
    let etag = response.headers()[header::ETAG]
        .to_str()
        .unwrap()
        .to_owned();
    (response.json().await.unwrap(), etag)
}

fn table<'a>(stats: &'a Value, question: &str) -> &'a Value {
    stats["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["question"] == question)
        .unwrap_or_else(|| panic!("no {question} table"))
}

fn cell<'a>(stats: &'a Value, question: &str, option: &str) -> &'a Value {
    table(stats, question)["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["option"] == option)
        .unwrap_or_else(|| panic!("no {question}.{option} cell"))
}

/// Makes the stored batches look older than the interval, as a day later.
async fn age_batches(app: &TestApp) {
    app.with_db(|conn| {
        diesel::sql_query("UPDATE stats_batches SET period = '2000-01-01T00:00Z'")
            .execute(conn)
            .unwrap();
    })
    .await
}

async fn batch_count(app: &TestApp) -> i64 {
    app.with_db(|conn| {
        use kanarie::db::schema::stats_batches;
        stats_batches::table.count().get_result(conn).unwrap()
    })
    .await
}

backend_test! {
    async fn only_approved_stories_count_and_small_cells_are_suppressed(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        seed(&app, 20, UTRECHT).await;
        seed(&app, 12, Profile { province: "gelderland", age_band: "5_11", consent: Consent::CountOnly, ..UTRECHT }).await;
        seed(&app, 3, Profile { province: "zeeland", age_band: "5_11", reason: "bullying", ..UTRECHT }).await;
        seed(&app, 30, Profile { province: "limburg", approved: false, ..UTRECHT }).await;

        let (stats, _) = stats(&app).await;
        assert_eq!(stats["threshold"], 10);
        assert_eq!(stats["rounding"], "nearest 5");
        let computed_on = stats["computed_on"].as_str().unwrap();
        assert_eq!(computed_on.len(), 10, "a date, not a time: {computed_on}");
        assert_eq!(stats["next_batch_after"].as_str().unwrap().len(), 10);

        // 35 approved stories (both consents), the 30 pending ones nowhere.
        let provinces = table(&stats, "province");
        assert_eq!(provinces["total"], 35);
        assert_eq!(cell(&stats, "province", "utrecht")["count"], 20);
        for option in ["limburg", "zeeland"] {
            let c = cell(&stats, "province", option);
            assert_eq!(c["count"], Value::Null, "{option}");
            assert_eq!(c["suppressed"], true);
        }
        // Zeeland (3) and the empty provinces hold fewer than 10 together: the next
        // smallest, Gelderland (12), is suppressed too, so 35 - 20 says nothing.
        assert_eq!(cell(&stats, "province", "gelderland")["count"], Value::Null);
        assert_eq!(cell(&stats, "province", "gelderland")["suppressed"], true);
        // The other age bands are empty: 8-11 (15) goes too, or 35 - 20 would show that
        // every other story is 8-11.
        assert_eq!(cell(&stats, "age_band", "12_15")["count"], 20);
        assert_eq!(cell(&stats, "age_band", "5_11")["suppressed"], true);

        // Several choices: each cell on its own, the total is the number of stories.
        let reasons = table(&stats, "reasons");
        assert_eq!(reasons["choice"], "several");
        assert_eq!(reasons["total"], 35);
        assert_eq!(cell(&stats, "reasons", "not_seen")["count"], 35);
        assert_eq!(cell(&stats, "reasons", "bullying")["count"], Value::Null);
        // Bullying (3) and the empty reasons hold fewer than 10: the next smallest goes too.
        assert_eq!(cell(&stats, "reasons", "overstimulation")["count"], Value::Null);
        // Everyone chose "unsaid" for what helped: alone among empty cells it would tell
        // every story's answer, so it is suppressed like any other cell.
        assert_eq!(cell(&stats, "helped", "unsaid")["suppressed"], true);
        assert_eq!(table(&stats, "helped")["total"], 35);

        // One table per question, in the questionnaire's order, with a cell per option and
        // one for answers from the earlier form; the new questions count like the others.
        let published: Vec<&str> = stats["tables"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["question"].as_str().unwrap())
            .collect();
        let questions: Vec<&str> = kanarie::questionnaire::QUESTIONS.iter().map(|q| q.id).collect();
        assert_eq!(published, questions);
        for question in &kanarie::questionnaire::QUESTIONS {
            let options: Vec<&str> = table(&stats, question.id)["cells"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["option"].as_str().unwrap())
                .collect();
            assert_eq!(options, question.stored_values(), "{}", question.id);
        }
        // Every seeded story gave the same answer to these: each rests on all 35 stories,
        // and the one full cell is suppressed like "helped" above (it would tell everyone's
        // answer).
        for question in ["registration", "started", "situation", "education_hours", "measures"] {
            assert_eq!(table(&stats, question)["total"], 35, "{question}");
        }
        assert_eq!(cell(&stats, "registration", "enrolled")["suppressed"], true);
        assert_eq!(table(&stats, "situation")["choice"], "several");
        assert_eq!(table(&stats, "registration")["choice"], "one");

        // Every published count is a multiple of 5; every suppressed one is null.
        for table in stats["tables"].as_array().unwrap() {
            assert!(table["label_nl"].is_string() && table["label_en"].is_string());
            for cell in table["cells"].as_array().unwrap() {
                match cell["count"].as_u64() {
                    Some(count) => {
                        assert_eq!(count % 5, 0, "{cell}");
                        assert_eq!(cell["suppressed"], false);
                    }
                    None => assert_eq!(cell["suppressed"], true),
                }
            }
        }
        assert_eq!(batch_count(&app).await, 1);
    }
}

backend_test! {
    async fn a_new_story_waits_for_the_next_batch(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        seed(&app, 20, UTRECHT).await;
        seed(&app, 12, Profile { province: "gelderland", ..UTRECHT }).await;
        let (first, first_etag) = stats(&app).await;
        assert_eq!(cell(&first, "province", "utrecht")["count"], 20);

        seed(&app, 10, UTRECHT).await;
        let (same, same_etag) = stats(&app).await;
        assert_eq!(same, first, "a new story changes nothing until the next batch");
        assert_eq!(same_etag, first_etag);

        age_batches(&app).await;
        // Instances re-check their batch at most every REFRESH_EVERY.
        actix_web::rt::time::sleep(kanarie::publishing::REFRESH_EVERY + std::time::Duration::from_millis(200)).await;
        let (next, next_etag) = stats(&app).await;
        assert_eq!(cell(&next, "province", "utrecht")["count"], 30);
        assert_ne!(next_etag, first_etag);
        assert_eq!(batch_count(&app).await, 2);
    }
}

backend_test! {
    async fn the_etag_answers_304_and_the_api_is_open_and_cacheable(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        seed(&app, 12, UTRECHT).await;
        let response = app.get("/api/v1/stats").await;
        assert_eq!(response.status(), StatusCode::OK);
        let headers = response.headers().clone();
        assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=60");
        assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
        assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/json"));
        let etag = headers[header::ETAG].to_str().unwrap().to_owned();
        assert!(etag.starts_with('"') && etag.ends_with('"'), "a strong ETag: {etag}");

        let again = app
            .client
            .get(app.url("/api/v1/stats"))
            .header(header::IF_NONE_MATCH, &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(again.headers()[header::ETAG], etag.as_str());
        assert!(again.text().await.unwrap().is_empty());

        let other = app
            .client
            .get(app.url("/api/v1/stats"))
            .header(header::IF_NONE_MATCH, "\"something-else\"")
            .send()
            .await
            .unwrap();
        assert_eq!(other.status(), StatusCode::OK);
    }
}

async fn etags_at_once(app: &TestApp, other: &TestApp) -> Vec<String> {
    let mut tasks = Vec::new();
    for i in 0..8 {
        let url = if i % 2 == 0 {
            app.url("/api/v1/stats")
        } else {
            other.url("/api/v1/stats")
        };
        let client = app.client.clone();
        tasks.push(actix_web::rt::spawn(async move {
            let response = client.get(url).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::OK);
            response.headers()[header::ETAG]
                .to_str()
                .unwrap()
                .to_owned()
        }));
    }
    let mut etags = Vec::new();
    for task in tasks {
        etags.push(task.await.unwrap());
    }
    etags
}

backend_test! {
    async fn two_instances_compute_one_batch_per_period(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        let other = app.beside().spawn().await;
        seed(&app, 15, UTRECHT).await;

        let etags = etags_at_once(&app, &other).await;
        assert!(etags.iter().all(|e| *e == etags[0]), "every instance serves one batch: {etags:?}");
        assert_eq!(batch_count(&app).await, 1);

        seed(&app, 10, UTRECHT).await;
        age_batches(&app).await;
        // Instances re-check their batch at most every REFRESH_EVERY.
        actix_web::rt::time::sleep(kanarie::publishing::REFRESH_EVERY + std::time::Duration::from_millis(200)).await;
        let etags = etags_at_once(&app, &other).await;
        assert!(etags.iter().all(|e| *e == etags[0]), "{etags:?}");
        assert_eq!(batch_count(&app).await, 2, "one new batch for the new period");
    }
}

backend_test! {
    async fn the_numbers_page_draws_charts_and_tables_in_both_languages(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        seed(&app, 20, UTRECHT).await;
        seed(&app, 12, Profile { province: "gelderland", ..UTRECHT }).await;
        for (path, fewer, other) in [
            ("/nl/cijfers", "minder dan 10", "/en/numbers"),
            ("/en/numbers", "fewer than 10", "/nl/cijfers"),
        ] {
            let response = app.get(path).await;
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            let html = response.text().await.unwrap();
            assert!(html.contains("<svg class=\"stats-chart\" role=\"img\" aria-labelledby=\"stats-province-title\""), "{path}");
            assert!(html.contains("<title id=\"stats-province-title\">"), "{path}");
            assert!(html.contains("<rect class=\"stats-bar\""), "{path}");
            assert!(html.contains("<table class=\"stats-table\">"), "{path}");
            assert!(html.contains("<th scope=\"row\">Utrecht</th><td class=\"number\">20</td>"), "{path}");
            assert!(html.contains(fewer), "{path}: suppressed cells say so in words");
            assert!(html.contains(&format!("href=\"{other}\"")), "{path}: the language switch");
            assert!(!html.contains(" style="), "{path}: the CSP blocks inline styles");
            assert!(!html.contains("<script"), "{path}");
        }
        assert_eq!(app.get("/en/cijfers").await.status(), StatusCode::NOT_FOUND);
        assert_eq!(app.get("/nl/numbers").await.status(), StatusCode::NOT_FOUND);
    }
}

#[test]
fn a_threshold_below_five_stops_kanarie() {
    let err =
        Config::from_lookup(|name| (name == "KANARIE_STATS_MIN_CELL").then(|| "4".to_owned()))
            .unwrap_err();
    assert_eq!(err.variable, "KANARIE_STATS_MIN_CELL");
}
