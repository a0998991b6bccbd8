//! The parent's whole path over HTTP: preview, send, status, withdrawal, and every way a
//! form can be wrong.

use reqwest::header;
use reqwest::StatusCode;

use crate::helpers::{complete_answers, extract_code, extract_value, text, Backend, TestApp};

const STORY: &str = "Onze zoon Teun zit sinds de zomer thuis. Bel gerust: 06-87654321. \
Hij had elke ochtend buikpijn en de mentor zag het niet.";

backend_test! {
    async fn the_preview_shows_placeholders_and_stores_nothing(backend: Backend) {
        let app = TestApp::builder(backend).no_fill_wait().spawn().await;
        let token = app.form_token("/nl/verhaal").await;
        let response = app.post_form("/nl/verhaal/voorbeeld", &complete_answers(&token, STORY)).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
        let page = response.text().await.unwrap();
        let preview = &page[page.find("id=\"preview-title\"").unwrap()..page.find("id=\"carried\"").unwrap()];
        assert!(preview.contains("<mark class=\"placeholder\">[naam 1]</mark>"), "{preview}");
        assert!(preview.contains("[telefoonnummer]"), "{preview}");
        assert!(!preview.contains("87654321"), "{preview}");
        assert!(preview.contains("We haalden weg: 1 naam en 1 telefoonnummer."), "{preview}");
        assert!(preview.contains("buikpijn"));
        // What they wrote travels on (hidden) for "Pas aan" and "Verstuur", but the
        // questionnaire is not repeated under the preview.
        assert!(page.contains("Onze zoon Teun zit sinds de zomer thuis."));
        assert!(!page.contains("<fieldset class=\"question\""));
        assert!(page.contains(&text("nl", "preview.edit_button")));
        assert!(app.stored_stories().await.is_empty(), "the preview stored something");
    }
}

backend_test! {
    async fn sending_stores_the_anonymised_story_and_answers_once(backend: Backend) {
        let app = TestApp::builder(backend).no_fill_wait().spawn().await;
        let token = app.form_token("/en/story").await;
        let mut answers = complete_answers(&token, STORY);
        answers.push(("change", "Een vast aanspreekpunt, zoals meneer Hofstede wilde zijn."));
        answers.push(("child_words", "  "));
        let preview = app.post_form("/en/story/preview", &answers).await.text().await.unwrap();
        let seal = extract_value(&preview, "name=\"seal\" value=\"").expect("a sealed preview");
        answers.push(("seal", &seal));
        let response = app.post_form("/en/story/send", &answers).await;
        assert_eq!(response.status(), StatusCode::OK);
        // Kept by the browser (so Back shows it again), by no shared cache.
        assert_eq!(response.headers()[header::CACHE_CONTROL], "private, no-cache");
        let page = response.text().await.unwrap();
        let code = extract_code(&page).expect("a withdrawal code");
        assert_eq!(code.len(), 24, "{code}");

        let stored = app.stored_stories().await;
        assert_eq!(stored.len(), 1);
        let story = &stored[0];
        assert!(story.story_text.contains("[name 1]"), "{}", story.story_text);
        assert!(story.story_text.contains("buikpijn"));
        assert!(!story.story_text.contains("Teun") && !story.story_text.contains("87654321"));
        let change = story.change_text.as_deref().unwrap();
        assert!(!change.contains("Hofstede"), "{change}");
        assert_eq!(story.child_words, None, "a blank optional text is not stored");
        assert_eq!(story.status, "pending");
        assert_eq!(story.consent, "publish");
        assert_eq!(story.age_band, "12_15");
        assert_eq!(story.submitted_on, chrono::Utc::now().date_naive().to_string());
        assert_eq!(
            story.choices,
            [
                ("education_hours", "under_5"),
                ("helped", "calm_start"),
                ("measures", "none"),
                ("reasons", "not_seen"),
                ("reasons", "overstimulation"),
                ("registration", "sick_or_permitted"),
                ("situation", "waiting_special_education"),
                ("started", "last_school_year"),
            ]
            .map(|(q, c)| (q.to_owned(), c.to_owned()))
            .to_vec()
        );

        // The same form sent again (Reload, a double click, Back and resend) is not a
        // second story, and shows the same code again.
        let again = app.post_form("/en/story/send", &answers).await;
        assert_eq!(again.status(), StatusCode::OK);
        let page = again.text().await.unwrap();
        assert!(page.contains(&text("en", "thanks.again")), "{page}");
        assert_eq!(extract_code(&page).as_deref(), Some(code.as_str()));
        assert_eq!(app.stored_stories().await.len(), 1);

        // A story whose stored code is not the one this form makes (stored before codes
        // were derived from the form): received, no code shown, nothing stored.
        app.with_db(|conn| {
            use diesel::RunQueryDsl;
            diesel::sql_query("UPDATE stories SET withdrawal_hash = 'from-before'")
                .execute(conn)
                .unwrap();
        })
        .await;
        let page = app.post_form("/en/story/send", &answers).await.text().await.unwrap();
        assert!(page.contains(&text("en", "thanks.already_received")), "{page}");
        assert!(extract_code(&page).is_none(), "{page}");
        assert_eq!(app.stored_stories().await.len(), 1);
    }
}

backend_test! {
    async fn the_code_shows_the_status_and_withdraws_story_and_answers(backend: Backend) {
        let app = TestApp::builder(backend).no_fill_wait().spawn().await;
        let token = app.form_token("/nl/verhaal").await;
        let page = app
            .send_previewed("/nl/verhaal/versturen", &complete_answers(&token, STORY))
            .await
            .text()
            .await
            .unwrap();
        let code = extract_code(&page).unwrap();
        let other_token = app.form_token("/nl/verhaal").await;
        app.send_previewed("/nl/verhaal/versturen", &complete_answers(&other_token, "Een ander verhaal over school."))
            .await;
        assert_eq!(app.stored_stories().await.len(), 2);

        // Typed the way people type: lower case, spaces instead of dashes.
        let typed = code.to_lowercase().replace('-', " ");
        let status = app.post_form("/nl/verhaal/status", &[("code", &typed)]).await;
        assert_eq!(status.status(), StatusCode::OK);
        let status = status.text().await.unwrap();
        assert!(status.contains(&text("nl", "status.in_review")), "{status}");

        let unknown = app
            .post_form("/nl/verhaal/status", &[("code", "0000-0000-0000-0000-0000")])
            .await;
        assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(unknown.text().await.unwrap().contains(&text("nl", "status.error.unknown")));
        let malformed = app.post_form("/nl/verhaal/status", &[("code", "abc")]).await;
        assert_eq!(malformed.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(malformed.text().await.unwrap().contains(&text("nl", "status.error.malformed")));

        let unconfirmed = app.post_form("/nl/verhaal/intrekken", &[("code", &code)]).await;
        assert_eq!(unconfirmed.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(unconfirmed.text().await.unwrap().contains(&text("nl", "status.error.confirm")));
        assert_eq!(app.stored_stories().await.len(), 2);

        let withdrawn = app
            .post_form("/nl/verhaal/intrekken", &[("code", &code), ("confirm", "yes")])
            .await;
        assert_eq!(withdrawn.status(), StatusCode::OK);
        assert!(withdrawn.text().await.unwrap().contains(&text("nl", "status.withdrawn")));
        let left = app.stored_stories().await;
        assert_eq!(left.len(), 1, "only the other story remains");
        assert!(left[0].story_text.contains("Een ander verhaal"));
        assert_eq!(left[0].choices.len(), 8, "the other story keeps its answers");

        let gone = app.post_form("/nl/verhaal/status", &[("code", &code)]).await;
        assert_eq!(gone.status(), StatusCode::UNPROCESSABLE_ENTITY);

        // A Reload of the thank-you page sends the same form again: a withdrawn story
        // stays withdrawn, and no code is shown for it.
        let reload = app
            .send_previewed("/nl/verhaal/versturen", &complete_answers(&token, STORY))
            .await;
        assert_eq!(reload.status(), StatusCode::OK);
        let reload = reload.text().await.unwrap();
        assert!(reload.contains(&text("nl", "thanks.closed")), "{reload}");
        assert!(extract_code(&reload).is_none(), "{reload}");
        assert_eq!(app.stored_stories().await.len(), 1, "the withdrawn story came back");
    }
}

#[actix_web::test]
async fn every_validation_error_is_shown_next_to_its_field_with_the_text_kept() {
    let app = TestApp::builder(Backend::Sqlite)
        .no_fill_wait()
        .spawn()
        .await;
    let token = app.form_token("/nl/verhaal").await;
    let long = format!("{}Bewaard <b>vet</b>", "woord ".repeat(1700));
    let response = app
        .post_form(
            "/nl/verhaal/voorbeeld",
            &[
                ("token", &token),
                ("writer", "parent"),
                ("writer", "child"),
                ("age_band", "13"),
                ("story", &long),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    for (field, message) in [
        ("writer", "Kies hier maar één antwoord."),
        ("age_band", "Dit antwoord kennen we niet."),
        ("registration", "Kies één antwoord."),
        ("school_type", "Kies één antwoord."),
        ("time_at_home", "Kies één antwoord."),
        ("started", "Kies één antwoord."),
        ("situation", "Kies minstens één antwoord."),
        ("education_hours", "Kies één antwoord."),
        ("reasons", "Kies minstens één antwoord."),
        ("measures", "Kies minstens één antwoord."),
        ("helped", "Kies minstens één antwoord."),
        ("province", "Kies één antwoord."),
        (
            "story",
            "Deze tekst is te lang. Het mag maximaal 10.000 tekens zijn.",
        ),
        ("consent", "Kies wat we met je verhaal mogen doen."),
    ] {
        let marker = format!("id=\"error-{field}\">");
        let at = page
            .find(&marker)
            .unwrap_or_else(|| panic!("no error for {field}"));
        assert!(
            page[at..].starts_with(&format!("{marker}{message}")),
            "{field}: {}",
            &page[at..at + 200]
        );
    }
    assert!(page.contains("aria-invalid=\"true\""));
    assert!(
        page.contains("Bewaard &#60;b&#62;vet&#60;/b&#62;")
            || page.contains("Bewaard &lt;b&gt;vet&lt;/b&gt;"),
        "the long text is kept, escaped"
    );
    assert!(
        page.contains("value=\"parent\" checked")
            || page.contains("id=\"q-writer-parent\" name=\"writer\" value=\"parent\" checked")
    );
    assert!(
        !page.contains("id=\"preview-title\""),
        "no preview while the form has errors"
    );

    // In English too, and a blank story is its own message.
    let token = app.form_token("/en/story").await;
    let page = app
        .post_form("/en/story/send", &[("token", &token), ("story", " ")])
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Write your story here."), "{page}");
    assert!(page.contains("Choose what we may do with your story."));
    assert!(app.stored_stories().await.is_empty());
}

#[actix_web::test]
async fn bots_get_a_thank_you_page_and_nothing_is_stored() {
    // The default minimum fill time (3 s) applies here.
    let app = TestApp::spawn(Backend::Sqlite).await;
    let token = app.form_token("/nl/verhaal").await;
    let too_fast = app
        .post_form("/nl/verhaal/versturen", &complete_answers(&token, STORY))
        .await;
    assert_eq!(too_fast.status(), StatusCode::OK);
    assert!(
        extract_code(&too_fast.text().await.unwrap()).is_some(),
        "looks like success"
    );

    let mut honeypot = complete_answers(&token, STORY);
    honeypot.push(("kanarie_website", "http://spam.example"));
    let trapped = app.post_form("/nl/verhaal/versturen", &honeypot).await;
    assert_eq!(trapped.status(), StatusCode::OK);
    assert!(extract_code(&trapped.text().await.unwrap()).is_some());
    assert!(app.stored_stories().await.is_empty());
}

#[actix_web::test]
async fn an_unsigned_form_is_shown_again_with_the_text_kept() {
    let app = TestApp::builder(Backend::Sqlite)
        .no_fill_wait()
        .spawn()
        .await;
    let response = app
        .post_form(
            "/nl/verhaal/versturen",
            &complete_answers(
                "1700000000.AAAAAAAAAAAAAAAAAAAAAA.forged",
                "Mijn eigen woorden blijven staan.",
            ),
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let page = response.text().await.unwrap();
    assert!(page.contains("Dit formulier was verlopen"));
    assert!(page.contains("Mijn eigen woorden blijven staan."));
    assert!(
        !page.contains("1700000000.AAAA"),
        "a fresh token replaces the bad one"
    );
    assert!(app.stored_stories().await.is_empty());
}

#[actix_web::test]
async fn oversized_wrong_method_and_wrong_type_are_refused_in_the_visitors_language() {
    let app = TestApp::builder(Backend::Sqlite)
        .no_fill_wait()
        .spawn()
        .await;
    let huge = "x".repeat(300 * 1024);
    let too_large = app
        .client
        .post(app.url("/nl/verhaal/versturen"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(format!("story={huge}"))
        .send()
        .await
        .unwrap();
    assert_eq!(too_large.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(too_large.text().await.unwrap().contains("Te veel tekst"));

    let wrong_method = app
        .client
        .put(app.url("/en/story/send"))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_method.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(wrong_method
        .text()
        .await
        .unwrap()
        .contains("Not possible here"));

    let json = app
        .client
        .post(app.url("/en/story/preview"))
        .header("Content-Type", "application/json")
        .body("{\"story\":\"x\"}")
        .send()
        .await
        .unwrap();
    assert_eq!(json.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let reload = app.get("/nl/verhaal/versturen").await;
    assert_eq!(reload.status(), StatusCode::SEE_OTHER);
    assert_eq!(reload.headers()[header::LOCATION], "/nl/verhaal");
    assert!(app.stored_stories().await.is_empty());
}

#[actix_web::test]
async fn too_many_stories_from_one_address_get_a_kind_429() {
    let app = TestApp::builder(Backend::Sqlite)
        .no_fill_wait()
        .with(|config| config.submissions_per_hour = 2)
        .spawn()
        .await;
    for expected in [
        StatusCode::OK,
        StatusCode::OK,
        StatusCode::TOO_MANY_REQUESTS,
    ] {
        let token = app.form_token("/nl/verhaal").await;
        let response = app
            .send_previewed("/nl/verhaal/versturen", &complete_answers(&token, STORY))
            .await;
        assert_eq!(response.status(), expected);
        if expected == StatusCode::TOO_MANY_REQUESTS {
            let page = response.text().await.unwrap();
            assert!(page.contains("Er is niets verloren gegaan"), "{page}");
        }
    }
    assert_eq!(app.stored_stories().await.len(), 2);
}

#[actix_web::test]
async fn public_pages_set_no_cookies() {
    let app = TestApp::builder(Backend::Sqlite)
        .no_fill_wait()
        .spawn()
        .await;
    let token = app.form_token("/nl/verhaal").await;
    let mut responses = vec![
        app.get("/nl/verhaal").await,
        app.get("/en/privacy").await,
        app.get("/nl/verhaal/status").await,
    ];
    responses.push(
        app.post_form("/nl/verhaal/voorbeeld", &complete_answers(&token, STORY))
            .await,
    );
    responses.push(
        app.send_previewed("/nl/verhaal/versturen", &complete_answers(&token, STORY))
            .await,
    );
    for response in responses {
        assert!(response.status().is_success(), "{}", response.url());
        assert!(
            response.headers().get(header::SET_COOKIE).is_none(),
            "{}",
            response.url()
        );
    }
}

/// The `href`s and texts of the error summary's links, in page order.
fn summary_links(page: &str) -> Vec<(String, String)> {
    let Some(start) = page.find("id=\"error-summary-title\"") else {
        return Vec::new();
    };
    let end = page[start..]
        .find("</ul>")
        .map_or(page.len(), |e| start + e);
    page[start..end]
        .split("<a href=\"#")
        .skip(1)
        .filter_map(|link| {
            let (target, rest) = link.split_once("\">")?;
            let (text, _) = rest.split_once("</a>")?;
            Some((target.to_owned(), text.to_owned()))
        })
        .collect()
}

#[actix_web::test]
async fn the_error_summary_names_each_question_in_page_order_story_first_each_linking_to_its_field()
{
    let app = TestApp::builder(Backend::Sqlite)
        .no_fill_wait()
        .spawn()
        .await;
    let token = app.form_token("/nl/verhaal").await;
    let page = app
        .post_form("/nl/verhaal/voorbeeld", &[("token", &token)])
        .await
        .text()
        .await
        .unwrap();
    let links = summary_links(&page);
    let mut expected = vec!["field-story".to_owned()];
    expected.extend(
        kanarie::questionnaire::QUESTIONS
            .iter()
            .map(|q| format!("q-{}-{}", q.id, q.options[0])),
    );
    expected.push("consent-publish".to_owned());
    let targets: Vec<String> = links.iter().map(|(target, _)| target.clone()).collect();
    assert_eq!(targets, expected);
    // Every target is a field on the page.
    for target in &targets {
        assert!(page.contains(&format!("id=\"{target}\"")), "{target}");
    }
    // No two lines read the same, and each names its question.
    let texts: std::collections::HashSet<&str> = links.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(texts.len(), links.len(), "{links:?}");
    assert!(
        links[0]
            .1
            .starts_with("Jouw verhaal: Schrijf je verhaal hier."),
        "{}",
        links[0].1
    );
    assert!(
        links
            .iter()
            .any(|(_, t)| t.starts_with("Hoe oud is het kind nu? Kies één antwoord.")),
        "{links:?}"
    );

    // In English too.
    let token = app.form_token("/en/story").await;
    let page = app
        .post_form("/en/story/preview", &[("token", &token)])
        .await
        .text()
        .await
        .unwrap();
    let links = summary_links(&page);
    assert_eq!(links.len(), expected.len());
    assert!(
        links
            .iter()
            .any(|(_, t)| t.starts_with("How old is the child now? Choose one answer.")),
        "{links:?}"
    );
}

#[actix_web::test]
async fn rather_not_say_or_dont_know_with_another_answer_is_refused_with_a_clear_message() {
    let app = TestApp::builder(Backend::Sqlite)
        .no_fill_wait()
        .spawn()
        .await;
    let token = app.form_token("/nl/verhaal").await;
    let mut answers = complete_answers(&token, "Hij wilde niet meer naar school.");
    answers.push(("reasons", "unsaid"));
    answers.push(("measures", "veilig_thuis"));
    let response = app.send_previewed("/nl/verhaal/versturen", &answers).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("id=\"error-reasons\">&quot;Zeg ik liever niet&quot; kan niet samen met een ander antwoord.")
            || page.contains("id=\"error-reasons\">&#34;Zeg ik liever niet&#34; kan niet samen met een ander antwoord."),
        "{page}"
    );
    assert!(
        page.contains("id=\"error-measures\">"),
        "none of these with a measure"
    );
    assert_eq!(summary_links(&page).len(), 2);
    assert!(app.stored_stories().await.is_empty());

    // "Weet ik niet" on its own is an answer, stored as such.
    let token = app.form_token("/en/story").await;
    let mut answers: Vec<(&str, &str)> = complete_answers(&token, "He would not go any more.")
        .into_iter()
        .filter(|(k, _)| *k != "registration" && *k != "reasons")
        .collect();
    answers.push(("registration", "dont_know"));
    answers.push(("reasons", "dont_know"));
    let response = app.send_previewed("/en/story/send", &answers).await;
    assert_eq!(response.status(), StatusCode::OK);
    let stored = app.stored_stories().await;
    assert_eq!(stored.len(), 1);
    for pair in [
        ("reasons", "dont_know"),
        ("registration", "dont_know"),
        ("started", "last_school_year"),
    ] {
        assert!(
            stored[0]
                .choices
                .contains(&(pair.0.to_owned(), pair.1.to_owned())),
            "{:?}",
            stored[0].choices
        );
    }
}

#[actix_web::test]
async fn the_home_page_gives_the_figure_with_its_source_and_what_it_includes() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let page = app.get("/nl/").await.text().await.unwrap();
    assert!(
        page.contains("minstens 70.000 (Oudervereniging Balans, Thuiszitters Tellen 2024)"),
        "{page}"
    );
    assert!(
        page.contains("ruim 39.000") && page.contains("ruim 30.000"),
        "{page}"
    );
    let page = app.get("/en/").await.text().await.unwrap();
    assert!(page.contains("at least 70,000 (Oudervereniging Balans, Thuiszitters Tellen 2024)"));
}

#[actix_web::test]
async fn the_code_comes_back_as_a_file_and_in_the_other_language_without_a_url_or_storage() {
    let app = TestApp::builder(Backend::Sqlite)
        .no_fill_wait()
        .with(|config| config.organisation_name = Some("Oudervereniging Proef".to_owned()))
        .spawn()
        .await;
    let token = app.form_token("/nl/verhaal").await;
    let response = app
        .send_previewed("/nl/verhaal/versturen", &complete_answers(&token, STORY))
        .await;
    let page = response.text().await.unwrap();
    let code = extract_code(&page).unwrap();
    assert!(page.contains("Een vrijwilliger van Oudervereniging Proef leest je verhaal"));
    assert!(
        page.contains(&text("nl", "thanks.review_time.two_weeks")),
        "the default 14 days"
    );
    // The code is posted, never linked: no URL on the page carries it.
    assert!(!page.contains(&format!("?code={code}")) && !page.contains(&format!("/{code}")));

    let file = app
        .post_form(
            "/nl/verhaal/code/bewaren",
            &[("code", &code.to_lowercase())],
        )
        .await;
    assert_eq!(file.status(), StatusCode::OK);
    assert_eq!(
        file.headers()[header::CONTENT_TYPE],
        "text/plain; charset=utf-8"
    );
    assert_eq!(
        file.headers()[header::CONTENT_DISPOSITION],
        "attachment; filename=\"kanarie-code.txt\""
    );
    let body = file.text().await.unwrap();
    assert!(
        body.contains(&code) && body.contains("/nl/verhaal/status"),
        "{body}"
    );
    // Only something shaped like a code is echoed.
    let refused = app
        .post_form("/nl/verhaal/code/bewaren", &[("code", "<script>")])
        .await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);

    let english = app.post_form("/en/story/code", &[("code", &code)]).await;
    assert_eq!(english.status(), StatusCode::OK);
    assert_eq!(
        english.headers()[header::CACHE_CONTROL],
        "private, no-cache"
    );
    let english = english.text().await.unwrap();
    assert_eq!(extract_code(&english).as_deref(), Some(code.as_str()));
    assert!(english.contains("A volunteer of Oudervereniging Proef reads your story"));
    assert!(
        english.contains("action=\"/nl/verhaal/code\""),
        "the switch back is a form too"
    );
    // A GET there has no code to show: the status page asks for it.
    let get = app.get("/en/story/code").await;
    assert_eq!(get.status(), StatusCode::SEE_OTHER);
    assert_eq!(get.headers()[header::LOCATION], "/en/story/status");
    assert_eq!(
        app.stored_stories().await.len(),
        1,
        "nothing more was stored"
    );

    // With the code the status page shows the story as stored.
    let status = app
        .post_form("/nl/verhaal/status", &[("code", &code)])
        .await
        .text()
        .await
        .unwrap();
    assert!(
        status.contains(&text("nl", "status.stored_heading")),
        "{status}"
    );
    assert!(
        status.contains("buikpijn") && !status.contains("Teun"),
        "{status}"
    );
    assert!(status.contains(&text("nl", "status.withdraw_button")));
}
