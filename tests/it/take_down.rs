//! Taking a published story down: from its moderation page or the list of published
//! stories, with a reason from a fixed list, audited; gone from the API, feeds and embeds
//! of every instance within 3 seconds; back in the queue to be corrected and approved
//! again, or rejected and deleted.

use std::time::{Duration, Instant};

use diesel::prelude::*;
use reqwest::header;
use reqwest::StatusCode;

use crate::helpers::{text, Session, TestApp};

const MODERATOR: &str = "vrijwilliger@oudervereniging.example";
const PASSWORD: &str = "een avond per week modereren";

/// Every place a published story can be read, with the word that shows it is there.
const READ_PATHS: [&str; 5] = [
    "/api/v1/stories?limit=100",
    "/feed.atom",
    "/feed.json",
    "/embed?count=20",
    "/api/v1/stories?lang=nl",
];

async fn moderator_on(app: &TestApp) -> Session {
    app.add_moderator(MODERATOR, "moderator", PASSWORD).await;
    app.sign_in(MODERATOR, PASSWORD).await
}

async fn approve(app: &TestApp, who: &Session, id: &str, title: &str) {
    let response = app
        .post_as(
            who,
            &format!("/moderation/stories/{id}/approve"),
            &[("title", title), ("theme", &theme_id(app, "pesten").await)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()[header::LOCATION].to_str().unwrap();
    assert!(location.contains("done=approved"), "{location}");
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

/// The body and ETag of `path` on `app`.
async fn read(app: &TestApp, path: &str) -> (String, String) {
    let response = app.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let etag = response
        .headers()
        .get(header::ETAG)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (response.text().await.unwrap(), etag)
}

/// Waits until `condition` holds on `app`, at most `limit`; returns how long it took.
async fn within<F, Fut>(limit: Duration, mut condition: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = Instant::now();
    loop {
        if condition().await {
            return start.elapsed();
        }
        assert!(start.elapsed() < limit, "not within {limit:?}");
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn status_of(app: &TestApp, id: &str) -> String {
    let id = id.to_owned();
    app.with_db(move |conn| {
        use kanarie::db::schema::stories;
        stories::table
            .filter(stories::public_id.eq(id))
            .select(stories::status)
            .first::<String>(conn)
            .optional()
            .unwrap()
            .unwrap_or_else(|| "deleted".to_owned())
    })
    .await
}

async fn audit(app: &TestApp) -> Vec<(String, Option<String>, Option<String>)> {
    app.with_db(|conn| {
        use kanarie::db::schema::audit_log;
        audit_log::table
            .order(audit_log::id.asc())
            .select((audit_log::action, audit_log::story_ref, audit_log::detail))
            .load(conn)
            .unwrap()
    })
    .await
}

backend_test! {
    async fn a_story_taken_down_on_one_instance_is_gone_from_every_instance_within_3_seconds(backend: Backend) {
        let first = TestApp::builder(backend).for_moderation().secret_key(7).spawn().await;
        let second = first.beside().for_moderation().secret_key(7).spawn().await;
        let moderator = moderator_on(&first).await;
        let story = first.submit_story("Onze dochter ging graag naar de bibliotheek, tot de pesterijen begonnen.", "publish").await;
        let other = first.submit_story("Een tweede verhaal over de schoolbus en het wachten.", "publish").await;
        approve(&first, &moderator, &story, "Bibliotheek").await;
        approve(&first, &moderator, &other, "Schoolbus").await;

        // Served by the other instance within its refresh.
        within(Duration::from_secs(3), || async {
            second.get(&format!("/api/v1/stories/{story}")).await.status() == StatusCode::OK
        })
        .await;
        let mut before = Vec::new();
        for path in READ_PATHS {
            let (body, etag) = read(&second, path).await;
            assert!(body.contains("bibliotheek"), "{path} lacks the story");
            before.push(etag);
        }

        // Its moderation page stays reachable, with the take-down form.
        let page = first.get_as(&moderator.cookie, &format!("/moderation/stories/{story}")).await;
        assert_eq!(page.status(), StatusCode::OK);
        let page = page.text().await.unwrap();
        assert!(page.contains(&format!("action=\"/moderation/stories/{story}/unpublish\"")), "{page}");
        assert!(page.contains(&text("nl", "mod.take_down.parent_asked")));
        assert!(!page.contains(&format!("/moderation/stories/{story}/approve")), "no approval form on a published story");

        // Refused: no reason, a reason outside the list, a forged token.
        let path = format!("/moderation/stories/{story}/unpublish");
        let none = first.post_as(&moderator, &path, &[]).await;
        assert_eq!(none.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(none.text().await.unwrap().contains(&text("nl", "mod.take_down.reason_required")));
        let made_up = first.post_as(&moderator, &path, &[("reason", "omdat het kan")]).await;
        assert_eq!(made_up.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let forged = Session { csrf: "geraden".into(), ..moderator.clone() };
        assert_eq!(first.post_as(&forged, &path, &[("reason", "identifying")]).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(status_of(&first, &story).await, "approved", "nothing was taken down yet");

        let taken = first.post_as(&moderator, &path, &[("reason", "identifying")]).await;
        let taken_at = Instant::now();
        assert_eq!(taken.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            taken.headers()[header::LOCATION],
            format!("/moderation/stories/{story}?done=taken_down").as_str()
        );
        // Gone at once from the instance that took it down ...
        assert_eq!(first.get(&format!("/api/v1/stories/{story}")).await.status(), StatusCode::NOT_FOUND);
        // ... and from the other one within 3 seconds, everywhere, with new validators.
        within(Duration::from_secs(3).saturating_sub(taken_at.elapsed()), || async {
            second.get(&format!("/api/v1/stories/{story}")).await.status() == StatusCode::NOT_FOUND
        })
        .await;
        assert!(taken_at.elapsed() < Duration::from_secs(3));
        for (path, etag) in READ_PATHS.iter().zip(&before) {
            let (body, new_etag) = read(&second, path).await;
            assert!(!body.contains("bibliotheek"), "{path} still shows the story");
            assert!(body.contains("schoolbus"), "{path} lost the other story");
            assert_ne!(&new_etag, etag, "{path} kept its ETag");
        }

        // Audited with its reason; back in the queue, marked, for correction.
        assert!(audit(&first).await.contains(&("taken_down".to_owned(), Some(story.clone()), Some("identifying".to_owned()))));
        assert_eq!(status_of(&first, &story).await, "pending");
        let queue = first.get_as(&moderator.cookie, "/moderation/").await.text().await.unwrap();
        assert!(queue.contains(&format!("/moderation/stories/{story}")));
        assert!(queue.contains(&text("nl", "mod.queue.flag_taken_down")));
        let page = first.get_as(&moderator.cookie, &format!("/moderation/stories/{story}?done=taken_down")).await.text().await.unwrap();
        assert!(page.contains(&text("nl", "mod.queue.done_taken_down")));
        assert!(page.contains(&text("nl", "mod.take_down.identifying")), "the page says why it came back");
        assert!(page.contains("value=\"Bibliotheek\""), "the title stays as a suggestion");

        // Corrected and approved again with another title: every instance serves the new
        // version within 3 seconds, even though the published set has the same stories.
        let edit = first
            .post_as(&moderator, &format!("/moderation/stories/{story}/edit"), &[
                ("story", "Onze dochter ging graag naar de bibliotheek, tot het pesten begon."),
                ("change", ""),
                ("child_words", ""),
            ])
            .await;
        assert_eq!(edit.status(), StatusCode::SEE_OTHER);
        approve(&first, &moderator, &story, "Naar de bibliotheek").await;
        let again = Instant::now();
        within(Duration::from_secs(3), || async {
            let response = second.get(&format!("/api/v1/stories/{story}")).await;
            response.status() == StatusCode::OK
                && response.text().await.unwrap().contains("Naar de bibliotheek")
        })
        .await;
        assert!(again.elapsed() < Duration::from_secs(3));

        // Taken down again and rejected: deleted like any rejected story.
        let taken = first.post_as(&moderator, &path, &[("reason", "parent_asked")]).await;
        assert_eq!(taken.status(), StatusCode::SEE_OTHER);
        let rejected = first
            .post_as(&moderator, &format!("/moderation/stories/{story}/reject"), &[("reason", "identifying")])
            .await;
        assert_eq!(rejected.status(), StatusCode::SEE_OTHER);
        assert_eq!(status_of(&first, &story).await, "deleted");
        assert_eq!(
            first.get_as(&moderator.cookie, &format!("/moderation/stories/{story}")).await.status(),
            StatusCode::NOT_FOUND
        );
        // A pending story cannot be "taken down"; an unknown one is not found.
        let pending = first.submit_story("Nog niet beoordeeld verhaal.", "publish").await;
        assert_eq!(
            first.post_as(&moderator, &format!("/moderation/stories/{pending}/unpublish"), &[("reason", "other")]).await.status(),
            StatusCode::NOT_FOUND
        );
    }
}

backend_test! {
    async fn the_published_list_is_newest_first_searchable_filtered_and_takes_down(backend: Backend) {
        let app = TestApp::builder(backend).for_moderation().spawn().await;
        let moderator = moderator_on(&app).await;
        let oldest = app.submit_story("Een verhaal over de zwemles en de badmeester.", "publish").await;
        let middle = app.submit_story("Een verhaal over pauzes op het schoolplein.", "publish").await;
        let token = app.form_token("/en/story").await;
        let mut answers = crate::helpers::complete_answers(&token, "A story about the swimming lesson in English.");
        answers.retain(|(k, _)| *k != "consent");
        answers.push(("consent", "publish"));
        let page = app.send_previewed("/en/story/send", &answers).await.text().await.unwrap();
        assert!(crate::helpers::extract_code(&page).is_some());
        let english: String = app.with_db(|conn| {
            use kanarie::db::schema::stories;
            stories::table.order(stories::id.desc()).select(stories::public_id).first(conn).unwrap()
        }).await;
        let counted = app.submit_story("Alleen meetellen, zwemles ook hier.", "count_only").await;
        // Approved in another order than they came in: newest approval first.
        approve(&app, &moderator, &middle, "Pauzes").await;
        approve(&app, &moderator, &english, "Swimming").await;
        let response = app
            .post_as(&moderator, &format!("/moderation/stories/{oldest}/approve"), &[("title", "Zwemles 50%"), ("theme", &theme_id(&app, "ziekte").await)])
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        app.post_as(&moderator, &format!("/moderation/stories/{counted}/approve"), &[]).await;

        let list = app.get_as(&moderator.cookie, "/moderation/published").await;
        assert_eq!(list.status(), StatusCode::OK, "any moderator, not only admins");
        let list = list.text().await.unwrap();
        let at = |id: &str| list.find(&format!("id=\"published-{id}\"")).unwrap_or_else(|| panic!("{id} missing"));
        assert!(at(&oldest) < at(&english) && at(&english) < at(&middle), "newest approval first");
        assert!(!list.contains(&format!("published-{counted}")), "counted only is not published");
        assert!(list.contains(&format!("action=\"/moderation/stories/{middle}/unpublish\"")));

        let ids = |page: &str| {
            [&oldest, &middle, &english]
                .into_iter()
                .filter(|id| page.contains(&format!("id=\"published-{id}\"")))
                .cloned()
                .collect::<Vec<String>>()
        };
        let get = |path: String| {
            let (app, cookie) = (&app, moderator.cookie.clone());
            async move { app.get_as(&cookie, &path).await.text().await.unwrap() }
        };
        // Search in title and text, any case; LIKE's wildcards are plain characters.
        assert_eq!(ids(&get("/moderation/published?q=zwemLES".into()).await), vec![oldest.clone()]);
        assert_eq!(ids(&get("/moderation/published?q=pauzes".into()).await), vec![middle.clone()]);
        assert_eq!(ids(&get("/moderation/published?q=50%25".into()).await), vec![oldest.clone()]);
        assert!(ids(&get("/moderation/published?q=5_%25".into()).await).is_empty());
        assert_eq!(ids(&get("/moderation/published?lang=en".into()).await), vec![english.clone()]);
        assert_eq!(ids(&get("/moderation/published?theme=ziekte".into()).await), vec![oldest.clone()]);
        assert_eq!(ids(&get("/moderation/published?theme=pesten&lang=nl".into()).await), vec![middle.clone()]);
        assert!(ids(&get("/moderation/published?theme=bestaat-niet".into()).await).is_empty());

        // Taken down from the list.
        let taken = app.post_as(&moderator, &format!("/moderation/stories/{middle}/unpublish"), &[("reason", "correction")]).await;
        assert_eq!(taken.status(), StatusCode::SEE_OTHER);
        assert_eq!(ids(&get("/moderation/published".into()).await), vec![oldest.clone(), english.clone()]);
        assert_eq!(app.get(&format!("/api/v1/stories/{middle}")).await.status(), StatusCode::NOT_FOUND);
    }
}
