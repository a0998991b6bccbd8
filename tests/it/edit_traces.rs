//! What a moderator edits out of a story leaves the database files at once, on SQLite
//! (the write-ahead log included), not at some later rejection or withdrawal.

use crate::helpers::{Backend, TestApp};

const ADMIN: &str = "redactie@oudervereniging.example";
const PASSWORD: &str = "redigeren met zorg en geduld";

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

#[actix_web::test]
async fn text_edited_out_is_in_neither_the_database_file_nor_the_wal() {
    let app = TestApp::builder(Backend::Sqlite)
        .for_moderation()
        .spawn()
        .await;
    app.add_moderator(ADMIN, "admin", PASSWORD).await;
    let story = app
        .submit_story(
            "Onze zoon zat thuis. Het woord perenboomgaardje en de zin over de kanovijver moeten eruit.",
            "publish",
        )
        .await;
    let path = std::path::PathBuf::from(app.database.url().trim_start_matches("sqlite://"));
    let wal = path.with_file_name(format!(
        "{}-wal",
        path.file_name().unwrap().to_str().unwrap()
    ));
    let files = || {
        let mut all = std::fs::read(&path).unwrap();
        all.extend(std::fs::read(&wal).unwrap_or_default());
        all
    };
    assert!(
        contains(&files(), "perenboomgaardje"),
        "the story is stored first"
    );

    let admin = app.sign_in(ADMIN, PASSWORD).await;
    let edited = app
        .post_as(
            &admin,
            &format!("/moderation/stories/{story}/edit"),
            &[("story", "Onze zoon zat thuis.")],
        )
        .await;
    assert_eq!(edited.status(), reqwest::StatusCode::SEE_OTHER);
    let stored = app.stored_stories().await;
    assert_eq!(
        stored[0].story_text, "Onze zoon zat thuis.",
        "the edit was saved"
    );

    let wal_bytes = std::fs::read(&wal).unwrap_or_default();
    assert!(
        !contains(&wal_bytes, "perenboomgaardje"),
        "the edited-out text is still in the WAL"
    );
    let after = files();
    for removed in ["perenboomgaardje", "kanovijver"] {
        assert!(
            !contains(&after, removed),
            "{removed} is still in the database files"
        );
    }
    assert!(
        contains(&after, "Onze zoon zat thuis."),
        "the edited text is there"
    );
}
