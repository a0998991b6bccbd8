//! Several stateless instances on one database, as behind a load balancer.

use reqwest::header;
use reqwest::StatusCode;

use crate::helpers::{TestApp, TestDatabase};

use crate::helpers::TestAppBuilder;

/// Every instance: moderators over plain http, and the same form-signing key.
fn instance(builder: TestAppBuilder) -> TestAppBuilder {
    builder.for_moderation().secret_key(7)
}

backend_test! {
    async fn two_instances_share_sessions_forms_publications_and_statistics(backend: Backend) {
        let one = instance(TestApp::builder(backend)).spawn().await;
        let two = instance(one.beside()).spawn().await;
        one.add_moderator("gedeeld@example.org", "admin", "twee instanties één database").await;

        // Signed in on one, the session works on the other.
        let session = one.sign_in("gedeeld@example.org", "twee instanties één database").await;
        assert_eq!(two.get_as(&session.cookie, "/moderation/").await.status(), StatusCode::OK);

        // A form served by one is accepted by the other (same signing key).
        let token = one.form_token("/nl/verhaal").await;
        let sent = two
            .send_previewed("/nl/verhaal/versturen", &crate::helpers::complete_answers(&token, "Verhaal via de tweede instantie."))
            .await;
        assert!(crate::helpers::extract_code(&sent.text().await.unwrap()).is_some());
        let id = two.with_db(|conn| {
            use diesel::prelude::*;
            use kanarie::db::schema::stories;
            stories::table.select(stories::public_id).first::<String>(conn).unwrap()
        }).await;

        // Approved through two (with the session made on one), read on one.
        let approved = two
            .post_as(&session, &format!("/moderation/stories/{id}/approve"), &[("title", "Gedeeld")])
            .await;
        assert!(approved.headers()[header::LOCATION].to_str().unwrap().contains("done=approved"));
        let deadline = std::time::Instant::now() + kanarie::publishing::REFRESH_EVERY * 3;
        loop {
            let response = one.get(&format!("/api/v1/stories/{id}")).await;
            if response.status() == StatusCode::OK {
                break;
            }
            assert!(std::time::Instant::now() < deadline, "not visible on the other instance in time");
            actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
        }

        // Both serve the one batch of statistics computed for this period.
        let a = one.get("/api/v1/stats").await.headers()[header::ETAG].clone();
        let b = two.get("/api/v1/stats").await.headers()[header::ETAG].clone();
        assert_eq!(a, b);
        let batches: i64 = one
            .with_db(|conn| {
                use diesel::prelude::*;
                diesel::dsl::select(diesel::dsl::sql::<diesel::sql_types::BigInt>("(SELECT COUNT(*) FROM stats_batches)"))
                    .get_result(conn)
                    .unwrap()
            })
            .await;
        assert_eq!(batches, 1);

        // Signed out on two, the session is gone on one too.
        assert_eq!(two.post_as(&session, "/moderation/sign-out", &[]).await.status(), StatusCode::SEE_OTHER);
        assert_eq!(one.get_as(&session.cookie, "/moderation/").await.status(), StatusCode::SEE_OTHER);
    }
}

backend_test! {
    async fn instances_starting_at_the_same_moment_migrate_once(backend: Backend) {
        let database = TestDatabase::create(&backend);
        let shared = || TestDatabase::Shared { url: database.url() };
        let (one, two) = tokio::join!(
            instance(TestApp::on(shared())).spawn(),
            instance(TestApp::on(shared())).spawn()
        );
        assert_eq!(one.get("/readyz").await.status(), StatusCode::OK);
        assert_eq!(two.get("/readyz").await.status(), StatusCode::OK);
        let applied: i64 = one
            .with_db(|conn| {
                use diesel::prelude::*;
                diesel::dsl::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(
                    "(SELECT COUNT(*) FROM __diesel_schema_migrations)",
                ))
                .get_result(conn)
                .unwrap()
            })
            .await;
        let on_disk = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite")).unwrap().count();
        assert_eq!(applied, i64::try_from(on_disk).unwrap(), "each migration applied once");
    }
}
