//! Moderators over HTTP: invitation, sign-in, lock-out, sessions, CSRF, review, the
//! two-moderator rule, the audit trail and deletion.

use diesel::prelude::*;
use reqwest::header;
use reqwest::StatusCode;

use crate::helpers::{session_cookie, Backend, TestApp, TestAppBuilder};

const ADMIN: &str = "beheer@oudervereniging.example";
const PASSWORD: &str = "een lange zin als wachtwoord";

/// An app for moderation tests (see `TestAppBuilder::for_moderation`) with one admin.
async fn app_with_admin(builder: TestAppBuilder) -> TestApp {
    let app = builder.for_moderation().spawn().await;
    app.add_moderator(ADMIN, "admin", PASSWORD).await;
    app
}

/// Mail settings for delivering by hand, as the app's outbox worker does.
fn mail_config(smtp_url: &str) -> kanarie::mail::MailConfig {
    kanarie::mail::MailConfig::from_lookup(&|_| None)
        .unwrap()
        .with_smtp_url(smtp_url)
        .unwrap()
}

async fn audit_actions(app: &TestApp) -> Vec<(String, String)> {
    app.with_db(|conn| {
        use kanarie::db::schema::audit_log;
        audit_log::table
            .order(audit_log::id.asc())
            .select((audit_log::actor, audit_log::action))
            .load::<(String, String)>(conn)
            .unwrap()
    })
    .await
}

backend_test! {
    async fn an_invitation_leads_to_a_first_sign_in_and_works_once(backend: Backend) {
        let app = app_with_admin(TestApp::builder(backend)).await;
        let admin = app.sign_in(ADMIN, PASSWORD).await;
        let page = app
            .post_as(&admin, "/moderation/accounts", &[("email", "Nieuw@Example.org"), ("role", "moderator")])
            .await;
        assert_eq!(page.status(), StatusCode::OK);
        let page = page.text().await.unwrap();
        let start = page.find("<code id=\"invitation-link\">").expect("the link is shown") + 27;
        let link = page[start..start + page[start..].find('<').unwrap()].to_owned();
        let path = link.split_once("/moderation/").map(|(_, p)| format!("/moderation/{p}")).unwrap();

        assert_eq!(app.get(&path).await.status(), StatusCode::OK);
        let mismatch = app.post_form(&path, &[("password", PASSWORD), ("repeat", "iets anders dan dit")]).await;
        assert_eq!(mismatch.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(mismatch.text().await.unwrap().contains("niet gelijk"));
        let short = app.post_form(&path, &[("password", "kort"), ("repeat", "kort")]).await;
        assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let chosen = "mijn eigen sterke zin";
        let set = app.post_form(&path, &[("password", chosen), ("repeat", chosen)]).await;
        assert_eq!(set.status(), StatusCode::SEE_OTHER);
        assert_eq!(set.headers()[header::LOCATION], "/moderation/sign-in?password_set=1");

        let again = app.post_form(&path, &[("password", chosen), ("repeat", chosen)]).await;
        assert_eq!(again.status(), StatusCode::NOT_FOUND, "a link works once");
        assert_eq!(app.get(&path).await.status(), StatusCode::NOT_FOUND);

        let session = app.sign_in("nieuw@example.org", chosen).await;
        let queue = app.get_as(&session.cookie, "/moderation/").await;
        assert_eq!(queue.status(), StatusCode::OK);
        assert_eq!(
            app.get_as(&session.cookie, "/moderation/accounts").await.status(),
            StatusCode::FORBIDDEN,
            "a moderator is no admin"
        );
        let actions = audit_actions(&app).await;
        assert!(actions.contains(&(ADMIN.to_owned(), "account_created".to_owned())), "{actions:?}");
        assert!(actions.contains(&("nieuw@example.org".to_owned(), "invitation_accepted".to_owned())));
    }
}

#[actix_web::test]
async fn wrong_passwords_look_like_unknown_accounts_and_end_in_a_lock_out() {
    let app = app_with_admin(TestApp::builder(Backend::Sqlite)).await;
    let wrong = app
        .try_sign_in(ADMIN, "niet het goede wachtwoord", "")
        .await;
    let unknown = app
        .try_sign_in("niemand@example.org", "niet het goede wachtwoord", "")
        .await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    let (wrong, unknown) = (wrong.text().await.unwrap(), unknown.text().await.unwrap());
    let message = "E-mailadres, wachtwoord of code klopt niet.";
    assert!(wrong.contains(message) && unknown.contains(message));
    assert!(session_cookie(&app.try_sign_in(ADMIN, "nog steeds fout!!", "").await).is_none());

    for _ in 0..kanarie::accounts::throttle::LOCK_AFTER {
        app.try_sign_in(ADMIN, "nog steeds fout!!", "").await;
    }
    let locked = app.try_sign_in(ADMIN, PASSWORD, "").await;
    assert_eq!(
        locked.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password is refused"
    );
    assert!(locked
        .text()
        .await
        .unwrap()
        .contains("Te veel mislukte pogingen"));
    let failures = audit_actions(&app)
        .await
        .iter()
        .filter(|(_, a)| a == "sign_in_failed")
        .count();
    assert!(failures >= 3);
}

backend_test! {
    async fn sessions_end_when_idle_too_long_or_old_and_at_sign_out(backend: Backend) {
        let app = app_with_admin(TestApp::builder(backend)).await;
        assert_eq!(app.get("/moderation/").await.headers()[header::LOCATION], "/moderation/sign-in");

        let session = app.sign_in(ADMIN, PASSWORD).await;
        assert!(session.cookie.starts_with("kanarie_session="));
        let queue = app.get_as(&session.cookie, "/moderation/").await;
        assert_eq!(queue.status(), StatusCode::OK);
        assert_eq!(queue.headers()[header::CACHE_CONTROL], "no-store");
        assert!(queue.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().contains("frame-ancestors 'none'"));

        // Idle for 31 minutes.
        app.with_db(|conn| {
            use kanarie::db::schema::sessions;
            diesel::update(sessions::table)
                .set(sessions::last_seen_at.eq(sessions::last_seen_at - 31 * 60))
                .execute(conn)
                .unwrap()
        })
        .await;
        assert_eq!(app.get_as(&session.cookie, "/moderation/").await.status(), StatusCode::SEE_OTHER);

        // Signed in for 13 hours, however active.
        let session = app.sign_in(ADMIN, PASSWORD).await;
        app.with_db(|conn| {
            use kanarie::db::schema::sessions;
            diesel::update(sessions::table)
                .set(sessions::created_at.eq(sessions::created_at - 13 * 3600))
                .execute(conn)
                .unwrap()
        })
        .await;
        assert_eq!(app.get_as(&session.cookie, "/moderation/").await.status(), StatusCode::SEE_OTHER);

        let session = app.sign_in(ADMIN, PASSWORD).await;
        let out = app.post_as(&session, "/moderation/sign-out", &[]).await;
        assert_eq!(out.status(), StatusCode::SEE_OTHER);
        let cleared = out.headers()["set-cookie"].to_str().unwrap();
        assert!(cleared.contains("Max-Age=0") || cleared.contains("kanarie_session=;"), "{cleared}");
        assert_eq!(app.get_as(&session.cookie, "/moderation/").await.status(), StatusCode::SEE_OTHER);
        let left: i64 = app
            .with_db(|conn| kanarie::db::schema::sessions::table.count().get_result(conn).unwrap())
            .await;
        assert_eq!(left, 0, "every ended session is gone from the database");
    }
}

#[actix_web::test]
async fn the_session_cookie_is_host_prefixed_secure_http_only_and_strict_by_default() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    app.add_moderator(ADMIN, "admin", PASSWORD).await;
    let response = app.try_sign_in(ADMIN, PASSWORD, "").await;
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("__Host-kanarie_session="), "{cookie}");
    for attribute in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
    }
    assert!(!cookie.contains("Domain"), "{cookie}");
}

#[actix_web::test]
async fn changes_without_the_csrf_token_or_from_another_site_are_refused() {
    let app = app_with_admin(TestApp::builder(Backend::Sqlite)).await;
    let story = app
        .submit_story("Hij wil weer naar school.", "publish")
        .await;
    let admin = app.sign_in(ADMIN, PASSWORD).await;
    let path = format!("/moderation/stories/{story}/approve");

    let forged = crate::helpers::Session {
        csrf: "geraden".into(),
        ..admin.clone()
    };
    assert_eq!(
        app.post_as(&forged, &path, &[("title", "Titel")])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    for headers in [
        vec![("Origin", "https://kwaadwillend.example")],
        vec![("Sec-Fetch-Site", "cross-site")],
        vec![("Origin", "null")],
        vec![("Origin", "null"), ("Sec-Fetch-Site", "cross-site")],
    ] {
        let body = format!("csrf={}&title=Titel", admin.csrf);
        let mut request = app
            .client
            .post(app.url(&path))
            .header("Cookie", &admin.cookie)
            .header("Content-Type", "application/x-www-form-urlencoded");
        for (name, value) in &headers {
            request = request.header(*name, *value);
        }
        let response = request.body(body).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{headers:?}");
    }
    let stored = app.stored_stories().await;
    assert_eq!(stored[0].status, "pending", "nothing changed");
    let ok = app
        .post_as(&admin, &path, &[("title", "Weer naar school")])
        .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
}

/// Every change a signed-in moderator can make, as (path, fields). The ids need not exist:
/// the CSRF check comes before anything is looked up.
const CHANGES: &[(&str, &[(&str, &str)])] = &[
    ("/moderation/sign-out", &[]),
    (
        "/moderation/two-step",
        &[
            ("secret", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
            ("code", "000000"),
        ],
    ),
    ("/moderation/two-step/remove", &[("current", "000000")]),
    ("/moderation/stories/onbekend/edit", &[("story", "Tekst")]),
    (
        "/moderation/stories/onbekend/approve",
        &[("title", "Titel")],
    ),
    (
        "/moderation/stories/onbekend/reject",
        &[("reason", "other")],
    ),
    (
        "/moderation/accounts",
        &[("email", "nieuw@example.nl"), ("role", "moderator")],
    ),
    ("/moderation/accounts/999/disable", &[]),
    ("/moderation/mail/999/retry", &[]),
    ("/moderation/mail/999/discard", &[]),
    (
        "/moderation/themes",
        &[("label_nl", "Nieuw thema"), ("label_en", "New theme")],
    ),
    ("/moderation/themes/999/toggle", &[("active", "false")]),
];

#[actix_web::test]
async fn every_change_is_refused_without_this_sessions_csrf_token_or_from_another_site() {
    let app = app_with_admin(TestApp::builder(Backend::Sqlite)).await;
    let admin = app.sign_in(ADMIN, PASSWORD).await;
    let forged = crate::helpers::Session {
        csrf: "geraden".into(),
        ..admin.clone()
    };
    for (path, fields) in CHANGES {
        let response = app.post_as(&forged, path, fields).await;
        assert_eq!(
            response.status(),
            StatusCode::FORBIDDEN,
            "{path} without the token"
        );
        let mut pairs = vec![("csrf", admin.csrf.as_str())];
        pairs.extend_from_slice(fields);
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&pairs)
            .finish();
        let response = app
            .client
            .post(app.url(path))
            .header("Cookie", &admin.cookie)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Sec-Fetch-Site", "cross-site")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::FORBIDDEN,
            "{path} from another site"
        );
    }
    // Still signed in: no forged request changed anything, not even the sign-out.
    let queue = app.get_as(&admin.cookie, "/moderation/").await;
    assert_eq!(queue.status(), StatusCode::OK);
    let actions = audit_actions(&app).await;
    assert_eq!(
        actions.last().map(|(_, action)| action.as_str()),
        Some("signed_in")
    );
}

backend_test! {
    async fn moderators_edit_approve_and_reject_and_every_action_is_audited(backend: Backend) {
        let app = app_with_admin(TestApp::builder(backend)).await;
        let publish = app.submit_story("Onze zoon is moe. De mentor belde nooit terug.", "publish").await;
        let count_only = app.submit_story("Alleen voor de cijfers, niet publiceren.", "count_only").await;
        let reject = app.submit_story("Dit is geen verhaal maar reclame.", "publish").await;
        let admin = app.sign_in(ADMIN, PASSWORD).await;

        let queue = app.get_as(&admin.cookie, "/moderation/").await.text().await.unwrap();
        assert!(queue.contains("3 verhalen wachten: 2 om te publiceren, 1 alleen om mee te tellen"), "{queue}");
        let first = queue.find(&publish).unwrap();
        assert!(first < queue.find(&count_only).unwrap() && first < queue.find(&reject).unwrap(), "oldest first");

        // The moderator edits and adds a name by mistake: the anonymiser removes it.
        let edit = app
            .post_as(&admin, &format!("/moderation/stories/{publish}/edit"), &[
                ("story", "Onze zoon is moe. Mentor Pieter Jansen belde nooit terug."),
                ("change", ""),
                ("child_words", ""),
            ])
            .await;
        assert_eq!(edit.status(), StatusCode::SEE_OTHER);
        let stored = app.stored_stories().await;
        assert!(stored[0].story_text.contains("[naam"), "{}", stored[0].story_text);
        assert!(!stored[0].story_text.contains("Jansen"));

        let page = app.get_as(&admin.cookie, &format!("/moderation/stories/{publish}")).await.text().await.unwrap();
        assert!(page.contains("<mark class=\"placeholder\">[naam"), "placeholders are highlighted");
        // What the anonymiser removed from the edit is added to the story's summary.
        assert!(page.contains("We haalden weg: 1 naam."), "{page}");

        let untitled = app.post_as(&admin, &format!("/moderation/stories/{publish}/approve"), &[("title", " ")]).await;
        assert_eq!(untitled.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let approved = app
            .post_as(&admin, &format!("/moderation/stories/{publish}/approve"), &[("title", "Moe van wachten"), ("theme", "1"), ("theme", "2")])
            .await;
        // On to the next story in the queue, with the title the approved one got.
        assert_eq!(
            approved.headers()[header::LOCATION],
            format!("/moderation/stories/{count_only}?done=approved&approved={publish}").as_str()
        );
        let counted = app.post_as(&admin, &format!("/moderation/stories/{count_only}/approve"), &[]).await;
        assert_eq!(counted.status(), StatusCode::SEE_OTHER);
        let no_reason = app.post_as(&admin, &format!("/moderation/stories/{reject}/reject"), &[]).await;
        assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let rejected = app.post_as(&admin, &format!("/moderation/stories/{reject}/reject"), &[("reason", "not_a_story")]).await;
        assert_eq!(rejected.headers()[header::LOCATION], "/moderation/?done=rejected");

        let stored = app.stored_stories().await;
        assert_eq!(stored.len(), 2, "the rejected story is deleted");
        assert!(stored.iter().all(|s| s.status == "approved"));
        let (title, month, themes) = app
            .with_db(move |conn| {
                use kanarie::db::schema::{stories, story_themes};
                let (id, title, month) = stories::table
                    .filter(stories::public_id.eq(&publish))
                    .select((stories::id, stories::title, stories::published_month))
                    .first::<(i64, Option<String>, Option<String>)>(conn)
                    .unwrap();
                let themes: i64 = story_themes::table.filter(story_themes::story_id.eq(id)).count().get_result(conn).unwrap();
                (title, month, themes)
            })
            .await;
        assert_eq!(title.as_deref(), Some("Moe van wachten"));
        assert_eq!(month, Some(chrono::Utc::now().format("%Y-%m").to_string()));
        assert_eq!(themes, 2);
        assert_eq!(app.get_as(&admin.cookie, &format!("/moderation/stories/{reject}")).await.status(), StatusCode::NOT_FOUND);

        let actions: Vec<String> = audit_actions(&app).await.into_iter().filter(|(who, _)| who == ADMIN).map(|(_, a)| a).collect();
        for expected in ["signed_in", "edited", "approved_for_publication", "approved_for_counting", "rejected"] {
            assert!(actions.iter().any(|a| a == expected), "{expected} not audited: {actions:?}");
        }
        let audit_page = app.get_as(&admin.cookie, "/moderation/audit?action=rejected").await.text().await.unwrap();
        assert!(audit_page.contains(&crate::helpers::text("nl", "mod.reject.not_a_story")));
        assert!(
            !audit_page.contains(&format!("<td>{}</td>", crate::helpers::text("nl", "mod.audit.action_edited"))),
            "the filter applies"
        );
        assert!(!audit_page.contains("reclame"), "no story text in the audit");
    }
}

backend_test! {
    async fn the_audit_trail_cannot_be_changed_or_deleted(backend: Backend) {
        let app = app_with_admin(TestApp::builder(backend)).await;
        let (update, delete) = app
            .with_db(|conn| {
                (
                    diesel::sql_query("UPDATE audit_log SET actor = 'someone else'").execute(conn),
                    diesel::sql_query("DELETE FROM audit_log").execute(conn),
                )
            })
            .await;
        assert!(update.is_err() && delete.is_err());
        assert!(!audit_actions(&app).await.is_empty());
    }
}

#[actix_web::test]
async fn two_different_moderators_must_approve_when_the_setting_says_so() {
    let app = app_with_admin(
        TestApp::builder(Backend::Sqlite).with(|config| config.two_person_approval = true),
    )
    .await;
    app.add_moderator("tweede@example.org", "moderator", PASSWORD)
        .await;
    let story = app
        .submit_story("Twee paar ogen zien meer.", "publish")
        .await;
    let path = format!("/moderation/stories/{story}/approve");
    let first = app.sign_in(ADMIN, PASSWORD).await;
    let response = app
        .post_as(&first, &path, &[("title", "Twee paar ogen")])
        .await;
    assert_eq!(
        response.headers()[header::LOCATION],
        "/moderation/?done=awaiting"
    );
    let again = app
        .post_as(&first, &path, &[("title", "Twee paar ogen")])
        .await;
    assert_eq!(
        again.headers()[header::LOCATION],
        "/moderation/?done=already"
    );
    assert_eq!(app.stored_stories().await[0].status, "pending");

    let second = app.sign_in("tweede@example.org", PASSWORD).await;
    let page = app
        .get_as(&second.cookie, &format!("/moderation/stories/{story}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains(ADMIN), "the first approval is shown");
    let done = app
        .post_as(&second, &path, &[("title", "Twee paar ogen")])
        .await;
    assert_eq!(
        done.headers()[header::LOCATION],
        format!("/moderation/?done=approved&approved={story}").as_str()
    );
    assert_eq!(app.stored_stories().await[0].status, "approved");
}

#[actix_web::test]
async fn two_step_sign_in_needs_the_code_once_set_up_and_can_be_required_for_admins() {
    let app = app_with_admin(
        TestApp::builder(Backend::Sqlite).with(|config| config.require_totp_for_admins = true),
    )
    .await;
    let admin = app.sign_in(ADMIN, PASSWORD).await;
    let queue = app.get_as(&admin.cookie, "/moderation/").await;
    assert_eq!(
        queue.headers()[header::LOCATION],
        "/moderation/two-step",
        "admins must set it up first"
    );

    let page = app
        .get_as(&admin.cookie, "/moderation/two-step")
        .await
        .text()
        .await
        .unwrap();
    let marker = "id=\"two-step-key\">";
    let start = page.find(marker).unwrap() + marker.len();
    let secret = page[start..start + page[start..].find('<').unwrap()].to_owned();
    let now = kanarie::accounts::now();
    let wrong = app
        .post_as(&admin, "/moderation/two-step", &[("code", "000000")])
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let code = kanarie::accounts::totp::current_code(&secret, now).unwrap();
    let set = app
        .post_as(&admin, "/moderation/two-step", &[("code", &code)])
        .await;
    assert_eq!(set.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.get_as(&admin.cookie, "/moderation/").await.status(),
        StatusCode::OK
    );

    let without = app.try_sign_in(ADMIN, PASSWORD, "").await;
    assert_eq!(without.status(), StatusCode::UNAUTHORIZED);
    // The code used to turn it on is spent; the next step's code is within the drift.
    let code = kanarie::accounts::totp::current_code(&secret, now + 30).unwrap();
    let with = app.try_sign_in(ADMIN, PASSWORD, &code).await;
    assert_eq!(with.status(), StatusCode::SEE_OTHER);
}

#[actix_web::test]
async fn a_rejected_story_leaves_no_trace_in_the_database_files() {
    let app = app_with_admin(TestApp::builder(Backend::Sqlite)).await;
    let story = app
        .submit_story(
            "Het woord zeldzaamheidje en de zin over de fietsenstalling moeten verdwijnen.",
            "publish",
        )
        .await;
    let dir = std::path::PathBuf::from(app.database.url().trim_start_matches("sqlite://"))
        .parent()
        .unwrap()
        .to_owned();
    let bytes = || {
        let mut all = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            all.extend(std::fs::read(entry.unwrap().path()).unwrap());
        }
        all
    };
    let contains = |haystack: &[u8], needle: &str| {
        haystack
            .windows(needle.len())
            .any(|w| w == needle.as_bytes())
    };
    assert!(
        contains(&bytes(), "zeldzaamheidje"),
        "the story is stored first"
    );

    let admin = app.sign_in(ADMIN, PASSWORD).await;
    let rejected = app
        .post_as(
            &admin,
            &format!("/moderation/stories/{story}/reject"),
            &[("reason", "other")],
        )
        .await;
    assert_eq!(rejected.status(), StatusCode::SEE_OTHER);
    let after = bytes();
    assert!(
        !contains(&after, "zeldzaamheidje"),
        "text left in the database files"
    );
    assert!(!contains(&after, "fietsenstalling"));
}

backend_test! {
    async fn moderators_are_told_of_new_stories_and_invited_by_mail_over_real_smtp(backend: Backend) {
        let sink = crate::smtp_sink::SmtpSink::start();
        let smtp_url = sink.url();
        let app = app_with_admin(
            TestApp::builder(backend)
                .smtp(&smtp_url)
                .with(|config| config.mail.notice_interval = std::time::Duration::from_secs(3600)),
        )
        .await;
        let admin = app.sign_in(ADMIN, PASSWORD).await;
        let config = mail_config(&smtp_url);
        let pool = app.pool().clone();

        app.submit_story("Het geheime woord is klaprozenveld.", "publish").await;
        app.submit_story("Een tweede verhaal binnen het uur.", "publish").await;
        // The notice check runs at the start of every hour; here, that of a later hour.
        let later = kanarie::mail::notice_slot(kanarie::mail::unix_now(), std::time::Duration::from_secs(3600)) + 10 * 3600;
        let review_url = app.url("/moderation/");
        assert!(kanarie::mail::check_review_notices(&pool, &config, &review_url, later + 60).await.unwrap());
        assert!(!kanarie::mail::check_review_notices(&pool, &config, &review_url, later + 120).await.unwrap());
        kanarie::mail::deliver_due_at(&pool, &config, later + 60).await.unwrap();
        let notices: Vec<_> = sink.received().into_iter().filter(|m| m.rcpt_to.contains(&ADMIN.to_owned())).collect();
        assert_eq!(notices.len(), 1, "one notice per interval");
        let body = notices[0].body_text();
        assert!(body.contains("/moderation/"), "{body}");
        assert!(body.contains("Er wachten 2 verhalen"), "the count: {body}");
        assert!(!body.contains("klaprozenveld"), "never story text");

        // An invitation from the admin page goes out by mail, and its link works.
        let page = app
            .post_as(&admin, "/moderation/accounts", &[("email", "vrijwilliger@example.org"), ("role", "moderator")])
            .await
            .text()
            .await
            .unwrap();
        assert!(!page.contains("invitation-link"), "with SMTP the link is mailed, not shown");
        kanarie::mail::deliver_due(&pool, &config).await.unwrap();
        let invitation = sink
            .received()
            .into_iter()
            .find(|m| m.rcpt_to.contains(&"vrijwilliger@example.org".to_owned()))
            .expect("an invitation was sent");
        let body = invitation.body_text();
        let start = body.find("/moderation/invitation/").expect("a link in the mail");
        let path: String = body[start..].chars().take_while(|c| !c.is_whitespace()).collect();
        let chosen = "vrijwilliger sinds vandaag";
        let set = app.post_form(&path, &[("password", chosen), ("repeat", chosen)]).await;
        assert_eq!(set.status(), StatusCode::SEE_OTHER);
        app.sign_in("vrijwilliger@example.org", chosen).await;
    }
}

backend_test! {
    async fn a_forgotten_password_is_reset_by_mail_and_other_sessions_end(backend: Backend) {
        let sink = crate::smtp_sink::SmtpSink::start();
        let smtp_url = sink.url();
        let app = app_with_admin(TestApp::builder(backend).smtp(&smtp_url)).await;
        let old_session = app.sign_in(ADMIN, PASSWORD).await;
        let config = mail_config(&smtp_url);
        let pool = app.pool().clone();

        let ask = |email: &'static str| {
            let app = &app;
            async move {
                let token = app.form_token("/moderation/password-reset").await;
                app.post_form("/moderation/password-reset", &[("token", &token), ("email", email)])
                    .await
                    .text()
                    .await
                    .unwrap()
            }
        };
        let unknown = ask("niemand@example.org").await;
        let known = ask(ADMIN).await;
        assert!(known.contains("Als dit adres bij ons bekend is"));
        assert_eq!(unknown, known, "the answer does not reveal which addresses exist");

        kanarie::mail::deliver_due(&pool, &config).await.unwrap();
        let mails = sink.received();
        assert_eq!(mails.len(), 1, "only the known address gets a mail");
        let body = mails[0].body_text();
        let start = body.find("/moderation/password-reset/").expect("a reset link");
        let path: String = body[start..].chars().take_while(|c| !c.is_whitespace()).collect();
        let fresh = "een gloednieuwe wachtzin";
        let set = app.post_form(&path, &[("password", fresh), ("repeat", fresh)]).await;
        assert_eq!(set.status(), StatusCode::SEE_OTHER);

        assert_eq!(app.get_as(&old_session.cookie, "/moderation/").await.status(), StatusCode::SEE_OTHER, "old sessions end");
        assert_eq!(app.try_sign_in(ADMIN, PASSWORD, "").await.status(), StatusCode::UNAUTHORIZED);
        app.sign_in(ADMIN, fresh).await;
        let reuse = app.post_form(&path, &[("password", fresh), ("repeat", fresh)]).await;
        assert_eq!(reuse.status(), StatusCode::NOT_FOUND, "the link works once");
    }
}

backend_test! {
    async fn an_admin_retries_or_discards_mail_that_could_not_be_sent(backend: Backend) {
        let sink = crate::smtp_sink::SmtpSink::start();
        let smtp_url = sink.url();
        let app = app_with_admin(TestApp::builder(backend).smtp(&smtp_url)).await;
        let admin = app.sign_in(ADMIN, PASSWORD).await;
        let config = mail_config(&smtp_url);
        let pool = app.pool().clone();
        let failures = |pool: &kanarie::db::DbPool| {
            let mut conn = pool.get().unwrap();
            kanarie::mail::failures(&mut conn).unwrap()
        };

        sink.set_failing(true);
        for email in ["eerste@example.org", "tweede@example.org"] {
            app.post_as(&admin, "/moderation/accounts", &[("email", email), ("role", "moderator")]).await;
        }
        kanarie::mail::deliver_due(&pool, &config).await.unwrap();
        let failed = failures(&pool);
        assert_eq!(failed.len(), 2, "{failed:?}");
        let page = app.get_as(&admin.cookie, "/moderation/accounts").await.text().await.unwrap();
        assert!(page.contains(&format!("/moderation/mail/{}/retry", failed[0].id)), "{page}");
        assert!(page.contains("Niet meer versturen"), "{page}");

        // Retry: due at once, so the next round sends it although its backoff has not passed.
        sink.set_failing(false);
        let retried = app.post_as(&admin, &format!("/moderation/mail/{}/retry", failed[0].id), &[]).await;
        assert_eq!(retried.status(), StatusCode::SEE_OTHER);
        kanarie::mail::deliver_due(&pool, &config).await.unwrap();
        let received = sink.received();
        assert_eq!(received.len(), 1, "only the retried mail went out");
        assert_eq!(received[0].rcpt_to, ["eerste@example.org"]);

        // Discard: gone from the outbox, never sent, and the audit trail says so.
        let discarded = app.post_as(&admin, &format!("/moderation/mail/{}/discard", failed[1].id), &[]).await;
        assert_eq!(discarded.status(), StatusCode::SEE_OTHER);
        assert!(failures(&pool).is_empty());
        kanarie::mail::deliver_due_at(&pool, &config, kanarie::mail::unix_now() + 86_400).await.unwrap();
        assert_eq!(sink.received().len(), 1);
        let again = app.post_as(&admin, &format!("/moderation/mail/{}/discard", failed[1].id), &[]).await;
        assert_eq!(again.status(), StatusCode::NOT_FOUND);
        let audit_page = app.get_as(&admin.cookie, "/moderation/audit").await.text().await.unwrap();
        for label in ["mod.audit.action_mail_retried", "mod.audit.action_mail_discarded"] {
            assert!(audit_page.contains(&format!("<td>{}</td>", crate::helpers::text("nl", label))), "{audit_page}");
        }

        // Nothing left to act on.
        let link_page = app.get_as(&admin.cookie, "/moderation/accounts").await.text().await.unwrap();
        assert!(!link_page.contains("/moderation/mail/"), "nothing left to act on");
    }
}

backend_test! {
    async fn a_rejected_story_stays_rejected_when_its_form_is_sent_again(backend: Backend) {
        let app = app_with_admin(TestApp::builder(backend)).await;
        let token = app.form_token("/nl/verhaal").await;
        let answers = crate::helpers::complete_answers(&token, "Dit is geen verhaal maar reclame.");
        let page = app.send_previewed("/nl/verhaal/versturen", &answers).await.text().await.unwrap();
        assert!(crate::helpers::extract_code(&page).is_some(), "{page}");
        assert_eq!(app.stored_stories().await.len(), 1);
        let id: String = app
            .with_db(|conn| {
                use kanarie::db::schema::stories;
                stories::table.select(stories::public_id).first::<String>(conn).unwrap()
            })
            .await;
        let admin = app.sign_in(ADMIN, PASSWORD).await;
        let rejected = app
            .post_as(&admin, &format!("/moderation/stories/{id}/reject"), &[("reason", "not_a_story")])
            .await;
        assert_eq!(rejected.status(), StatusCode::SEE_OTHER);
        assert!(app.stored_stories().await.is_empty());

        // The parent's thank-you tab, reloaded: the same form again is not a new story.
        let reload = app.send_previewed("/nl/verhaal/versturen", &answers).await;
        assert_eq!(reload.status(), StatusCode::OK);
        let reload = reload.text().await.unwrap();
        assert!(reload.contains(&crate::helpers::text("nl", "thanks.closed")), "{reload}");
        assert!(app.stored_stories().await.is_empty(), "the rejected story came back");
    }
}
