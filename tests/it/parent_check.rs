//! The parent's check, the second line of defence: the preview asks about the words the
//! anonymiser kept but is unsure of, removes what the parent ticks or types in every
//! field, and "Verstuur" stores exactly what the parent last saw. Also: control characters
//! never reach storage, and the preview needs a served form and is rate limited.

use reqwest::StatusCode;

use crate::helpers::{complete_answers, extract_code, extract_value, Backend, TestApp};

/// Invented: "zwaantje" is a nickname no list knows, written lowercase as on a phone.
const STORY: &str = "Onze zoon Teun zit sinds de zomer thuis. Bel gerust: 06-87654321. \
zwaantje uit zijn klas kwam nog wel eens langs, Hij had elke ochtend buikpijn en de mentor zag het niet.";
const CHANGE: &str = "Dat zwaantje en de mentor samen met ons hadden gepraat.";
const CHILD_WORDS: &str = "Zwaantje snapt het wel. De mentor niet.";

/// A complete form with text in all three fields.
fn three_texts(token: &str) -> Vec<(&str, &str)> {
    let mut answers = complete_answers(token, STORY);
    answers.push(("change", CHANGE));
    answers.push(("child_words", CHILD_WORDS));
    answers
}

/// The part of a page that is the preview (above what it carries, unseen, to send).
fn preview_part(page: &str) -> &str {
    let start = page.find("id=\"preview-title\"").expect("a preview");
    let end = page
        .find("id=\"carried\"")
        .expect("the carried form below the preview");
    &page[start..end]
}

/// The anonymised texts a preview shows, as plain text, in field order.
fn preview_texts(page: &str) -> Vec<String> {
    let preview = preview_part(page);
    let marker = "<p class=\"preview-text\">";
    let mut texts = Vec::new();
    let mut rest = preview;
    while let Some(at) = rest.find(marker) {
        let body = &rest[at + marker.len()..];
        let end = body.find("</p>").expect("a closed paragraph");
        texts.push(unescape(
            &body[..end]
                .replace("<mark class=\"placeholder\">", "")
                .replace("</mark>", ""),
        ));
        rest = &body[end..];
    }
    texts
}

fn unescape(html: &str) -> String {
    html.replace("&#60;", "<")
        .replace("&lt;", "<")
        .replace("&#62;", ">")
        .replace("&gt;", ">")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#38;", "&")
        .replace("&amp;", "&")
}

/// The summary sentence of a preview ("We haalden weg: ...").
fn summary(page: &str) -> String {
    let preview = preview_part(page);
    let start = preview
        .find("<p class=\"lead\"><strong>")
        .expect("a summary")
        + 24;
    let end = preview[start..].find("</strong>").unwrap() + start;
    unescape(&preview[start..end])
}

/// The values of the preview's checkboxes ("Vink aan wat weg moet"), with whether each is
/// ticked.
fn offered_words(page: &str) -> Vec<(String, bool)> {
    let preview = preview_part(page);
    let marker = "name=\"remove\" value=\"";
    let mut words = Vec::new();
    let mut rest = preview;
    while let Some(at) = rest.find(marker) {
        let after = &rest[at + marker.len()..];
        let end = after.find('"').unwrap();
        let ticked = after[end..].starts_with("\" checked");
        words.push((unescape(&after[..end]), ticked));
        rest = &after[end..];
    }
    words
}

fn seal_of(page: &str) -> String {
    extract_value(page, "name=\"seal\" value=\"").expect("a sealed preview")
}

fn stored_texts(story: &crate::helpers::StoredStory) -> Vec<String> {
    let mut texts = vec![story.story_text.clone()];
    texts.extend(story.change_text.clone());
    texts.extend(story.child_words.clone());
    texts
}

backend_test! {
    async fn verstuur_stores_exactly_what_the_last_preview_showed(backend: Backend) {
        let app = TestApp::builder(backend).no_fill_wait().spawn().await;
        let token = app.form_token("/nl/verhaal").await;
        let mut answers = three_texts(&token);
        let first = app.post_form("/nl/verhaal/voorbeeld", &answers).await;
        assert_eq!(first.status(), StatusCode::OK);
        let first = first.text().await.unwrap();
        let shown = preview_texts(&first);
        assert_eq!(shown.len(), 3, "{shown:?}");
        // The seal is a MAC, not the text: nothing of the story travels in it.
        let first_seal = seal_of(&first);
        assert!(!first_seal.contains("mentor") && first_seal.len() < 64, "{first_seal}");

        // Changed below the preview, then Verstuur: the new preview, nothing stored.
        let edited = STORY.replace("elke ochtend", "iedere ochtend");
        let mut changed = complete_answers(&token, &edited);
        changed.push(("change", CHANGE));
        changed.push(("child_words", CHILD_WORDS));
        changed.push(("seal", &first_seal));
        let refused = app.post_form("/nl/verhaal/versturen", &changed).await;
        assert_eq!(refused.status(), StatusCode::CONFLICT);
        let refused = refused.text().await.unwrap();
        assert!(refused.contains("Je verhaal is veranderd sinds je het bekeek"), "{refused}");
        assert!(extract_code(&refused).is_none());
        let new_shown = preview_texts(&refused);
        assert!(new_shown[0].contains("iedere ochtend"), "{new_shown:?}");
        assert!(app.stored_stories().await.is_empty(), "a version nobody previewed was stored");

        // An answer changed below the preview counts too.
        let mut other_answer: Vec<(&str, &str)> = answers
            .iter()
            .map(|&(k, v)| if k == "age_band" { (k, "5_11") } else { (k, v) })
            .collect();
        other_answer.push(("seal", &first_seal));
        let refused = app.post_form("/nl/verhaal/versturen", &other_answer).await;
        assert_eq!(refused.status(), StatusCode::CONFLICT);
        // Never previewed at all (no seal), or a made-up seal: the preview, nothing stored.
        let unsealed = app.post_form("/nl/verhaal/versturen", &answers).await;
        assert_eq!(unsealed.status(), StatusCode::CONFLICT);
        let mut forged = answers.clone();
        forged.push(("seal", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        assert_eq!(app.post_form("/nl/verhaal/versturen", &forged).await.status(), StatusCode::CONFLICT);
        assert!(app.stored_stories().await.is_empty());

        // Sent unchanged from the preview: stored, exactly as shown.
        answers.push(("seal", &first_seal));
        let sent = app.post_form("/nl/verhaal/versturen", &answers).await;
        assert_eq!(sent.status(), StatusCode::OK);
        assert!(extract_code(&sent.text().await.unwrap()).is_some());
        let stored = app.stored_stories().await;
        assert_eq!(stored.len(), 1);
        assert_eq!(stored_texts(&stored[0]), shown);
        assert_eq!(stored[0].age_band, "12_15");

        // From the new preview shown on the refused send, the edited version is stored
        // exactly as that preview showed it.
        let token = app.form_token("/nl/verhaal").await;
        let mut edited_answers = complete_answers(&token, &edited);
        edited_answers.push(("change", CHANGE));
        edited_answers.push(("child_words", CHILD_WORDS));
        let refused = app.post_form("/nl/verhaal/versturen", &edited_answers).await.text().await.unwrap();
        let again_shown = preview_texts(&refused);
        let again_seal = seal_of(&refused);
        edited_answers.push(("seal", &again_seal));
        let sent = app.post_form("/nl/verhaal/versturen", &edited_answers).await;
        assert_eq!(sent.status(), StatusCode::OK);
        let stored = app.stored_stories().await;
        assert_eq!(stored.len(), 2);
        assert_eq!(stored_texts(&stored[1]), again_shown);
    }
}

backend_test! {
    async fn a_ticked_word_goes_from_every_field_with_one_placeholder_and_is_stored_so(backend: Backend) {
        let app = TestApp::builder(backend).no_fill_wait().spawn().await;
        let token = app.form_token("/nl/verhaal").await;
        // The same words in all three fields, so whichever word is asked about first
        // occurs in every field.
        let text = "Onze zoon zit thuis. zwaantje kwam langs, we wonen om de hoek. Hij had elke ochtend buikpijn en de mentor zag het niet.";
        let mut answers = complete_answers(&token, text);
        answers.push(("change", text));
        answers.push(("child_words", text));
        let page = app.post_form("/nl/verhaal/voorbeeld", &answers).await.text().await.unwrap();
        let offered = offered_words(&page);
        assert!(!offered.is_empty(), "no words asked about: {}", preview_part(&page));
        assert!(offered.len() <= 12, "{offered:?}");
        assert!(offered.iter().all(|(_, ticked)| !ticked));
        assert!(page.contains("Zijn dit namen, plaatsen of scholen? Vink aan wat weg moet."));
        let word = offered[0].0.clone();
        let before = preview_texts(&page);
        assert!(before.iter().all(|t| t.contains(&word)), "{word}: {before:?}");
        let total_before = removed_total(&summary(&page));

        answers.push(("remove", &word));
        let page = app.post_form("/nl/verhaal/voorbeeld", &answers).await;
        assert_eq!(page.status(), StatusCode::OK);
        let page = page.text().await.unwrap();
        let after = preview_texts(&page);
        for text in &after {
            assert!(!contains_word(text, &word), "{word} still in {text}");
        }
        // One placeholder for it, the same in every field.
        let new_placeholders: Vec<Vec<String>> = after
            .iter()
            .zip(&before)
            .map(|(a, b)| placeholders(a).into_iter().filter(|p| !placeholders(b).contains(p)).collect())
            .collect();
        assert!(!new_placeholders[0].is_empty(), "{after:?}");
        assert!(new_placeholders.iter().all(|p| *p == new_placeholders[0]), "{new_placeholders:?}");
        // The summary counts it, and the ticked word stays listed, ticked.
        assert_eq!(removed_total(&summary(&page)), total_before + 1, "{}", summary(&page));
        let offered = offered_words(&page);
        assert_eq!(offered[0], (word.clone(), true), "{offered:?}");
        assert!(offered[1..].iter().all(|(w, ticked)| !ticked && *w != word), "{offered:?}");

        // Stored as shown.
        let seal = seal_of(&page);
        answers.push(("seal", &seal));
        let sent = app.post_form("/nl/verhaal/versturen", &answers).await;
        assert_eq!(sent.status(), StatusCode::OK);
        let stored = app.stored_stories().await;
        assert_eq!(stored_texts(&stored[0]), after);

        // Ticking another word after the preview and pressing Verstuur: a new preview.
        let token = app.form_token("/nl/verhaal").await;
        let mut answers = complete_answers(&token, text);
        let page = app.post_form("/nl/verhaal/voorbeeld", &answers).await.text().await.unwrap();
        let seal = seal_of(&page);
        answers.push(("seal", &seal));
        answers.push(("remove", &word));
        assert_eq!(app.post_form("/nl/verhaal/versturen", &answers).await.status(), StatusCode::CONFLICT);
        assert_eq!(app.stored_stories().await.len(), 1);
    }
}

backend_test! {
    async fn a_typed_word_goes_from_every_field_in_any_case_and_the_summary_counts_it(backend: Backend) {
        let app = TestApp::builder(backend).no_fill_wait().spawn().await;
        let token = app.form_token("/en/story").await;
        let mut answers = three_texts(&token);
        let page = app.post_form("/en/story/preview", &answers).await.text().await.unwrap();
        let before = preview_texts(&page);
        let total_before = removed_total(&summary(&page));
        let page_before = page.clone();
        // An ordinary word no anonymiser removes by itself: "de mentor" in every field.
        assert!(before.iter().all(|t| contains_word(t, "mentor")), "{before:?}");

        answers.push(("remove_more", " Mentor , "));
        let page = app.post_form("/en/story/preview", &answers).await;
        assert_eq!(page.status(), StatusCode::OK);
        let page = page.text().await.unwrap();
        let texts = preview_texts(&page);
        assert!(texts.iter().all(|t| !contains_word(t, "mentor")), "{texts:?}");
        let new: Vec<Vec<String>> = texts
            .iter()
            .zip(&before)
            .map(|(a, b)| placeholders(a).into_iter().filter(|p| !placeholders(b).contains(p)).collect())
            .collect();
        assert!(!new[0].is_empty() && new.iter().all(|p| *p == new[0]), "{new:?}");
        assert_eq!(removed_total(&summary(&page)), total_before + 1, "{}", summary(&page));
        // A typed word is taken for a name (the likeliest miss): the names go up by one.
        let names = |page: &str| count_before(&summary(page), " name");
        assert_eq!(names(&page), names(&page_before) + 1, "{}", summary(&page));
        // What they typed stays in its field.
        assert!(page.contains("name=\"remove_more\" value=\" Mentor , \""), "{}", preview_part(&page));

        let seal = seal_of(&page);
        answers.push(("seal", &seal));
        let sent = app.post_form("/en/story/send", &answers).await;
        assert_eq!(sent.status(), StatusCode::OK);
        let stored = app.stored_stories().await;
        assert_eq!(stored_texts(&stored[0]), texts);
    }
}

#[actix_web::test]
async fn words_to_remove_survive_a_form_that_comes_back_with_a_problem() {
    let app = TestApp::builder(Backend::Sqlite)
        .no_fill_wait()
        .spawn()
        .await;
    let token = app.form_token("/nl/verhaal").await;
    let mut answers = three_texts(&token);
    answers.push(("remove", "zwaantje"));
    answers.push(("remove_more", "mentor"));
    let without_consent: Vec<(&str, &str)> = answers
        .iter()
        .copied()
        .filter(|(k, _)| *k != "consent")
        .collect();
    let page = app
        .post_form("/nl/verhaal/voorbeeld", &without_consent)
        .await;
    assert_eq!(page.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = page.text().await.unwrap();
    assert!(
        page.contains("<input type=\"hidden\" name=\"remove\" value=\"zwaantje\">"),
        "{page}"
    );
    assert!(
        page.contains("<input type=\"hidden\" name=\"remove_more\" value=\"mentor\">"),
        "{page}"
    );
    // The first form a parent sees carries nothing of the kind.
    let empty = app.get("/nl/verhaal").await.text().await.unwrap();
    assert!(!empty.contains("name=\"remove"), "{empty}");
}

#[actix_web::test]
async fn the_preview_asks_the_parent_to_check_and_promises_nothing_more() {
    let app = TestApp::builder(Backend::Sqlite)
        .no_fill_wait()
        .spawn()
        .await;
    for (form, preview, check, promise) in [
        (
            "/nl/verhaal",
            "/nl/verhaal/voorbeeld",
            "Een computer kan iets missen.",
            "niemand je gezin kan herkennen",
        ),
        (
            "/en/story",
            "/en/story/preview",
            "A computer can miss something.",
            "nobody can recognise",
        ),
    ] {
        let token = app.form_token(form).await;
        let page = app
            .post_form(preview, &three_texts(&token))
            .await
            .text()
            .await
            .unwrap();
        let shown = preview_part(&page);
        assert!(shown.contains(check), "{shown}");
        assert!(!shown.contains(promise), "{shown}");
        assert!(shown.contains("name=\"remove_more\""));
    }
}

backend_test! {
    async fn control_characters_are_removed_from_every_text_before_storing(backend: Backend) {
        let app = TestApp::builder(backend).no_fill_wait().spawn().await;
        let token = app.form_token("/nl/verhaal").await;
        let story = "Hij\u{0} bleef\u{1b} thuis\u{7}.\u{8}\tDaarna\r\nniet meer.\u{85}";
        let mut answers = complete_answers(&token, story);
        answers.push(("change", "Rust\u{0}ig\u{7} beginnen."));
        answers.push(("child_words", "Niet\u{8} meer\u{1b}."));
        let preview = app.post_form("/nl/verhaal/voorbeeld", &answers).await;
        assert_eq!(preview.status(), StatusCode::OK);
        let preview = preview.text().await.unwrap();
        let shown = preview_texts(&preview);
        let seal = seal_of(&preview);
        answers.push(("seal", &seal));
        let sent = app.post_form("/nl/verhaal/versturen", &answers).await;
        assert_eq!(sent.status(), StatusCode::OK, "the story is not lost");
        assert!(extract_code(&sent.text().await.unwrap()).is_some());
        let stored = app.stored_stories().await;
        assert_eq!(stored.len(), 1);
        let texts = stored_texts(&stored[0]);
        assert_eq!(texts, shown);
        assert_eq!(
            texts,
            vec![
                "Hij bleef thuis.\tDaarna\nniet meer.".to_owned(),
                "Rustig beginnen.".to_owned(),
                "Niet meer.".to_owned(),
            ]
        );
    }
}

#[actix_web::test]
async fn a_preview_without_a_form_kanarie_served_is_refused_in_the_visitors_language() {
    let app = TestApp::builder(Backend::Sqlite)
        .no_fill_wait()
        .spawn()
        .await;
    for (path, token, message) in [
        (
            "/nl/verhaal/voorbeeld",
            "1700000000.AAAAAAAAAAAAAAAAAAAAAA.forged",
            "We konden dit formulier niet herkennen",
        ),
        (
            "/nl/verhaal/voorbeeld",
            "",
            "We konden dit formulier niet herkennen",
        ),
        (
            "/en/story/preview",
            "anything",
            "We could not recognise this form",
        ),
    ] {
        let response = app.post_form(path, &three_texts(token)).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{path} {token}");
        let page = response.text().await.unwrap();
        assert!(page.contains(message), "{page}");
        assert!(
            !page.contains("id=\"preview-title\""),
            "no preview for an unknown form"
        );
        assert!(!page.contains("[telefoonnummer]") && !page.contains("[phone number]"));
        // Nothing is lost: the text is back in the form, with a token that works.
        assert!(page.contains("Onze zoon Teun zit sinds de zomer thuis."));
        let fresh = extract_value(&page, "name=\"token\" value=\"").unwrap();
        assert!(!fresh.is_empty() && fresh != token);
        let retried = app.post_form(path, &three_texts(&fresh)).await;
        assert_eq!(retried.status(), StatusCode::OK);
    }
}

#[actix_web::test]
async fn previews_are_limited_per_address() {
    // One story an hour allows ten previews an hour.
    let app = TestApp::builder(Backend::Sqlite)
        .no_fill_wait()
        .with(|config| config.submissions_per_hour = 1)
        .spawn()
        .await;
    let token = app.form_token("/nl/verhaal").await;
    for _ in 0..10 {
        let response = app
            .post_form("/nl/verhaal/voorbeeld", &three_texts(&token))
            .await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    let limited = app
        .post_form("/nl/verhaal/voorbeeld", &three_texts(&token))
        .await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(limited
        .text()
        .await
        .unwrap()
        .contains("Er is niets verloren gegaan"));
    let limited = app
        .post_form("/en/story/preview", &three_texts("no token"))
        .await;
    assert_eq!(
        limited.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "counted before the token"
    );
    assert!(limited
        .text()
        .await
        .unwrap()
        .contains("Nothing has been lost"));
}

/// Sum of the numbers in a summary sentence ("We haalden weg: 2 namen en 1 plaats." -> 3).
fn removed_total(summary: &str) -> u32 {
    summary
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse::<u32>().ok())
        .sum()
}

/// The number just before `noun` in a summary ("2 names and 1 place", " name" -> 2).
fn count_before(summary: &str, noun: &str) -> u32 {
    summary
        .find(noun)
        .and_then(|at| summary[..at].rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn placeholders(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else {
            break;
        };
        found.push(rest[open..open + close + 1].to_owned());
        rest = &rest[open + close + 1..];
    }
    found
}

fn contains_word(text: &str, word: &str) -> bool {
    let lower = text.to_lowercase();
    let word = word.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == word)
}
