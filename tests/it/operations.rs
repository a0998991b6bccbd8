//! What operators do: back up a live database, export for researchers, read metrics.

use std::process::Command;

use crate::helpers::{Backend, TestApp};

fn kanarie(url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kanarie"))
        .args(args)
        .env("KANARIE_DATABASE_URL", url)
        .output()
        .unwrap()
}

#[actix_web::test]
async fn a_live_sqlite_database_is_backed_up_consistently_and_exported() {
    let app = TestApp::builder(Backend::Sqlite)
        .for_moderation()
        .spawn()
        .await;
    let url = app.database.url();
    assert!(kanarie(&url, &["demo-data", "--stories", "40"])
        .status
        .success());
    app.submit_story("Een verhaal dat nog wacht.", "publish")
        .await;

    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("backup.db");
    let backup_str = backup.to_str().unwrap();
    let made = kanarie(&url, &["backup", backup_str]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let again = kanarie(&url, &["backup", backup_str]);
    assert!(!again.status.success(), "a backup never overwrites");

    // The copy opens on its own, passes the integrity check and holds every story.
    let copy_url = format!("sqlite://{backup_str}");
    let target = kanarie::config::DatabaseTarget::parse(&copy_url).unwrap();
    let pool = kanarie::db::connect_pool(&target).unwrap();
    let mut conn = pool.get().unwrap();
    {
        use diesel::prelude::*;
        use diesel::sql_types::Text;
        #[derive(QueryableByName)]
        struct Check {
            #[diesel(sql_type = Text)]
            integrity_check: String,
        }
        let check: Check = diesel::sql_query("PRAGMA integrity_check")
            .get_result(&mut *conn)
            .unwrap();
        assert_eq!(check.integrity_check, "ok");
        let count: i64 = kanarie::db::schema::stories::table
            .count()
            .get_result(&mut *conn)
            .unwrap();
        assert_eq!(count, 41);
    }

    let export = dir.path().join("export");
    let written = kanarie(&url, &["export", export.to_str().unwrap()]);
    assert!(
        written.status.success(),
        "{}",
        String::from_utf8_lossy(&written.stderr)
    );
    let stories: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(export.join("stories.json")).unwrap())
            .unwrap();
    assert_eq!(
        stories.as_array().unwrap().len(),
        40,
        "the waiting story is not exported"
    );
    let csv = std::fs::read_to_string(export.join("stories.csv")).unwrap();
    assert!(csv.starts_with("id,title,lang,age_band,published,themes,story"));
    assert!(!csv.contains("nog wacht"));
    let stats = std::fs::read_to_string(export.join("stats.csv")).unwrap();
    assert!(stats.starts_with("question,row,option,label_nl,label_en,count,suppressed\r\n"));
    assert!(export.join("stats.json").exists());
}

#[actix_web::test]
async fn metrics_need_the_token_and_carry_routes_never_user_data() {
    let token = "scraper-token-for-the-test";
    let app = TestApp::builder(Backend::Sqlite)
        .with(move |config| config.metrics_token = Some(token.into()))
        .spawn()
        .await;
    let off = TestApp::spawn(Backend::Sqlite).await;
    assert_eq!(
        off.get("/metrics").await.status(),
        404,
        "off without a token"
    );
    assert_eq!(app.get("/metrics").await.status(), 403);

    app.client
        .get(app.url("/nl/?naam=GeheimeNaam"))
        .header("User-Agent", "MetricsAgent/1.0")
        .send()
        .await
        .unwrap();
    app.get("/en/nothing-here-Xq").await;
    let body = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        body.contains(
            "kanarie_http_requests_total{method=\"GET\",route=\"/{lang:nl|en}/\",status=\"200\"}"
        ),
        "{body}"
    );
    assert!(body.contains(
        "kanarie_http_request_duration_seconds_bucket{route=\"/{lang:nl|en}/\",le=\"+Inf\"}"
    ));
    assert!(body.contains("kanarie_review_queue_length 0"));
    assert!(body.contains("kanarie_submissions_total"));
    for private in [
        "GeheimeNaam",
        "MetricsAgent",
        "nothing-here-Xq",
        "127.0.0.1",
    ] {
        assert!(!body.contains(private), "metrics contain {private}");
    }
}
