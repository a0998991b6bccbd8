//! A change sent after the session ended is kept through the sign-in (in the browser's
//! form, never on the server) and shown again, filled in, to send; only a session that
//! existed and timed out, with its own CSRF token, can leave one.

use diesel::prelude::*;
use reqwest::header;
use reqwest::StatusCode;

use crate::helpers::{extract_value, text, Session, TestApp};

const MODERATOR: &str = "avonddienst@oudervereniging.example";
const PASSWORD: &str = "even koffie halen duurt lang";

async fn idle_for_31_minutes(app: &TestApp) {
    app.with_db(|conn| {
        use kanarie::db::schema::sessions;
        diesel::update(sessions::table)
            .set(sessions::last_seen_at.eq(sessions::last_seen_at - 31 * 60))
            .execute(conn)
            .unwrap()
    })
    .await;
}

/// The text of the hidden `<textarea name="NAME" ...>` a page carries.
fn textarea(html: &str, name: &str) -> Option<String> {
    let start = html.find(&format!("<textarea name=\"{name}\""))?;
    let open = html[start..].find('>')? + start + 1;
    let close = html[open..].find("</textarea>")? + open;
    Some(html[open..close].to_owned())
}

/// Sends the sign-in form of `page` (with what it carries) as the moderator.
async fn sign_in_from(app: &TestApp, page: &str, extra: &[(&str, String)]) -> reqwest::Response {
    let mut fields: Vec<(&str, String)> = vec![
        (
            "token",
            extract_value(page, "name=\"token\" value=\"").expect("a form token"),
        ),
        ("email", MODERATOR.to_owned()),
        ("password", PASSWORD.to_owned()),
        ("code", String::new()),
    ];
    if let Some(path) = extract_value(page, "name=\"pending_path\" value=\"") {
        fields.push(("pending_path", path));
    }
    fields.extend(extra.iter().cloned());
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form("/moderation/sign-in", &pairs).await
}

backend_test! {
    async fn an_edit_sent_after_the_session_ended_is_shown_again_after_signing_in(backend: Backend) {
        let app = TestApp::builder(backend).for_moderation().spawn().await;
        app.add_moderator(MODERATOR, "moderator", PASSWORD).await;
        let story = app.submit_story("Het wachten duurde een jaar.", "publish").await;
        let session = app.sign_in(MODERATOR, PASSWORD).await;
        app.get_as(&session.cookie, &format!("/moderation/stories/{story}")).await;
        idle_for_31_minutes(&app).await;

        let edited = "Het wachten duurde een jaar. Meester Gijsbert Hoogeveen hielp ons.";
        let late = app
            .post_as(&session, &format!("/moderation/stories/{story}/edit"), &[("story", edited), ("change", ""), ("child_words", "")])
            .await;
        assert_eq!(late.status(), StatusCode::UNAUTHORIZED);
        let page = late.text().await.unwrap();
        assert!(page.contains(&text("nl", "mod.pending.signed_out")), "{page}");
        assert!(page.contains("action=\"/moderation/sign-in\""));
        assert_eq!(extract_value(&page, "name=\"pending_path\" value=\"").as_deref(), Some(format!("/moderation/stories/{story}/edit").as_str()));
        let carried = textarea(&page, "pending.story").expect("the edit travels in the form");
        assert_eq!(carried, edited);
        // Nothing of it is stored: the story is unchanged and no row holds the name.
        let stored = app.stored_stories().await;
        assert_eq!(stored[0].story_text, "Het wachten duurde een jaar.");
        let anywhere: i64 = app
            .with_db(|conn| {
                diesel::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(
                    "(SELECT COUNT(*) FROM audit_log WHERE COALESCE(detail, '') LIKE '%Hoogeveen%') + \
                     (SELECT COUNT(*) FROM stories WHERE story_text LIKE '%Hoogeveen%')",
                ))
                .get_result(conn)
                .unwrap()
            })
            .await;
        assert_eq!(anywhere, 0);

        // A wrong password keeps it too.
        let wrong = app
            .post_form("/moderation/sign-in", &[
                ("token", &extract_value(&page, "name=\"token\" value=\"").unwrap()),
                ("email", MODERATOR),
                ("password", "niet mijn wachtwoord"),
                ("pending_path", &format!("/moderation/stories/{story}/edit")),
                ("pending.story", edited),
            ])
            .await;
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(textarea(&wrong.text().await.unwrap(), "pending.story").as_deref(), Some(edited));

        let signed_in = sign_in_from(&app, &page, &[("pending.story", carried), ("pending.change", String::new()), ("pending.child_words", String::new())]).await;
        assert_eq!(signed_in.status(), StatusCode::OK);
        let cookie = crate::helpers::session_cookie(&signed_in).expect("a new session");
        let shown = signed_in.text().await.unwrap();
        assert!(shown.contains(&text("nl", "mod.pending.explain")));
        assert!(shown.contains(&format!("action=\"/moderation/stories/{story}/edit\"")));
        assert!(shown.contains(&format!(">{edited}</textarea>")), "shown again, filled in: {shown}");
        assert_eq!(app.stored_stories().await[0].story_text, "Het wachten duurde een jaar.", "not applied before it is sent");

        let fresh = Session { cookie, csrf: extract_value(&shown, "name=\"csrf\" value=\"").unwrap() };
        let sent = app.post_as(&fresh, &format!("/moderation/stories/{story}/edit"), &[("story", edited), ("change", ""), ("child_words", "")]).await;
        assert_eq!(sent.status(), StatusCode::SEE_OTHER);
        let stored = app.stored_stories().await;
        assert!(stored[0].story_text.contains("hielp ons") && !stored[0].story_text.contains("Hoogeveen"), "{}", stored[0].story_text);
    }
}

backend_test! {
    async fn an_approval_sent_late_keeps_title_themes_and_only_real_sessions_keep_anything(backend: Backend) {
        let app = TestApp::builder(backend).for_moderation().spawn().await;
        app.add_moderator(MODERATOR, "moderator", PASSWORD).await;
        let story = app.submit_story("Zij wilde zo graag weer leren.", "publish").await;
        let session = app.sign_in(MODERATOR, PASSWORD).await;
        idle_for_31_minutes(&app).await;
        let path = format!("/moderation/stories/{story}/approve");

        // Without the ended session's token, or without any session: nothing is kept.
        let forged = Session { csrf: "geraden".into(), ..session.clone() };
        let refused = app.post_as(&forged, &path, &[("title", "Weer leren")]).await;
        assert_eq!(refused.status(), StatusCode::SEE_OTHER);
        assert_eq!(refused.headers()[header::LOCATION], "/moderation/sign-in");
        let anonymous = app.post_form(&path, &[("title", "Weer leren")]).await;
        assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
        assert_eq!(anonymous.headers()[header::LOCATION], "/moderation/sign-in");

        // The forged request ended the session, as any request after the idle limit does.
        let session = app.sign_in(MODERATOR, PASSWORD).await;
        idle_for_31_minutes(&app).await;
        let late = app.post_as(&session, &path, &[("title", "Weer leren"), ("theme", "3"), ("theme", "5"), ("reason", "verzonnen")]).await;
        assert_eq!(late.status(), StatusCode::UNAUTHORIZED);
        let page = late.text().await.unwrap();
        assert_eq!(textarea(&page, "pending.title").as_deref(), Some("Weer leren"));
        assert!(page.contains("name=\"pending.theme\" value=\"3\"") && page.contains("name=\"pending.theme\" value=\"5\""));
        assert!(!page.contains("verzonnen"), "fields an approval does not take are dropped");

        let signed_in = sign_in_from(&app, &page, &[
            ("pending.title", "Weer leren".to_owned()),
            ("pending.theme", "3".to_owned()),
            ("pending.theme", "5".to_owned()),
        ])
        .await;
        assert_eq!(signed_in.status(), StatusCode::OK);
        let shown = signed_in.text().await.unwrap();
        assert!(shown.contains("value=\"Weer leren\""), "{shown}");
        assert!(shown.contains("name=\"theme\" value=\"3\"") && shown.contains("name=\"theme\" value=\"5\""));
        assert_eq!(app.stored_stories().await[0].status, "pending");
        // Signing in without a change goes to the queue as always.
        let token = app.form_token("/moderation/sign-in").await;
        let plain = app.post_form("/moderation/sign-in", &[("token", &token), ("email", MODERATOR), ("password", PASSWORD), ("pending_path", "/moderation/accounts")]).await;
        assert_eq!(plain.status(), StatusCode::SEE_OTHER);
        assert_eq!(plain.headers()[header::LOCATION], "/moderation/");
    }
}
