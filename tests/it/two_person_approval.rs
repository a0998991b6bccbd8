//! Two-person approval approves one version: the second moderator sees the title and
//! themes the first approved, and approving anything else lets the first approval lapse.

use diesel::prelude::*;
use reqwest::header;

use crate::helpers::{Backend, Session, TestApp};

const FIRST: &str = "eerste@oudervereniging.example";
const SECOND: &str = "tweede@oudervereniging.example";
const PASSWORD: &str = "vier ogen zien meer dan twee";

async fn two_moderators(backend: Backend) -> (TestApp, Session, Session) {
    let app = TestApp::builder(backend)
        .for_moderation()
        .with(|config| config.two_person_approval = true)
        .spawn()
        .await;
    app.add_moderator(FIRST, "admin", PASSWORD).await;
    app.add_moderator(SECOND, "moderator", PASSWORD).await;
    let first = app.sign_in(FIRST, PASSWORD).await;
    let second = app.sign_in(SECOND, PASSWORD).await;
    (app, first, second)
}

async fn theme_id(app: &TestApp, slug: &'static str) -> String {
    app.with_db(move |conn| {
        use kanarie::db::schema::themes;
        themes::table
            .filter(themes::slug.eq(slug))
            .select(themes::id)
            .first::<i64>(conn)
            .unwrap()
            .to_string()
    })
    .await
}

async fn approve(app: &TestApp, who: &Session, story: &str, fields: &[(&str, &str)]) -> String {
    let response = app
        .post_as(who, &format!("/moderation/stories/{story}/approve"), fields)
        .await;
    response.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned()
}

async fn published(app: &TestApp, story: &str) -> Option<serde_json::Value> {
    let response = app.get(&format!("/api/v1/stories/{story}")).await;
    if response.status() == 404 {
        return None;
    }
    Some(response.json().await.unwrap())
}

fn theme_slugs(story: &serde_json::Value) -> Vec<String> {
    let mut slugs: Vec<String> = story["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["slug"].as_str().unwrap().to_owned())
        .collect();
    slugs.sort();
    slugs
}

async fn audit_actions(app: &TestApp) -> Vec<String> {
    app.with_db(|conn| {
        use kanarie::db::schema::audit_log;
        audit_log::table
            .order(audit_log::id.asc())
            .select(audit_log::action)
            .load::<String>(conn)
            .unwrap()
    })
    .await
}

backend_test! {
    async fn the_second_approver_sees_and_approves_what_the_first_approved(backend: Backend) {
        let (app, first, second) = two_moderators(backend).await;
        let story = app.submit_story("Vier ogen zagen dit verhaal.", "publish").await;
        let (bullying, waiting) = (theme_id(&app, "pesten").await, theme_id(&app, "wachtlijst").await);
        let fields = [("title", "Vier ogen"), ("theme", bullying.as_str()), ("theme", waiting.as_str())];
        assert_eq!(approve(&app, &first, &story, &fields).await, "/moderation/?done=awaiting");

        let page = app
            .get_as(&second.cookie, &format!("/moderation/stories/{story}"))
            .await
            .text()
            .await
            .unwrap();
        let shown = &page[page.find("id=\"approved-version\"").expect("what was approved is shown")..];
        let shown = &shown[..shown.find("</div>").unwrap()];
        assert!(shown.contains(FIRST), "{shown}");
        assert!(shown.contains("<dd id=\"approved-title\">Vier ogen</dd>"), "{shown}");
        assert!(shown.contains("Pesten"), "{shown}");
        assert!(shown.contains("Wachtlijst voor zorg"), "{shown}");

        // The same title and themes, in another order: that is the same version.
        let same = [("title", "Vier ogen"), ("theme", waiting.as_str()), ("theme", bullying.as_str())];
        assert_eq!(approve(&app, &second, &story, &same).await, format!("/moderation/?done=approved&approved={story}"));
        let story = published(&app, &story).await.expect("published");
        assert_eq!(story["title"], "Vier ogen");
        assert_eq!(theme_slugs(&story), ["pesten", "wachtlijst"]);
        assert!(!audit_actions(&app).await.contains(&"approvals_reset".to_owned()));
    }
}

backend_test! {
    async fn a_changed_title_or_themes_resets_the_approvals_and_needs_another(backend: Backend) {
        let (app, first, second) = two_moderators(backend).await;
        let bullying = theme_id(&app, "pesten").await;
        let waiting = theme_id(&app, "wachtlijst").await;

        // Another title.
        let story = app.submit_story("Een verhaal waarvan de titel verandert.", "publish").await;
        let original = [("title", "Eerste titel"), ("theme", bullying.as_str())];
        assert_eq!(approve(&app, &first, &story, &original).await, "/moderation/?done=awaiting");
        let changed = [("title", "Andere titel"), ("theme", bullying.as_str())];
        assert_eq!(approve(&app, &second, &story, &changed).await, "/moderation/?done=reset");
        assert!(published(&app, &story).await.is_none(), "a changed version is not approved yet");
        let actions = audit_actions(&app).await;
        assert_eq!(
            actions.iter().filter(|a| *a == "approvals_reset").count(),
            1,
            "{actions:?}"
        );
        // The first moderator now sees the second's version, and may approve it.
        let page = app
            .get_as(&first.cookie, &format!("/moderation/stories/{story}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("<dd id=\"approved-title\">Andere titel</dd>"), "the new version is shown");
        assert!(page.contains(SECOND));
        assert_eq!(approve(&app, &second, &story, &changed).await, "/moderation/?done=already");
        assert_eq!(approve(&app, &first, &story, &changed).await, format!("/moderation/?done=approved&approved={story}"));
        let shown = published(&app, &story).await.expect("published");
        assert_eq!(shown["title"], "Andere titel");
        assert_eq!(theme_slugs(&shown), ["pesten"]);

        // Other themes, same title.
        let story = app.submit_story("Een verhaal waarvan de thema's veranderen.", "publish").await;
        let original = [("title", "Thema's"), ("theme", bullying.as_str())];
        assert_eq!(approve(&app, &first, &story, &original).await, "/moderation/?done=awaiting");
        let more = [("title", "Thema's"), ("theme", bullying.as_str()), ("theme", waiting.as_str())];
        assert_eq!(approve(&app, &second, &story, &more).await, "/moderation/?done=reset");
        assert!(published(&app, &story).await.is_none());
        assert_eq!(approve(&app, &first, &story, &more).await, format!("/moderation/?done=approved&approved={story}"));
        let shown = published(&app, &story).await.expect("published");
        assert_eq!(theme_slugs(&shown), ["pesten", "wachtlijst"]);
        let actions = audit_actions(&app).await;
        assert_eq!(actions.iter().filter(|a| *a == "approvals_reset").count(), 2, "{actions:?}");
    }
}
