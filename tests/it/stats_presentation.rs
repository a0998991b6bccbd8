//! How the statistics are presented (issue 15's numbers, issue 13's statistics bullet):
//! the headline and the number of stories each table rests on, rounded and suppressed
//! like every count; the CSV with exactly the published cells; the chart embeds.
//!
//! The stories are seeded from the questionnaire's own definitions (every question, the
//! option at a given position), so the tests follow whatever questions and tables exist.

use std::sync::atomic::{AtomicU64, Ordering};

use diesel::prelude::*;
use kanarie::anonymiser::{anonymise_story, RawText};
use kanarie::lang::Lang;
use kanarie::questionnaire::{Answers, Choice, Consent, WithdrawalCode, QUESTIONS};
use reqwest::{header, StatusCode};
use serde_json::Value;

use crate::helpers::TestApp;

const PUBLIC_URL: &str = "https://kanarie.example";

/// Stores `count` approved stories that answer every question with the option at
/// `pick` (modulo the number of options); with `several: false` they leave the questions
/// with several answers unanswered, as a story from before such a question would.
async fn seed(app: &TestApp, count: usize, pick: usize, several: bool) {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    app.with_db(move |conn| {
        for _ in 0..count {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let anonymised = anonymise_story(
                Lang::Nl,
                &[&RawText::new("Het ging niet meer op school.".to_owned())],
            );
            let mut single = Vec::new();
            let mut several_answers = Vec::new();
            for q in QUESTIONS.iter() {
                let option = q.options[pick % q.options.len()];
                match q.choice {
                    Choice::One => single.push((q.id, option)),
                    Choice::Several if several => several_answers.push((q.id, vec![option])),
                    Choice::Several => {}
                }
            }
            let story = kanarie::db::stories::NewStory {
                public_id: format!("presentation-{}-{n}", std::process::id()),
                lang: Lang::Nl,
                submitted_on: chrono::Utc::now().date_naive(),
                withdrawal: WithdrawalCode::generate().hash(),
                story: anonymised.texts[0].clone(),
                what_should_change: None,
                child_words: None,
                summary: anonymised.summary,
                answers: Answers {
                    single,
                    several: several_answers,
                    consent: Consent::CountOnly,
                },
            };
            let id = kanarie::db::stories::insert_story(conn, &story).unwrap();
            use kanarie::db::schema::stories;
            diesel::update(stories::table.find(id))
                .set(stories::status.eq("approved"))
                .execute(conn)
                .unwrap();
        }
    })
    .await
}

async fn stats(app: &TestApp) -> Value {
    let response = app.get("/api/v1/stats").await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

fn tables(stats: &Value) -> &Vec<Value> {
    stats["tables"].as_array().unwrap()
}

fn several_choice(table: &Value) -> bool {
    table["choice"] == "several"
}

/// Reads RFC 4180 CSV (quoted fields, doubled quotes, CRLF).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && row.is_empty(),
        "every row ends with CRLF"
    );
    rows
}

/// A count as the CSV writes it: the number, or empty when suppressed.
fn csv_count(value: &Value) -> String {
    value.as_u64().map(|c| c.to_string()).unwrap_or_default()
}

/// Text as askama escapes it in a page.
fn escaped(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '&' => out.push_str("&#38;"),
            '<' => out.push_str("&#60;"),
            '>' => out.push_str("&#62;"),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

backend_test! {
    async fn the_headline_and_each_table_say_how_many_stories_they_rest_on_rounded_and_suppressed(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        // 23 + 4 stories answer everything; 8 more leave every several-answer question
        // open; 5 pending stories count nowhere.
        seed(&app, 23, 0, true).await;
        seed(&app, 4, 1, true).await;
        seed(&app, 8, 0, false).await;
        app.with_db(|conn| {
            for _ in 0..5 {
                let anonymised = anonymise_story(Lang::Nl, &[&RawText::new("Nog niet bekeken.".to_owned())]);
                let story = kanarie::db::stories::NewStory {
                    public_id: format!("pending-{}-{}", std::process::id(), rand_id()),
                    lang: Lang::Nl,
                    submitted_on: chrono::Utc::now().date_naive(),
                    withdrawal: WithdrawalCode::generate().hash(),
                    story: anonymised.texts[0].clone(),
                    what_should_change: None,
                    child_words: None,
                    summary: anonymised.summary,
                    answers: Answers { single: QUESTIONS.iter().filter(|q| q.choice == Choice::One).map(|q| (q.id, q.options[0])).collect(), several: Vec::new(), consent: Consent::Publish },
                };
                kanarie::db::stories::insert_story(conn, &story).unwrap();
            }
        }).await;

        let stats = stats(&app).await;
        // 35 approved stories: the headline is rounded like every count.
        assert_eq!(stats["stories"], 35);
        let mut several_seen = false;
        for table in tables(&stats) {
            if several_choice(table) {
                several_seen = true;
                // Only the 27 that answered: rounded to 25, and the total says the same.
                assert_eq!(table["rests_on"], 25, "{}", table["question"]);
                assert_eq!(table["total"], 25, "{}", table["question"]);
            } else {
                assert_eq!(table["rests_on"], 35, "{}", table["question"]);
                assert_eq!(table["total"], 35, "{}", table["question"]);
            }
        }
        assert!(several_seen, "the questionnaire has questions with several answers");

        // The page opens with the headline and the line that these are shared stories.
        for (path, lang) in [("/nl/cijfers", "nl"), ("/en/numbers", "en")] {
            let html = app.get(path).await.text().await.unwrap();
            assert!(html.contains("<span class=\"stats-number\">35</span>"), "{path}");
            assert!(html.contains(&crate::helpers::text(lang, "stats.not_all")), "{path}");
            let headline = html.find("stats-number").unwrap();
            let first_table = html.find("<section class=\"stats-section\"").unwrap();
            assert!(headline < first_table, "{path}: the headline comes first");
            for table in tables(&stats) {
                let rests_on = table["rests_on"].as_u64().unwrap();
                let basis = crate::helpers::text(lang, "stats.rests_on").replace("%{n}", &rests_on.to_string());
                let section_start = html.find(&format!("id=\"stats-{}\"", table["question"].as_str().unwrap())).unwrap();
                let section = &html[section_start..];
                let section = &section[..section.find("</section>").unwrap()];
                assert!(section.contains(&basis), "{path}: {} rests on {rests_on}", table["question"]);
                // One form per table: the chart shows, the table is behind a disclosure.
                let chart = section.find("<svg class=\"stats-chart\"").unwrap();
                let details = section.find("<details class=\"stats-details\">").unwrap();
                let grid = section.find("<table class=\"stats-table\">").unwrap();
                assert!(chart < details && details < grid, "{path}");
                assert!(section.contains(&format!("href=\"/api/v1/stats.csv?table={}\"", table["question"].as_str().unwrap())));
                assert!(section.contains(&format!("/embed/stats/{}?lang={lang}", table["question"].as_str().unwrap())));
            }
            assert!(!html.contains(" style="), "{path}: the CSP blocks inline styles");
            assert!(!html.contains("<script"), "{path}");
        }
    }
}

fn rand_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

backend_test! {
    async fn few_stories_hide_the_headline_and_the_basis_of_every_table(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        seed(&app, 7, 0, true).await;
        let stats = stats(&app).await;
        assert_eq!(stats["stories"], Value::Null, "7 stories: fewer than 10");
        for table in tables(&stats) {
            assert_eq!(table["rests_on"], Value::Null);
            assert_eq!(table["total"], Value::Null);
            for cell in table["cells"].as_array().unwrap() {
                assert_eq!(cell["count"], Value::Null);
            }
        }
        let html = app.get("/nl/cijfers").await.text().await.unwrap();
        assert!(html.contains("<span class=\"stats-number\">minder dan 10</span>"));
        assert!(!html.contains(">7<"), "the exact number is nowhere");
        let csv = app.get("/api/v1/stats.csv").await.text().await.unwrap();
        for row in parse_csv(&csv).iter().skip(1) {
            assert_eq!(row[5], "", "{row:?}");
            assert_eq!(row[6], "true", "{row:?}");
        }
    }
}

backend_test! {
    async fn the_csv_holds_exactly_the_published_cells_of_the_api_and_the_page(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        seed(&app, 31, 0, true).await;
        seed(&app, 14, 1, true).await;
        seed(&app, 3, 2, true).await;
        seed(&app, 6, 3, false).await;
        let stats = stats(&app).await;
        let threshold = stats["threshold"].as_u64().unwrap();

        let response = app.get("/api/v1/stats.csv").await;
        assert_eq!(response.status(), StatusCode::OK);
        let headers = response.headers().clone();
        assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/csv; charset=utf-8"));
        assert_eq!(headers[header::CONTENT_DISPOSITION], "attachment; filename=\"kanarie-cijfers.csv\"");
        assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
        let etag = headers[header::ETAG].to_str().unwrap().to_owned();
        let text = response.text().await.unwrap();
        let rows = parse_csv(&text);
        assert_eq!(rows[0], ["question", "row", "option", "label_nl", "label_en", "count", "suppressed"]);

        // Row for row: every cell of every table, then the stories it rests on.
        let mut expected: Vec<Vec<String>> = Vec::new();
        let mut suppressed_cells = 0;
        for table in tables(&stats) {
            let question = table["question"].as_str().unwrap();
            for cell in table["cells"].as_array().unwrap() {
                if cell["suppressed"] == true {
                    suppressed_cells += 1;
                }
                expected.push(vec![
                    question.to_owned(),
                    "answer".to_owned(),
                    cell["option"].as_str().unwrap().to_owned(),
                    cell["label_nl"].as_str().unwrap().to_owned(),
                    cell["label_en"].as_str().unwrap().to_owned(),
                    csv_count(&cell["count"]),
                    cell["suppressed"].to_string(),
                ]);
            }
            expected.push(vec![
                question.to_owned(),
                "stories".to_owned(),
                String::new(),
                crate::helpers::text("nl", "stats.csv_stories"),
                crate::helpers::text("en", "stats.csv_stories"),
                csv_count(&table["rests_on"]),
                table["rests_on"].is_null().to_string(),
            ]);
        }
        assert_eq!(rows[1..], expected[..]);
        assert!(suppressed_cells > 0, "the seed has small cells");
        // Suppression holds in the file: nothing below the threshold, everything rounded.
        for row in &rows[1..] {
            match row[5].parse::<u64>() {
                Ok(count) => {
                    assert!(count >= threshold && count % 5 == 0, "{row:?}");
                    assert_eq!(row[6], "false");
                }
                Err(_) => assert_eq!((row[5].as_str(), row[6].as_str()), ("", "true"), "{row:?}"),
            }
        }

        // The page shows the same value for every cell.
        let html = app.get("/nl/cijfers").await.text().await.unwrap();
        let fewer = format!("minder dan {threshold}");
        for table in tables(&stats) {
            if table["total"].is_null() {
                continue;
            }
            for cell in table["cells"].as_array().unwrap() {
                let shown = cell["count"].as_u64().map(|c| c.to_string()).unwrap_or_else(|| fewer.clone());
                let row = format!("<th scope=\"row\">{}</th><td class=\"number\">{shown}</td>", escaped(cell["label_nl"].as_str().unwrap()));
                assert!(html.contains(&row), "{row}");
            }
        }

        // One table: its header and its rows, nothing else.
        let question = tables(&stats)[0]["question"].as_str().unwrap().to_owned();
        let one = app.get(&format!("/api/v1/stats.csv?table={question}")).await;
        assert_eq!(one.status(), StatusCode::OK);
        assert_eq!(one.headers()[header::CONTENT_DISPOSITION].to_str().unwrap(), format!("attachment; filename=\"kanarie-cijfers-{question}.csv\""));
        let one_rows = parse_csv(&one.text().await.unwrap());
        let of_table: Vec<Vec<String>> = rows.iter().filter(|r| r[0] == question).cloned().collect();
        assert_eq!(one_rows[0], rows[0]);
        assert_eq!(one_rows[1..], of_table[..]);

        // An unknown table is a 400 that says so, in JSON like every API error.
        let unknown = app.get("/api/v1/stats.csv?table=schoenmaat").await;
        assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
        let error: Value = unknown.json().await.unwrap();
        assert_eq!(error["error"]["code"], "bad_request");
        assert_eq!(error["error"]["message"], crate::helpers::text("nl", "error.query.table"));

        // Cached like the JSON: the ETag answers 304.
        let again = app.client.get(app.url("/api/v1/stats.csv")).header(header::IF_NONE_MATCH, &etag).send().await.unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    }
}

backend_test! {
    async fn each_table_has_a_framable_chart_embed_in_light_and_dark(backend: Backend) {
        let app = TestApp::builder(backend)
            .with(|config| config.embed_origins = Some(vec!["https://campagne.example".to_owned()]))
            .with(|config| config.public_url = PUBLIC_URL.to_owned())
            .spawn()
            .await;
        seed(&app, 31, 0, true).await;
        seed(&app, 14, 1, true).await;
        seed(&app, 3, 2, true).await;
        let stats = stats(&app).await;
        for table in tables(&stats) {
            let question = table["question"].as_str().unwrap();
            let response = app.get(&format!("/embed/stats/{question}?lang=en&scheme=dark")).await;
            assert_eq!(response.status(), StatusCode::OK, "{question}");
            let headers = response.headers().clone();
            let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
            assert!(csp.ends_with("frame-ancestors https://campagne.example"), "{csp}");
            assert!(!headers.contains_key(header::X_FRAME_OPTIONS));
            let html = response.text().await.unwrap();
            assert!(html.contains("<html lang=\"en\" class=\"scheme-dark\">"));
            assert!(html.contains(&format!("<h1 id=\"embed-title\">{}</h1>", escaped(table["label_en"].as_str().unwrap()))));
            assert!(html.contains(&crate::helpers::text("en", "stats.not_all")));
            assert!(!html.contains("<script") && !html.contains(" style="));
            if table["total"].is_null() {
                assert!(html.contains(&crate::helpers::text("en", "stats.too_few")));
                continue;
            }
            assert!(html.contains("<svg class=\"stats-chart\" role=\"img\""));
            // Suppression holds in the chart: a bar for each published cell only, and
            // a suppressed cell says "fewer than" instead of a number.
            let cells = table["cells"].as_array().unwrap();
            let published = cells.iter().filter(|c| !c["count"].is_null()).count();
            assert_eq!(html.matches("<rect class=\"stats-bar\"").count(), published, "{question}");
            let svg = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
            for cell in cells {
                match cell["count"].as_u64() {
                    Some(count) => assert!(svg.contains(&format!("font-weight=\"600\">{count}</text>")), "{question}"),
                    None => assert!(svg.contains("font-style=\"italic\">fewer than 10</text>"), "{question}"),
                }
            }
            assert!(html.contains(&format!("{}/en/numbers#stats-{question}", PUBLIC_URL)));
        }

        // Forgiving parameters: an unknown language is Dutch, an unknown scheme follows the reader.
        let question = tables(&stats)[0]["question"].as_str().unwrap();
        let html = app.get(&format!("/embed/stats/{question}?lang=fr&scheme=roze")).await.text().await.unwrap();
        assert!(html.contains("<html lang=\"nl\" class=\"scheme-auto\">"));

        // An unknown table: a 404 in the embed's own style, framable, pointing to all numbers.
        let missing = app.get("/embed/stats/schoenmaat?lang=nl").await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        let headers = missing.headers().clone();
        assert!(headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().ends_with("frame-ancestors https://campagne.example"));
        assert!(!headers.contains_key(header::X_FRAME_OPTIONS));
        assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
        let html = missing.text().await.unwrap();
        assert!(html.contains("/static/embed-stats.css"));
        assert!(html.contains(&crate::helpers::text("nl", "stats.embed_missing_title")));
        assert!(html.contains(&format!("href=\"{}/nl/cijfers\"", PUBLIC_URL)));
        assert!(!html.contains("site-header"), "not the site's error page");

        // Only GET and HEAD.
        let post = app.client.post(app.url(&format!("/embed/stats/{question}"))).send().await.unwrap();
        assert_eq!(post.status(), StatusCode::METHOD_NOT_ALLOWED);
    }
}
