//! Moderator accounts under attack: bursts of sign-ins, made-up links, replayed two-step
//! codes, secrets chosen by the browser, reset floods and cross-site sign-ins.

use diesel::prelude::*;
use reqwest::header;
use reqwest::StatusCode;

use crate::helpers::{session_cookie, Backend, Session, TestApp, TestAppBuilder};

const ADMIN: &str = "beheer@ouderpanel.example";
const PASSWORD: &str = "zeven lange woorden als wachtzin";
const METRICS_TOKEN: &str = "metrics-token-for-tests-only";
/// Apps that tell client addresses apart by `X-Real-IP`, show metrics and share a key.
fn settings(builder: TestAppBuilder) -> TestAppBuilder {
    builder.for_moderation().secret_key(42).with(|config| {
        config.client_ip_header = Some("x-real-ip".to_owned());
        config.metrics_token = Some(METRICS_TOKEN.into());
    })
}

async fn app_with_admin(backend: Backend) -> TestApp {
    let app = settings(TestApp::builder(backend)).spawn().await;
    app.add_moderator(ADMIN, "admin", PASSWORD).await;
    app
}

/// Argon2 runs (hashes and checks) this instance has done, from `/metrics`.
async fn password_work(app: &TestApp) -> u64 {
    let text = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth(METRICS_TOKEN)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    text.lines()
        .find_map(|line| line.strip_prefix("kanarie_password_work_total "))
        .expect("the metric kanarie_password_work_total")
        .trim()
        .parse()
        .unwrap()
}

async fn count_actions(app: &TestApp, action: &'static str) -> i64 {
    app.with_db(move |conn| {
        use kanarie::db::schema::audit_log;
        audit_log::table
            .filter(audit_log::action.eq(action))
            .count()
            .get_result::<i64>(conn)
            .unwrap()
    })
    .await
}

/// POSTs a form from the client address `address`, with extra headers.
async fn post_from(
    app: &TestApp,
    path: &str,
    address: &str,
    headers: &[(&str, &str)],
    pairs: &[(&str, &str)],
) -> reqwest::Response {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    let mut request = app
        .client
        .post(app.url(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Real-IP", address);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.body(body).send().await.unwrap()
}

/// Sends `count` wrong sign-ins for `ADMIN` at once, each from its own address, spread
/// over `apps`; returns how many got an answer with each status.
async fn burst_of_wrong_sign_ins(apps: &[&TestApp], count: usize) -> Vec<StatusCode> {
    let mut requests = Vec::new();
    for i in 0..count {
        let app = apps[i % apps.len()];
        let token = app.form_token("/moderation/sign-in").await;
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs([
                ("token", token.as_str()),
                ("email", ADMIN),
                ("password", "geraden maar niet goed"),
                ("code", ""),
            ])
            .finish();
        let request = app
            .client
            .post(app.url("/moderation/sign-in"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Real-IP", format!("198.51.100.{}", i % 250 + 1))
            .body(body);
        requests.push(actix_web::rt::spawn(async move {
            request.send().await.unwrap().status()
        }));
    }
    let mut statuses = Vec::new();
    for request in requests {
        statuses.push(request.await.unwrap());
    }
    statuses
}

backend_test! {
    async fn a_burst_of_wrong_sign_ins_gets_no_more_password_checks_than_the_lock(backend: Backend) {
        let app = app_with_admin(backend).await;
        let before = password_work(&app).await;
        let statuses = burst_of_wrong_sign_ins(&[&app], 100).await;
        let checked = statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
        let locked = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
        let lock = kanarie::accounts::throttle::LOCK_AFTER as usize;
        eprintln!("password checks under a burst of 100: {checked} (locked: {locked})");
        assert!(checked <= lock, "{checked} passwords checked against a lock of {lock}");
        assert!(checked >= 1, "{statuses:?}");
        assert_eq!(checked + locked, 100, "{statuses:?}");
        assert!(password_work(&app).await - before <= lock as u64);
        assert!(count_actions(&app, "sign_in_failed").await <= lock as i64);
        // Still locked afterwards, for the right password too.
        assert_eq!(app.try_sign_in(ADMIN, PASSWORD, "").await.status(), StatusCode::TOO_MANY_REQUESTS);
    }
}

backend_test! {
    async fn the_sign_in_lock_holds_across_instances_on_one_database(backend: Backend) {
        let first = app_with_admin(backend).await;
        let second = settings(first.beside()).spawn().await;
        let statuses = burst_of_wrong_sign_ins(&[&first, &second], 60).await;
        let checked = statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
        let lock = kanarie::accounts::throttle::LOCK_AFTER as usize;
        assert!(checked <= lock, "{checked} passwords checked by two instances against a lock of {lock}");
        assert!(count_actions(&first, "sign_in_failed").await <= lock as i64);
    }
}

backend_test! {
    async fn a_made_up_link_is_refused_before_any_password_is_hashed_and_limited_per_address(backend: Backend) {
        let app = app_with_admin(backend).await;
        let before = password_work(&app).await;
        let chosen = "een zelfgekozen lange wachtzin";
        for (i, base) in ["/moderation/password-reset", "/moderation/invitation"].iter().enumerate() {
            for n in 0..5 {
                let path = format!("{base}/verzonnen-{i}-{n}");
                let response = post_from(&app, &path, "203.0.113.7", &[], &[("password", chosen), ("repeat", chosen)]).await;
                assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
                assert!(response.text().await.unwrap().contains("Deze link werkt niet (meer)"));
            }
        }
        assert_eq!(password_work(&app).await, before, "no password was hashed for a made-up link");
        let limited = post_from(&app, "/moderation/password-reset/nog-een", "203.0.113.7", &[], &[("password", chosen), ("repeat", chosen)]).await;
        assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS, "ten tries per address per hour");
        let other = post_from(&app, "/moderation/password-reset/nog-een", "203.0.113.8", &[], &[("password", chosen), ("repeat", chosen)]).await;
        assert_eq!(other.status(), StatusCode::NOT_FOUND, "another address has its own allowance");
    }
}

/// Turns two-step sign-in on through its page; returns the key shown.
async fn turn_on_two_step(app: &TestApp, session: &Session) -> String {
    let page = app
        .get_as(&session.cookie, "/moderation/two-step")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("<svg"), "the key is shown as a QR code");
    let key = shown_key(&page);
    let code = kanarie::accounts::totp::current_code(&key, kanarie::accounts::now()).unwrap();
    let set = app
        .post_as(session, "/moderation/two-step", &[("code", &code)])
        .await;
    assert_eq!(
        set.status(),
        StatusCode::SEE_OTHER,
        "two-step sign-in turned on"
    );
    key
}

fn shown_key(page: &str) -> String {
    let marker = "id=\"two-step-key\">";
    let start = page.find(marker).expect("the key is shown as text") + marker.len();
    page[start..start + page[start..].find('<').unwrap()]
        .trim()
        .to_owned()
}

async fn stored_totp(app: &TestApp) -> (Option<String>, Option<i64>) {
    app.with_db(|conn| {
        use kanarie::db::schema::moderators;
        moderators::table
            .filter(moderators::email.eq(ADMIN))
            .select((moderators::totp_secret, moderators::totp_last_step))
            .first(conn)
            .unwrap()
    })
    .await
}

backend_test! {
    async fn a_two_step_code_works_once_and_earlier_codes_not_at_all(backend: Backend) {
        let app = app_with_admin(backend).await;
        let admin = app.sign_in(ADMIN, PASSWORD).await;
        let key = turn_on_two_step(&app, &admin).await;
        let at_setup = stored_totp(&app).await.1.expect("the step used to turn it on is stored");

        let code_of = |step: i64| kanarie::accounts::totp::current_code(&key, step * 30).unwrap();
        // The code used to turn it on does not sign in.
        assert_eq!(app.try_sign_in(ADMIN, PASSWORD, &code_of(at_setup)).await.status(), StatusCode::UNAUTHORIZED);
        // The next step's code (within the allowed drift) works once.
        let next = code_of(at_setup + 1);
        let first = app.try_sign_in(ADMIN, PASSWORD, &next).await;
        assert_eq!(first.status(), StatusCode::SEE_OTHER);
        assert!(session_cookie(&first).is_some());
        let again = app.try_sign_in(ADMIN, PASSWORD, &next).await;
        assert_eq!(again.status(), StatusCode::UNAUTHORIZED, "the same code twice");
        assert!(session_cookie(&again).is_none());
        let earlier = app.try_sign_in(ADMIN, PASSWORD, &code_of(at_setup - 1)).await;
        assert_eq!(earlier.status(), StatusCode::UNAUTHORIZED, "the previous step's code");
        assert_eq!(stored_totp(&app).await.1, Some(at_setup + 1));
    }
}

backend_test! {
    async fn the_server_chooses_the_two_step_key_and_changing_it_needs_the_code_or_password(backend: Backend) {
        let app = app_with_admin(backend).await;
        let admin = app.sign_in(ADMIN, PASSWORD).await;
        // A key the browser brings is ignored: its code does not turn anything on.
        let chosen = kanarie::accounts::totp::generate_secret();
        let code = kanarie::accounts::totp::current_code(&chosen, kanarie::accounts::now()).unwrap();
        let forced = app.post_as(&admin, "/moderation/two-step", &[("secret", &chosen), ("code", &code)]).await;
        assert_eq!(forced.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(stored_totp(&app).await.0, None);

        let key = turn_on_two_step(&app, &admin).await;
        assert_eq!(stored_totp(&app).await.0.as_deref(), Some(key.as_str()));
        assert_eq!(count_actions(&app, "two_step_enabled").await, 1);

        // Replacing with the session alone, or with a wrong password, changes nothing.
        let page = app.get_as(&admin.cookie, "/moderation/two-step").await.text().await.unwrap();
        let new_key = shown_key(&page);
        assert_ne!(new_key, key);
        let new_code = kanarie::accounts::totp::current_code(&new_key, kanarie::accounts::now()).unwrap();
        for current in ["", "niet het wachtwoord"] {
            let replaced = app.post_as(&admin, "/moderation/two-step", &[("code", &new_code), ("current", current)]).await;
            assert_eq!(replaced.status(), StatusCode::FORBIDDEN, "current: {current:?}");
        }
        assert_eq!(stored_totp(&app).await.0.as_deref(), Some(key.as_str()));
        let replaced = app.post_as(&admin, "/moderation/two-step", &[("code", &new_code), ("current", PASSWORD)]).await;
        assert_eq!(replaced.status(), StatusCode::SEE_OTHER);
        assert_eq!(stored_totp(&app).await.0.as_deref(), Some(new_key.as_str()));
        assert_eq!(count_actions(&app, "two_step_replaced").await, 1);

        // Removing needs proof too; the current code is enough.
        let removed = app.post_as(&admin, "/moderation/two-step/remove", &[("current", "")]).await;
        assert_eq!(removed.status(), StatusCode::FORBIDDEN);
        assert!(stored_totp(&app).await.0.is_some());
        let step = stored_totp(&app).await.1.unwrap();
        let current = kanarie::accounts::totp::current_code(&new_key, (step + 1) * 30).unwrap();
        let removed = app.post_as(&admin, "/moderation/two-step/remove", &[("current", &current)]).await;
        assert_eq!(removed.status(), StatusCode::SEE_OTHER);
        assert_eq!(stored_totp(&app).await.0, None);
        assert_eq!(count_actions(&app, "two_step_removed").await, 1);
    }
}

backend_test! {
    async fn reset_requests_are_limited_per_account_and_address_and_only_the_newest_link_works(backend: Backend) {
        let sink = crate::smtp_sink::SmtpSink::start();
        let smtp_url = sink.url();
        let app = settings(TestApp::builder(backend)).smtp(&smtp_url).spawn().await;
        app.add_moderator(ADMIN, "admin", PASSWORD).await;
        let token = app.form_token("/moderation/password-reset").await;

        let mut statuses = Vec::new();
        for i in 0..16 {
            let address = format!("192.0.2.{}", i + 1);
            let response = post_from(&app, "/moderation/password-reset", &address, &[], &[("token", &token), ("email", ADMIN)]).await;
            statuses.push(response.status());
        }
        let per_account = kanarie::accounts::throttle::RESETS_PER_ACCOUNT as usize;
        assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), per_account, "{statuses:?}");
        assert_eq!(statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count(), 16 - per_account);
        assert_eq!(count_actions(&app, "password_reset_requested").await, per_account as i64);
        let (queued, links) = app.with_db(|conn| {
            use kanarie::db::schema::account_links;
            let queued: i64 = diesel::sql_query("SELECT COUNT(*) AS count FROM mail_outbox")
                .get_result::<Count>(conn)
                .unwrap()
                .count;
            let links: i64 = account_links::table
                .filter(account_links::purpose.eq("reset"))
                .count()
                .get_result(conn)
                .unwrap();
            (queued, links)
        })
        .await;
        assert_eq!(queued, per_account as i64, "mails queued");
        assert_eq!(links, 1, "only the newest link is kept");

        let config = kanarie::mail::MailConfig::from_lookup(&|_| None).unwrap().with_smtp_url(&smtp_url).unwrap();
        let pool = app.pool().clone();
        kanarie::mail::deliver_due(&pool, &config).await.unwrap();
        let paths: Vec<String> = sink
            .received()
            .iter()
            .map(|mail| {
                let body = mail.body_text();
                let start = body.find("/moderation/password-reset/").expect("a reset link");
                body[start..].chars().take_while(|c| !c.is_whitespace()).collect()
            })
            .collect();
        assert_eq!(paths.len(), per_account);
        let working: Vec<bool> = {
            let mut working = Vec::new();
            for path in &paths {
                working.push(app.get(path).await.status() == StatusCode::OK);
            }
            working
        };
        assert_eq!(working.iter().filter(|w| **w).count(), 1, "{working:?}");

        // One address asking for many accounts is limited too.
        let mut statuses = Vec::new();
        for i in 0..8 {
            let email = format!("iemand{i}@example.org");
            let response = post_from(&app, "/moderation/password-reset", "192.0.2.200", &[], &[("token", &token), ("email", &email)]).await;
            statuses.push(response.status());
        }
        assert!(statuses[..5].iter().all(|s| *s == StatusCode::OK), "{statuses:?}");
        assert!(statuses[5..].iter().all(|s| *s == StatusCode::TOO_MANY_REQUESTS), "{statuses:?}");
    }
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    count: i64,
}

#[actix_web::test]
async fn a_sign_in_from_another_site_is_refused() {
    let app = app_with_admin(Backend::Sqlite).await;
    let token = app.form_token("/moderation/sign-in").await;
    let fields = [
        ("token", token.as_str()),
        ("email", ADMIN),
        ("password", PASSWORD),
        ("code", ""),
    ];
    for headers in [
        vec![
            ("Origin", "https://kwaadwillend.example"),
            ("Sec-Fetch-Site", "cross-site"),
        ],
        vec![("Origin", "https://kwaadwillend.example")],
        vec![("Sec-Fetch-Site", "cross-site")],
        vec![("Origin", "null")],
    ] {
        let response = post_from(&app, "/moderation/sign-in", "192.0.2.1", &headers, &fields).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{headers:?}");
        assert!(session_cookie(&response).is_none(), "{headers:?}");
    }
    let own_origin = app.address.clone();
    let response = post_from(
        &app,
        "/moderation/sign-in",
        "192.0.2.1",
        &[("Origin", &own_origin), ("Sec-Fetch-Site", "same-origin")],
        &fields,
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "the site's own form still works"
    );
}

#[actix_web::test]
async fn the_origin_must_match_the_public_url_in_scheme_host_and_port() {
    let app = app_with_admin(Backend::Sqlite).await;
    let admin = app.sign_in(ADMIN, PASSWORD).await;
    let port = app.address.rsplit(':').next().unwrap().to_owned();
    let change = |headers: Vec<(&'static str, String)>| {
        let app = &app;
        let admin = admin.clone();
        async move {
            let body = format!(
                "csrf={}&name=Nieuw+thema&label_nl=Nieuw&label_en=New",
                admin.csrf
            );
            let mut request = app
                .client
                .post(app.url("/moderation/themes"))
                .header("Cookie", &admin.cookie)
                .header("Content-Type", "application/x-www-form-urlencoded");
            for (name, value) in headers {
                request = request.header(name, value);
            }
            request.body(body).send().await.unwrap().status()
        }
    };
    let wrong_scheme = change(vec![("Origin", format!("https://127.0.0.1:{port}"))]).await;
    assert_eq!(wrong_scheme, StatusCode::FORBIDDEN, "https instead of http");
    let other_port = change(vec![(
        "Origin",
        format!("http://127.0.0.1:{}", port.parse::<u16>().unwrap() ^ 1),
    )])
    .await;
    assert_eq!(other_port, StatusCode::FORBIDDEN);
    let spoofed_host = change(vec![
        (header::HOST.as_str(), "kwaadwillend.example".to_owned()),
        ("Origin", "http://kwaadwillend.example".to_owned()),
    ])
    .await;
    assert_eq!(
        spoofed_host,
        StatusCode::FORBIDDEN,
        "a Host header the client chose"
    );
    let own = change(vec![("Origin", app.address.clone())]).await;
    assert_ne!(
        own,
        StatusCode::FORBIDDEN,
        "the site's own origin is accepted"
    );
}
