use kanarie::config::DatabaseTarget;
use kanarie::db::{connect_pool, revert_all_migrations, run_migrations};
use reqwest::header;
use reqwest::StatusCode;

use crate::helpers::{Backend, TestApp, TestDatabase};

backend_test! {
    async fn health_and_readiness_answer(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        let health = app.get("/healthz").await;
        assert_eq!(health.status(), StatusCode::OK);
        let ready = app.get("/readyz").await;
        assert_eq!(ready.status(), StatusCode::OK);
        assert_eq!(ready.text().await.unwrap(), "ready");
    }
}

backend_test! {
    async fn home_pages_speak_dutch_and_english_with_a_language_switch(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        let nl = app.get("/nl/").await;
        assert_eq!(nl.status(), StatusCode::OK);
        let body = nl.text().await.unwrap();
        assert!(body.contains("<html lang=\"nl\">"));
        assert!(body.contains("Deel jouw verhaal"));
        assert!(body.contains("href=\"/en/\""), "no switch to English");

        let en = app.get("/en/").await.text().await.unwrap();
        assert!(en.contains("<html lang=\"en\">"));
        assert!(en.contains("Share your story"));
        assert!(en.contains("href=\"/nl/\""), "no switch to Dutch");
    }
}

#[actix_web::test]
async fn the_root_sends_visitors_to_their_language_and_dutch_by_default() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    for (accept, expected) in [
        (None, "/nl/"),
        (Some("de-DE,de;q=0.9"), "/nl/"),
        (Some("en-GB,en;q=0.8,nl;q=0.5"), "/en/"),
        (Some("nl-NL,en;q=0.5"), "/nl/"),
    ] {
        let mut request = app.client.get(app.url("/"));
        if let Some(accept) = accept {
            request = request.header(header::ACCEPT_LANGUAGE, accept);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{accept:?}");
        assert_eq!(response.headers()[header::LOCATION], expected, "{accept:?}");
        assert_eq!(response.headers()[header::VARY], "Accept-Language");
    }
}

#[actix_web::test]
async fn every_response_carries_the_security_headers_and_no_server_version() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    for path in [
        "/nl/",
        "/",
        "/en/does-not-exist",
        "/static/kanarie.css",
        "/healthz",
    ] {
        let response = app.get(path).await;
        let headers = response.headers();
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        for directive in [
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "script-src 'self'",
        ] {
            assert!(csp.contains(directive), "{path}: CSP lacks {directive}");
        }
        assert!(
            !csp.contains("unsafe-inline"),
            "{path}: inline script allowed"
        );
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
        assert_eq!(headers[header::REFERRER_POLICY], "no-referrer", "{path}");
        assert!(
            headers.get(header::SERVER).is_none(),
            "{path}: Server header"
        );
        assert!(
            headers.get(header::SET_COOKIE).is_none(),
            "{path}: a cookie"
        );
    }
}

#[actix_web::test]
async fn errors_are_pages_in_the_visitors_language_and_json_under_the_api() {
    let app = TestApp::spawn(Backend::Sqlite).await;

    let nl = app.get("/nl/bestaat-niet").await;
    assert_eq!(nl.status(), StatusCode::NOT_FOUND);
    let body = nl.text().await.unwrap();
    assert!(body.contains("Pagina niet gevonden"), "{body}");

    let en = app.get("/en/does-not-exist").await;
    assert!(en.text().await.unwrap().contains("Page not found"));

    let api = app.get("/api/v1/nothing-here").await;
    assert_eq!(api.status(), StatusCode::NOT_FOUND);
    assert!(api.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let json: serde_json::Value = api.json().await.unwrap();
    assert_eq!(json["error"]["code"], "not_found");
    assert!(json["error"]["message"].as_str().unwrap().len() > 10);
}

#[actix_web::test]
async fn a_wrong_method_is_405_with_allow_and_head_works() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let response = app.client.delete(app.url("/nl/")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(response.headers()[header::ALLOW], "GET, HEAD");
    assert!(response.text().await.unwrap().contains("Dat kan hier niet"));

    let head = app.client.head(app.url("/en/")).send().await.unwrap();
    assert_eq!(head.status(), StatusCode::OK);
}

#[actix_web::test]
async fn static_assets_come_from_the_binary() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let css = app.get("/static/kanarie.css").await;
    assert_eq!(css.status(), StatusCode::OK);
    assert!(css.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/css"));
    assert_eq!(
        app.get("/static/../Cargo.toml").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/static/nope.js").await.status(),
        StatusCode::NOT_FOUND
    );
}

backend_test! {
    async fn migrations_run_up_down_and_up_again(backend: Backend) {
        let database = TestDatabase::create(&backend);
        let target = DatabaseTarget::parse(&database.url()).unwrap();
        let pool = connect_pool(&target).unwrap();
        let mut conn = pool.get().unwrap();
        assert!(run_migrations(&mut conn).unwrap() >= 1);
        assert_eq!(run_migrations(&mut conn).unwrap(), 0, "second run applies nothing");
        revert_all_migrations(&mut conn).unwrap();
        assert!(run_migrations(&mut conn).unwrap() >= 1);
    }
}

#[actix_web::test]
async fn sqlite_runs_with_wal_full_sync_foreign_keys_and_secure_delete() {
    use diesel::sql_types::{BigInt, Text};
    use diesel::{QueryableByName, RunQueryDsl};

    #[derive(QueryableByName)]
    struct Mode {
        #[diesel(sql_type = Text)]
        journal_mode: String,
    }
    #[derive(QueryableByName)]
    struct Number {
        #[diesel(sql_type = BigInt)]
        value: i64,
    }

    let database = TestDatabase::create(&Backend::Sqlite);
    let target = DatabaseTarget::parse(&database.url()).unwrap();
    let pool = connect_pool(&target).unwrap();
    let mut conn = pool.get().unwrap();
    let mode: Mode = diesel::sql_query("PRAGMA journal_mode")
        .get_result(&mut *conn)
        .unwrap();
    assert_eq!(mode.journal_mode, "wal");
    for (pragma, expected) in [
        ("synchronous", 2),
        ("foreign_keys", 1),
        ("secure_delete", 1),
    ] {
        let value: Number =
            diesel::sql_query(format!("SELECT {pragma} AS value FROM pragma_{pragma}"))
                .get_result(&mut *conn)
                .unwrap();
        assert_eq!(value.value, expected, "PRAGMA {pragma}");
    }
    let busy: Number = diesel::sql_query("SELECT timeout AS value FROM pragma_busy_timeout")
        .get_result(&mut *conn)
        .unwrap();
    assert!(busy.value >= 1000);
}

#[test]
fn a_bad_setting_stops_the_program_with_one_line_and_exit_code_2() {
    for (variable, value) in [
        ("KANARIE_BIND", "not-an-address"),
        ("KANARIE_DATABASE_URL", "mysql://localhost/kanarie"),
        ("KANARIE_PUBLIC_URL", "ftp://example.org"),
    ] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_kanarie"))
            .arg("migrate")
            .env(variable, value)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{variable}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{variable}: {stderr}");
        assert!(
            lines[0].starts_with(&format!("kanarie: {variable}: expected")),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"));
    }
}

#[test]
fn the_sqlite_directory_is_created_and_migrate_applies_migrations() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/deeper/kanarie.db");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_kanarie"))
        .arg("migrate")
        .env(
            "KANARIE_DATABASE_URL",
            format!("sqlite://{}", path.display()),
        )
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(path.exists());
    assert!(String::from_utf8_lossy(&output.stdout).contains("migration(s) applied"));
}
