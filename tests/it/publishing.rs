//! What campaigners read: only approved, consented stories, in the API, the feeds and the
//! embeds; stable pagination; caching; errors as JSON.

use reqwest::header;
use reqwest::StatusCode;

use crate::helpers::{extract_code, Backend, Session, TestApp};

const ADMIN: &str = "redactie@example.org";
const PASSWORD: &str = "publiceren is zorgvuldig werk";

async fn app_and_admin(backend: Backend) -> (TestApp, Session) {
    let app = TestApp::builder(backend).for_moderation().spawn().await;
    app.add_moderator(ADMIN, "admin", PASSWORD).await;
    let admin = app.sign_in(ADMIN, PASSWORD).await;
    (app, admin)
}

async fn approve(app: &TestApp, admin: &Session, id: &str, title: &str) {
    let response = app
        .post_as(
            admin,
            &format!("/moderation/stories/{id}/approve"),
            &[("title", title), ("theme", "3")],
        )
        .await;
    // Approving lands on the next story or the queue, saying it was approved.
    let location = response.headers()[header::LOCATION].to_str().unwrap();
    assert!(location.contains("done=approved"), "{location}");
}

async fn json(app: &TestApp, path: &str) -> serde_json::Value {
    let response = app.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.json().await.unwrap()
}

async fn text(app: &TestApp, path: &str) -> String {
    app.get(path).await.text().await.unwrap()
}

backend_test! {
    async fn only_approved_consented_stories_appear_anywhere(backend: Backend) {
        let (app, admin) = app_and_admin(backend).await;
        let published = app.submit_story("Gepubliceerd verhaal over de brugklas.", "publish").await;
        let pending = app.submit_story("Wachtend verhaal met het woord kwartelkoning.", "publish").await;
        let counted = app.submit_story("Alleen tellen, woord zilverreiger.", "count_only").await;
        let rejected = app.submit_story("Afgewezen verhaal, woord roerdomp.", "publish").await;
        // A story withdrawn by its parent after approval.
        let token = app.form_token("/nl/verhaal").await;
        let page = app
            .send_previewed("/nl/verhaal/versturen", &crate::helpers::complete_answers(&token, "Ingetrokken verhaal, woord grutto."))
            .await
            .text()
            .await
            .unwrap();
        let code = extract_code(&page).unwrap();
        let withdrawn_id = app.with_db(|conn| {
            use diesel::prelude::*;
            use kanarie::db::schema::stories;
            stories::table.order(stories::id.desc()).select(stories::public_id).first::<String>(conn).unwrap()
        }).await;

        approve(&app, &admin, &published, "Zichtbaar").await;
        approve(&app, &admin, &withdrawn_id, "Straks weg").await;
        assert_eq!(app.post_as(&admin, &format!("/moderation/stories/{counted}/approve"), &[]).await.status(), StatusCode::SEE_OTHER);
        app.post_as(&admin, &format!("/moderation/stories/{rejected}/reject"), &[("reason", "other")]).await;
        let gone = app.post_form("/nl/verhaal/intrekken", &[("code", &code), ("confirm", "yes")]).await;
        assert_eq!(gone.status(), StatusCode::OK);

        let list = json(&app, "/api/v1/stories").await;
        let ids: Vec<&str> = list["stories"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
        assert_eq!(ids, vec![published.as_str()]);
        let story = &list["stories"][0];
        assert_eq!(story["title"], "Zichtbaar");
        assert_eq!(story["published"], chrono::Utc::now().format("%Y-%m").to_string());
        assert_eq!(story["themes"][0]["slug"], "pesten");
        for field in ["writer", "province", "school_type", "submitted_on", "consent", "status"] {
            assert!(story.get(field).is_none(), "{field} is published");
        }

        let not_found = app.get(&format!("/api/v1/stories/{pending}")).await;
        assert_eq!(not_found.status(), StatusCode::NOT_FOUND);
        let not_found_body = not_found.text().await.unwrap();
        for id in [&pending, &counted, &rejected, &withdrawn_id, &"aaaaaaaaaaaaaaaaaaaaaaaa".to_owned()] {
            let response = app.get(&format!("/api/v1/stories/{id}")).await;
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{id}");
            assert_eq!(response.text().await.unwrap(), not_found_body, "every unpublished id looks the same");
        }
        for path in ["/feed.atom", "/feed.json", "/embed", "/api/v1/stories?limit=100"] {
            let body = text(&app, path).await;
            assert!(body.contains("brugklas"), "{path} lacks the published story");
            for hidden in ["kwartelkoning", "zilverreiger", "roerdomp", "grutto"] {
                assert!(!body.contains(hidden), "{path} shows {hidden}");
            }
        }
    }
}

backend_test! {
    async fn pagination_visits_every_story_exactly_once_while_stories_are_approved(backend: Backend) {
        let (app, admin) = app_and_admin(backend).await;
        let mut ids = Vec::new();
        for n in 0..7 {
            let id = app.submit_story(&format!("Verhaal nummer {n}."), "publish").await;
            approve(&app, &admin, &id, &format!("Titel {n}")).await;
            ids.push(id);
        }
        let late = app.submit_story("Later goedgekeurd.", "publish").await;

        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        let mut pages = 0;
        loop {
            let path = match &cursor {
                Some(c) => format!("/api/v1/stories?limit=3&cursor={c}"),
                None => "/api/v1/stories?limit=3".to_owned(),
            };
            let page = json(&app, &path).await;
            for story in page["stories"].as_array().unwrap() {
                seen.push(story["id"].as_str().unwrap().to_owned());
            }
            pages += 1;
            if pages == 1 {
                // A story approved while a client is paging: it joins the list, and the
                // stories that were there are still each seen once.
                approve(&app, &admin, &late, "Laat").await;
            }
            match page["next_cursor"].as_str() {
                Some(next) => cursor = Some(next.to_owned()),
                None => break,
            }
        }
        let late_seen = seen.iter().filter(|id| **id == late).count();
        assert!(late_seen <= 1, "the late story twice: {seen:?}");
        seen.retain(|id| *id != late);
        // All published this month: within a month, by public id (descending), which says
        // nothing about when a story was sent or approved.
        let mut expected = ids.clone();
        expected.sort();
        expected.reverse();
        assert_eq!(seen, expected, "newest month first, each exactly once");
        assert!((3..=4).contains(&pages), "{pages} pages");
        let all = json(&app, "/api/v1/stories?limit=100").await;
        let listed: Vec<&str> = all["stories"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
        assert!(listed.contains(&late.as_str()), "the new story is published now");
        assert_eq!(listed.len(), 8);
    }
}

#[actix_web::test]
async fn the_api_is_cacheable_cors_open_read_only_and_answers_errors_in_json() {
    let (app, admin) = app_and_admin(Backend::Sqlite).await;
    let id = app
        .submit_story("Een verhaal om te cachen.", "publish")
        .await;
    approve(&app, &admin, &id, "Cache").await;

    let first = app.get(&format!("/api/v1/stories/{id}")).await;
    assert_eq!(first.status(), StatusCode::OK);
    let headers = first.headers().clone();
    assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=60");
    assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    assert!(headers
        .get(header::ACCESS_CONTROL_ALLOW_CREDENTIALS)
        .is_none());
    assert!(headers.get(header::SET_COOKIE).is_none());
    let etag = headers[header::ETAG].to_str().unwrap().to_owned();
    assert!(
        etag.starts_with('"') && !etag.starts_with("W/"),
        "a strong ETag: {etag}"
    );
    let again = app
        .client
        .get(app.url(&format!("/api/v1/stories/{id}")))
        .header(header::IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);

    for method in [
        reqwest::Method::POST,
        reqwest::Method::PUT,
        reqwest::Method::DELETE,
        reqwest::Method::PATCH,
    ] {
        let response = app
            .client
            .request(method.clone(), app.url("/api/v1/stories"))
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "{method}"
        );
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "method_not_allowed");
    }
    let preflight = app
        .client
        .request(reqwest::Method::OPTIONS, app.url("/api/v1/stories"))
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        preflight.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "*"
    );

    for (query, message) in [
        ("lang=fr", "lang"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("theme=bestaat-niet", "theme"),
        ("cursor=knoeiwerk", "cursor"),
    ] {
        let response = app
            .client
            .get(app.url(&format!("/api/v1/stories?{query}")))
            .header(header::ACCEPT_LANGUAGE, "en")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query}");
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "bad_request");
        assert!(
            body["error"]["message"].as_str().unwrap().contains(message),
            "{query}: {body}"
        );
    }
    let themes = json(&app, "/api/v1/themes").await;
    assert!(themes["themes"].as_array().unwrap().len() >= 8);
}

#[actix_web::test]
async fn the_feeds_are_valid_atom_and_json_feed_per_language_and_theme() {
    let (app, admin) = app_and_admin(Backend::Sqlite).await;
    let id = app
        .submit_story(
            "Een verhaal met <b>tekens</b> & \"aanhalingstekens\".",
            "publish",
        )
        .await;
    approve(&app, &admin, &id, "Tekens & <titels>").await;

    let atom = app.get("/feed.atom?lang=nl&theme=pesten").await;
    assert!(atom.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/atom+xml"));
    let feed = feed_rs::parser::parse(atom.text().await.unwrap().as_bytes()).expect("valid Atom");
    assert_eq!(feed.entries.len(), 1);
    assert_eq!(
        feed.entries[0].title.as_ref().unwrap().content,
        "Tekens & <titels>"
    );
    assert!(feed.entries[0]
        .content
        .as_ref()
        .unwrap()
        .body
        .as_ref()
        .unwrap()
        .contains("<b>tekens</b>"));

    let json_feed = text(&app, "/feed.json?lang=nl").await;
    let feed = feed_rs::parser::parse(json_feed.as_bytes()).expect("valid JSON Feed");
    assert_eq!(feed.entries.len(), 1);
    let raw: serde_json::Value = serde_json::from_str(&json_feed).unwrap();
    assert_eq!(raw["version"], "https://jsonfeed.org/version/1.1");

    let english =
        feed_rs::parser::parse(text(&app, "/feed.atom?lang=en").await.as_bytes()).unwrap();
    assert!(
        english.entries.is_empty(),
        "a Dutch story is not in the English feed"
    );
    let other_theme =
        feed_rs::parser::parse(text(&app, "/feed.json?theme=ziekte").await.as_bytes()).unwrap();
    assert!(other_theme.entries.is_empty());
}

#[actix_web::test]
async fn the_embed_can_be_framed_escapes_text_and_sets_no_cookies() {
    let (app, admin) = app_and_admin(Backend::Sqlite).await;
    let id = app
        .submit_story(
            "<script>alert('x')</script> en een lange zin die doorgaat. "
                .repeat(8)
                .as_str(),
            "publish",
        )
        .await;
    approve(&app, &admin, &id, "<img src=x onerror=alert(1)>").await;
    let response = app.get("/embed?lang=nl&count=3&scheme=dark").await;
    assert_eq!(response.status(), StatusCode::OK);
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("frame-ancestors *"), "{csp}");
    assert!(csp.contains("script-src 'self'"));
    assert!(response.headers().get(header::X_FRAME_OPTIONS).is_none());
    assert!(response.headers().get(header::SET_COOKIE).is_none());
    let page = response.text().await.unwrap();
    assert!(
        !page.contains("<script>alert") && !page.contains("<img src=x"),
        "text is escaped"
    );
    assert!(page.contains("Lees meer") && page.contains("Deel jouw verhaal"));
    assert_eq!(
        app.get("/embed?count=99").await.status(),
        StatusCode::OK,
        "a mistyped count is clamped (tests/it/story_pages.rs)"
    );

    let snippets = app
        .get_as(&admin.cookie, "/moderation/embed")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        snippets.contains("/embed.js"),
        "the admin page shows the script snippet"
    );
    assert!(
        snippets.contains("&#60;iframe src=") || snippets.contains("&lt;iframe src="),
        "and the iframe snippet, escaped"
    );

    let script = app.get("/embed.js").await;
    assert!(script.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    let script = script.text().await.unwrap();
    assert!(script.contains("textContent") && !script.contains("innerHTML"));
    assert!(script.contains("credentials: \"omit\""));
}

#[actix_web::test]
async fn the_embed_allow_list_limits_who_may_frame_it() {
    let app = TestApp::builder(Backend::Sqlite)
        .with(|config| {
            config.embed_origins = Some(vec![
                "https://campagne.example".to_owned(),
                "https://www.example.org".to_owned(),
            ])
        })
        .spawn()
        .await;
    let csp = app.get("/embed").await.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.ends_with("frame-ancestors https://campagne.example https://www.example.org"),
        "{csp}"
    );
    let other = app.get("/nl/").await.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        other.contains("frame-ancestors 'none'"),
        "other pages stay unframable"
    );
}

#[test]
fn demo_data_fills_an_empty_database_and_refuses_one_with_real_stories() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("demo.db").display());
    let run = |n: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_kanarie"))
            .args(["demo-data", "--stories", n])
            .env("KANARIE_DATABASE_URL", &url)
            .output()
            .unwrap()
    };
    let first = run("30");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(
        run("5").status.success(),
        "demo data may be added to demo data"
    );

    let target = kanarie::config::DatabaseTarget::parse(&url).unwrap();
    let pool = kanarie::db::connect_pool(&target).unwrap();
    let mut conn = pool.get().unwrap();
    let (count, approved): (i64, i64) = {
        use diesel::prelude::*;
        use kanarie::db::schema::stories;
        (
            stories::table.count().get_result(&mut *conn).unwrap(),
            stories::table
                .filter(stories::status.eq("approved"))
                .count()
                .get_result(&mut *conn)
                .unwrap(),
        )
    };
    assert_eq!((count, approved), (35, 35));
    {
        use diesel::prelude::*;
        diesel::sql_query("UPDATE stories SET withdrawal_hash = 'a-real-hash' WHERE id = 1")
            .execute(&mut *conn)
            .unwrap();
    }
    let refused = run("5");
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("real stories"));
}
