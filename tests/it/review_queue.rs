//! A queue a volunteer can work through: rows that say what each story is, filters,
//! claims, landing on the next story, suggested themes, what an edit changed, the title's
//! anonymisation, contact requests, bulk rejection, a readable audit trail and a clear
//! answer when a page is for admins only.

use diesel::prelude::*;
use reqwest::header;
use reqwest::StatusCode;

use crate::helpers::{text, Session, TestApp, TestAppBuilder};

const ADMIN: &str = "coordinator@oudervereniging.example";
const FIRST: &str = "anna@oudervereniging.example";
const SECOND: &str = "bram@oudervereniging.example";
const PASSWORD: &str = "elke avond een uurtje";

async fn team(builder: TestAppBuilder) -> (TestApp, Session, Session, Session) {
    let app = builder.for_moderation().spawn().await;
    app.add_moderator(ADMIN, "admin", PASSWORD).await;
    app.add_moderator(FIRST, "moderator", PASSWORD).await;
    app.add_moderator(SECOND, "moderator", PASSWORD).await;
    let admin = app.sign_in(ADMIN, PASSWORD).await;
    let first = app.sign_in(FIRST, PASSWORD).await;
    let second = app.sign_in(SECOND, PASSWORD).await;
    (app, admin, first, second)
}

async fn page(app: &TestApp, who: &Session, path: &str) -> String {
    let response = app.get_as(&who.cookie, path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.text().await.unwrap()
}

fn location(response: &reqwest::Response) -> String {
    response.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned()
}

/// Sends a story in `lang` with `consent` and extra multiple-choice answers.
async fn submit(
    app: &TestApp,
    lang: &str,
    story: &str,
    consent: &str,
    extra: &[(&str, &str)],
) -> String {
    let (form, send) = match lang {
        "en" => ("/en/story", "/en/story/send"),
        _ => ("/nl/verhaal", "/nl/verhaal/versturen"),
    };
    let token = app.form_token(form).await;
    let mut answers = crate::helpers::complete_answers(&token, story);
    answers.retain(|(k, _)| *k != "consent" && *k != "reasons");
    answers.push(("consent", consent));
    answers.extend_from_slice(extra);
    if !extra.iter().any(|(k, _)| *k == "reasons") {
        answers.push(("reasons", "other"));
    }
    let body = app
        .send_previewed(send, &answers)
        .await
        .text()
        .await
        .unwrap();
    assert!(crate::helpers::extract_code(&body).is_some(), "not stored");
    app.with_db(|conn| {
        use kanarie::db::schema::stories;
        stories::table
            .order(stories::id.desc())
            .select(stories::public_id)
            .first(conn)
            .unwrap()
    })
    .await
}

backend_test! {
    async fn queue_rows_show_excerpt_length_language_consent_waiting_and_flags_and_filter(backend: Backend) {
        let (app, _admin, first, _second) = team(TestApp::builder(backend).with(|c| c.two_person_approval = true)).await;
        let long = "Elke ochtend begon met buikpijn en een lange stilte aan tafel. ".repeat(8);
        let dutch = submit(&app, "nl", &long, "publish", &[]).await;
        let english = submit(&app, "en", "Every morning he asked whether the bus would come. It never felt safe.", "count_only", &[]).await;
        let odd = submit(&app, "nl", "Roos en tulp stonden op tafel bij het rooster.", "publish", &[]).await;
        // Two days of waiting for the first story.
        let two_days_ago = chrono::Utc::now().date_naive() - chrono::Days::new(2);
        let dutch_id = dutch.clone();
        app.with_db(move |conn| {
            use kanarie::db::schema::stories;
            diesel::update(stories::table.filter(stories::public_id.eq(dutch_id)))
                .set(stories::submitted_on.eq(two_days_ago))
                .execute(conn)
                .unwrap()
        })
        .await;
        // One of two approvals for the English story.
        let recorded = app.post_as(&first, &format!("/moderation/stories/{english}/approve"), &[]).await;
        assert!(location(&recorded).contains("done=awaiting"), "{}", location(&recorded));

        let queue = page(&app, &first, "/moderation/").await;
        let row = |id: &str| {
            let start = queue.find(&format!("<tr id=\"row-{id}\"")).unwrap_or_else(|| panic!("no row for {id}"));
            let end = queue[start..].find("</tr>").unwrap() + start;
            queue[start..end].to_owned()
        };
        let dutch_row = row(&dutch);
        let excerpt_start = dutch_row.find("class=\"excerpt\">").unwrap() + "class=\"excerpt\">".len();
        let excerpt: String = dutch_row[excerpt_start..].chars().take_while(|c| *c != '<').collect();
        assert!(excerpt.starts_with("Elke ochtend begon met buikpijn"), "{excerpt}");
        assert!(excerpt.ends_with('…') && (120..=165).contains(&excerpt.chars().count()), "{excerpt}");
        let words = long.split_whitespace().count();
        assert!(dutch_row.contains(&format!("{words} {}", text("nl", "mod.queue.words"))), "{dutch_row}");
        assert!(dutch_row.contains(&text("nl", "mod.queue.n_days").replace("%{count}", "2")), "{dutch_row}");
        assert!(dutch_row.contains(&text("nl", "mod.consent.publish")));
        let english_row = row(&english);
        assert!(english_row.contains("<td>en</td>") && english_row.contains(&text("nl", "mod.consent.count_only")));
        assert!(english_row.contains(&text("nl", "mod.queue.flag_approvals").replace("%{count}", "1")), "{english_row}");
        assert!(english_row.contains(&text("nl", "mod.queue.today")));
        // As many words to look at again as the moderation page outlines.
        let odd_text = app.stored_stories().await.into_iter().map(|s| s.story_text).find(|t| t.contains("rooster")).unwrap();
        let check = app.with_db(move |conn| {
            use kanarie::db::schema::stories;
            let text: kanarie::anonymiser::AnonymisedText = stories::table
                .filter(stories::story_text.eq(odd_text))
                .select(stories::story_text)
                .first(conn)
                .unwrap();
            kanarie::anonymiser::words_to_check(kanarie::anonymiser::Lang::Nl, &text).len()
        }).await;
        assert!(check >= 1, "a word to look at again");
        assert!(row(&odd).contains(&text("nl", "mod.queue.flag_check").replace("%{count}", &check.to_string())), "{}", row(&odd));

        let shown = |html: &str| {
            [&dutch, &english, &odd]
                .into_iter()
                .filter(|id| html.contains(&format!("<tr id=\"row-{id}\"")))
                .cloned()
                .collect::<Vec<String>>()
        };
        assert_eq!(shown(&page(&app, &first, "/moderation/?lang=en").await), vec![english.clone()]);
        assert_eq!(shown(&page(&app, &first, "/moderation/?consent=publish").await), vec![dutch.clone(), odd.clone()]);
        assert_eq!(shown(&page(&app, &first, "/moderation/?q=ROOSTER").await), vec![odd.clone()]);
        assert_eq!(shown(&page(&app, &first, "/moderation/?lang=nl&consent=count_only").await), Vec::<String>::new());
        assert!(page(&app, &first, "/moderation/?q=niets-zoals-dit").await.contains(&text("nl", "mod.queue.none_match")));
    }
}

backend_test! {
    async fn opening_a_story_claims_it_for_15_minutes_and_others_see_it(backend: Backend) {
        let (app, _admin, first, second) = team(TestApp::builder(backend)).await;
        let story = submit(&app, "nl", "Een verhaal dat Anna oppakt.", "publish", &[]).await;
        let next = submit(&app, "nl", "Een verhaal voor Bram.", "publish", &[]).await;

        page(&app, &first, &format!("/moderation/stories/{story}")).await;
        let queue = page(&app, &second, "/moderation/").await;
        let claimed = text("nl", "mod.queue.claimed").replace("%{who}", FIRST);
        let claimed = claimed.split(" (").next().unwrap();
        assert!(queue.contains(claimed), "the second moderator sees the mark: {queue}");
        assert!(page(&app, &first, "/moderation/").await.contains(&text("nl", "mod.queue.claimed_by_you")));
        let opened = page(&app, &second, &format!("/moderation/stories/{story}")).await;
        assert!(opened.contains("id=\"claimed-by-other\"") && opened.contains(FIRST), "{opened}");

        // The next story for the second moderator skips the one the first is reviewing.
        let rejected = app.post_as(&second, &format!("/moderation/stories/{next}/reject"), &[("reason", "duplicate")]).await;
        assert_eq!(location(&rejected), "/moderation/?done=rejected");

        // After 15 minutes the claim lapses and the other moderator can take it.
        app.with_db(|conn| {
            use kanarie::db::schema::stories;
            diesel::update(stories::table)
                .set(stories::claimed_until.eq(stories::claimed_until - 15 * 60))
                .execute(conn)
                .unwrap()
        })
        .await;
        let opened = page(&app, &second, &format!("/moderation/stories/{story}")).await;
        assert!(!opened.contains("id=\"claimed-by-other\""));
        let now_first = page(&app, &first, &format!("/moderation/stories/{story}")).await;
        assert!(now_first.contains("id=\"claimed-by-other\"") && now_first.contains(SECOND));
    }
}

backend_test! {
    async fn after_approving_or_rejecting_the_moderator_lands_on_the_next_story_with_a_notice(backend: Backend) {
        let (app, _admin, first, second) = team(TestApp::builder(backend)).await;
        let one = submit(&app, "nl", "Het eerste verhaal van de avond.", "publish", &[]).await;
        let taken = submit(&app, "nl", "Een verhaal dat Bram al bekijkt.", "publish", &[]).await;
        let two = submit(&app, "nl", "Het tweede verhaal van de avond.", "publish", &[]).await;
        let three = submit(&app, "nl", "Het derde verhaal van de avond.", "count_only", &[]).await;
        page(&app, &second, &format!("/moderation/stories/{taken}")).await;

        // The title is anonymised too; the next page shows the result.
        let form = page(&app, &first, &format!("/moderation/stories/{one}")).await;
        assert!(form.contains(&text("nl", "mod.approve.title_anonymised")));
        let approved = app
            .post_as(&first, &format!("/moderation/stories/{one}/approve"), &[("title", "Pieter Jansen belde 06-12345678")])
            .await;
        assert_eq!(location(&approved), format!("/moderation/stories/{two}?done=approved&approved={one}"));
        let next = page(&app, &first, &location(&approved)).await;
        assert!(next.contains(&text("nl", "mod.queue.done_approved")));
        let shown_start = next.find("id=\"approved-title-result\">").expect("the title is shown") + "id=\"approved-title-result\">".len();
        let shown: String = next[shown_start..].chars().take_while(|c| *c != '<').collect();
        assert!(!shown.contains("Jansen") && !shown.contains("12345678"), "{shown}");
        assert!(shown.contains("[telefoonnummer]"), "{shown}");

        let rejected = app.post_as(&first, &format!("/moderation/stories/{two}/reject"), &[("reason", "duplicate")]).await;
        assert_eq!(location(&rejected), format!("/moderation/stories/{three}?done=rejected"));
        assert!(page(&app, &first, &location(&rejected)).await.contains(&text("nl", "mod.queue.done_rejected")));
        let counted = app.post_as(&first, &format!("/moderation/stories/{three}/approve"), &[]).await;
        assert_eq!(location(&counted), "/moderation/?done=approved", "only the claimed story is left");
        assert!(page(&app, &first, "/moderation/?done=approved").await.contains(&text("nl", "mod.queue.done_approved")));
        // A notice for anything else is not shown.
        assert!(!page(&app, &first, "/moderation/?done=%3Cscript%3E").await.contains("role=\"status\" id=\"notice\""));
    }
}

backend_test! {
    async fn themes_come_ticked_from_the_answers_and_stay_editable(backend: Backend) {
        let (app, _admin, first, _second) = team(TestApp::builder(backend)).await;
        let story = submit(&app, "nl", "Hij werd gepest in de pauze.", "publish", &[("reasons", "bullying"), ("reasons", "illness")]).await;
        let theme = |slug: &'static str| {
            let app = &app;
            async move {
                app.with_db(move |conn| {
                    use kanarie::db::schema::themes;
                    themes::table.filter(themes::slug.eq(slug)).select(themes::id).first::<i64>(conn).unwrap()
                })
                .await
            }
        };
        let (pesten, ziekte, passend) = (theme("pesten").await, theme("ziekte").await, theme("geen-passend-aanbod").await);
        let form = page(&app, &first, &format!("/moderation/stories/{story}")).await;
        let checked = |id: i64| form.contains(&format!("id=\"theme-{id}\" name=\"theme\" value=\"{id}\" checked"));
        // The answers: bullying, illness, and (complete_answers) waiting for a place in
        // special education.
        assert!(checked(pesten) && checked(ziekte) && checked(passend), "{form}");
        assert!(!checked(theme("overprikkeling").await));
        assert!(form.contains(&text("nl", "mod.approve.themes_suggested")));
        // Unticked by the moderator: what is approved is what was sent, not the suggestion.
        let approved = app
            .post_as(&first, &format!("/moderation/stories/{story}/approve"), &[("title", "Gepest"), ("theme", &pesten.to_string())])
            .await;
        assert!(location(&approved).contains("done=approved"));
        let story_json: serde_json::Value = app.get(&format!("/api/v1/stories/{story}")).await.json().await.unwrap();
        let slugs: Vec<&str> = story_json["themes"].as_array().unwrap().iter().map(|t| t["slug"].as_str().unwrap()).collect();
        assert_eq!(slugs, vec!["pesten"]);
    }
}

backend_test! {
    async fn after_saving_an_edit_the_moderator_stays_and_sees_what_the_anonymiser_changed(backend: Backend) {
        let (app, _admin, first, _second) = team(TestApp::builder(backend)).await;
        let story = submit(&app, "nl", "Wij zijn moe van het wachten. Bel me gerust op 06-12345678 als je dit herkent.", "publish", &[]).await;
        let form = page(&app, &first, &format!("/moderation/stories/{story}")).await;
        assert!(form.contains("id=\"contact-requests\""), "{form}");
        assert!(form.contains("<li>Bel me gerust op [telefoonnummer] als je dit herkent.</li>"), "{form}");

        let saved = app
            .post_as(&first, &format!("/moderation/stories/{story}/edit"), &[
                ("story", "Wij zijn moe van het wachten. Mentor Pieter Jansen belde nooit. [naam 7] ook niet."),
                ("change", ""),
                ("child_words", ""),
            ])
            .await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let to = location(&saved);
        assert!(to.starts_with(&format!("/moderation/stories/{story}?done=saved")) && to.ends_with("#edit-heading"), "{to}");
        let after = page(&app, &first, to.split('#').next().unwrap()).await;
        assert!(after.contains(&text("nl", "mod.queue.done_saved")));
        let result_start = after.find("id=\"edit-result\">").expect("what the anonymiser did") + 17;
        let result: String = after[result_start..].chars().take_while(|c| *c != '<').collect();
        assert!(result.contains(&text("nl", "mod.edit.removed_from_change")) && result.contains("1 naam"), "{result}");
        assert!(after.contains("<mark class=\"placeholder new-placeholder\""), "the new placeholder is marked");
        assert!(after.contains("<mark class=\"placeholder\">[naam 7]</mark>"), "what the moderator typed is theirs, not marked");
        assert!(!after.contains("id=\"contact-requests\""), "the request is gone with the edit");
        // A made-up query cannot mark words or add text.
        let forged = page(&app, &first, &format!("/moderation/stories/{story}?done=saved&new=wachten|[onzin]&removed=%7B%22counts%22%3A%7B%7D%7D")).await;
        assert!(!forged.contains("new-placeholder\""));
        assert!(forged.contains(&text("nl", "mod.edit.nothing_removed")));
    }
}

backend_test! {
    async fn several_stories_are_rejected_at_once_with_one_reason(backend: Backend) {
        let (app, _admin, first, _second) = team(TestApp::builder(backend)).await;
        let spam = submit(&app, "nl", "Koop nu goedkope zonnebrillen.", "publish", &[]).await;
        let twice = submit(&app, "nl", "Koop nu goedkope zonnebrillen!", "publish", &[]).await;
        let keep = submit(&app, "nl", "Een echt verhaal over de klas.", "publish", &[]).await;

        let no_reason = app.post_as(&first, "/moderation/queue/reject", &[("story", &spam), ("story", &twice)]).await;
        assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(no_reason.text().await.unwrap().contains(&text("nl", "mod.bulk.none_chosen")));
        let nothing = app.post_as(&first, "/moderation/queue/reject", &[("reason", "duplicate")]).await;
        assert_eq!(nothing.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(app.stored_stories().await.len(), 3);

        let done = app
            .post_as(&first, "/moderation/queue/reject", &[("story", &spam), ("story", &twice), ("reason", "not_a_story")])
            .await;
        assert_eq!(location(&done), "/moderation/?done=rejected_many&count=2");
        let queue = page(&app, &first, &location(&done)).await;
        assert!(queue.contains(&text("nl", "mod.queue.done_rejected_many").replace("%{count}", "2")));
        let left = app.stored_stories().await;
        assert_eq!(left.len(), 1);
        assert!(left[0].story_text.contains("echt verhaal"));
        let rejections: Vec<(Option<String>, Option<String>)> = app
            .with_db(|conn| {
                use kanarie::db::schema::audit_log;
                audit_log::table
                    .filter(audit_log::action.eq("rejected"))
                    .select((audit_log::story_ref, audit_log::detail))
                    .load(conn)
                    .unwrap()
            })
            .await;
        assert_eq!(rejections.len(), 2);
        assert!(rejections.iter().all(|(_, reason)| reason.as_deref() == Some("not_a_story")));
        assert!(rejections.iter().any(|(id, _)| id.as_deref() == Some(spam.as_str())));
        let _ = keep;
    }
}

backend_test! {
    async fn the_audit_trail_reads_in_words_filters_by_action_links_stories_in_amsterdam_time(backend: Backend) {
        let (app, admin, first, _second) = team(TestApp::builder(backend)).await;
        let kept = submit(&app, "nl", "Een verhaal dat blijft.", "publish", &[]).await;
        let gone = submit(&app, "nl", "Een verhaal dat weg gaat.", "publish", &[]).await;
        app.post_as(&first, &format!("/moderation/stories/{gone}/reject"), &[("reason", "offensive")]).await;
        app.post_as(&first, &format!("/moderation/stories/{kept}/edit"), &[("story", "Een verhaal dat blijft, met juf Karin de Vries."), ("change", ""), ("child_words", "")]).await;

        let audit = page(&app, &admin, "/moderation/audit").await;
        for label in ["mod.audit.action_rejected", "mod.audit.action_edited", "mod.audit.action_signed_in", "mod.reject.offensive"] {
            assert!(audit.contains(&text("nl", label)), "{label}: {audit}");
        }
        assert!(!audit.contains("<td>rejected</td>") && !audit.contains("<td>offensive</td>"), "labels, not codes");
        assert!(audit.contains(&format!("<a href=\"/moderation/stories/{kept}\">{kept}</a>")), "a story still there is linked");
        assert!(!audit.contains(&format!("href=\"/moderation/stories/{gone}\"")), "a deleted story is not");
        // The select offers every action by its label.
        assert!(audit.contains(&format!("<option value=\"taken_down\">{}</option>", text("nl", "mod.audit.action_taken_down"))));
        let filtered = page(&app, &admin, "/moderation/audit?action=rejected").await;
        assert!(filtered.contains("<option value=\"rejected\" selected>"));
        assert!(!filtered.contains(&format!("<td>{}</td>", text("nl", "mod.audit.action_edited"))), "the filter applies");
        assert!(filtered.contains(&format!("<td>{}</td>", text("nl", "mod.audit.action_rejected"))));
        // English labels for an English browser.
        let english = app.client.get(app.url("/moderation/audit")).header("Cookie", &admin.cookie).header("Accept-Language", "en").send().await.unwrap().text().await.unwrap();
        assert!(english.contains(&text("en", "mod.audit.action_rejected")));

        // Times: the newest entry's time in Amsterdam (one or two hours ahead of UTC), not UTC.
        let at: i64 = app
            .with_db(|conn| {
                use kanarie::db::schema::audit_log;
                audit_log::table.order(audit_log::id.desc()).select(audit_log::at).first(conn).unwrap()
            })
            .await;
        let shown = |hours: i64| {
            chrono::DateTime::from_timestamp(at + hours * 3600, 0).unwrap().format("%Y-%m-%d %H:%M").to_string()
        };
        assert!(audit.contains(&shown(1)) || audit.contains(&shown(2)), "{}", shown(1));
        assert!(!audit.contains("UTC"));
    }
}

backend_test! {
    async fn a_moderator_refused_an_admin_page_is_told_an_admin_can_do_it(backend: Backend) {
        let (app, _admin, first, _second) = team(TestApp::builder(backend)).await;
        for path in ["/moderation/audit", "/moderation/accounts", "/moderation/themes"] {
            let response = app.get_as(&first.cookie, path).await;
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
            let body = response.text().await.unwrap();
            assert!(body.contains(&text("nl", "error.query.admin_only")), "{path}: {body}");
            assert!(!body.contains(&text("nl", "error.forbidden.message")), "not 'reload the page'");
        }
        let change = app.post_as(&first, "/moderation/themes", &[("label_nl", "Nieuw"), ("label_en", "New")]).await;
        assert_eq!(change.status(), StatusCode::FORBIDDEN);
        assert!(change.text().await.unwrap().contains(&text("nl", "error.query.admin_only")));
    }
}

#[test]
fn every_label_the_moderation_pages_build_from_codes_is_translated() {
    let mut keys: Vec<String> = kanarie::db::audit::AuditAction::ALL
        .iter()
        .map(|a| format!("mod.audit.action_{}", a.as_str()))
        .collect();
    keys.extend(
        kanarie::web::moderation::story_codes::TAKE_DOWN_REASONS
            .iter()
            .map(|r| format!("mod.take_down.{r}")),
    );
    keys.extend(
        kanarie::web::moderation::story_codes::REJECTION_REASONS
            .iter()
            .map(|r| format!("mod.reject.{r}")),
    );
    keys.extend(
        kanarie::web::moderation::story_codes::DONE_NOTICES
            .iter()
            .map(|d| format!("mod.queue.done_{d}")),
    );
    for locale in ["nl", "en"] {
        for key in &keys {
            text(locale, key);
        }
    }
}
