//! Stories people can link to and embeds that fit: a page per published story, the list
//! pages, oEmbed, the single-story embed and the forgiving `/embed`, on both backends.

use reqwest::header;
use reqwest::StatusCode;

use crate::helpers::{text, Backend, Session, TestApp};

const ADMIN: &str = "redactie@example.org";
const PASSWORD: &str = "verhalen verdienen een eigen pagina";

async fn app_and_admin(backend: Backend) -> (TestApp, Session) {
    let app = TestApp::builder(backend).for_moderation().spawn().await;
    app.add_moderator(ADMIN, "admin", PASSWORD).await;
    let admin = app.sign_in(ADMIN, PASSWORD).await;
    (app, admin)
}

async fn approve_with(app: &TestApp, admin: &Session, id: &str, fields: &[(&str, &str)]) {
    let response = app
        .post_as(admin, &format!("/moderation/stories/{id}/approve"), fields)
        .await;
    // approving leads on to the next story (or the queue), with a notice of what was done
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default();
    assert!(
        location.contains("done=approved"),
        "approving {id}: {location}"
    );
}

async fn body(app: &TestApp, path: &str) -> (StatusCode, String) {
    let response = app.get(path).await;
    let status = response.status();
    (status, response.text().await.unwrap())
}

async fn json(app: &TestApp, path: &str) -> serde_json::Value {
    let response = app.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.json().await.unwrap()
}

/// An attribute value as askama writes it, back to text.
fn unescape(value: &str) -> String {
    value
        .replace("&#38;", "&")
        .replace("&amp;", "&")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#60;", "<")
        .replace("&#62;", ">")
}

/// The value of `attribute` in the first tag of `html` that contains `marker`.
fn attribute_in_tag(html: &str, marker: &str, attribute: &str) -> Option<String> {
    let at = html.find(marker)?;
    let start = html[..at].rfind('<')?;
    let end = at + html[at..].find('>')?;
    let tag = &html[start..end];
    let key = format!("{attribute}=\"");
    let from = tag.find(&key)? + key.len();
    let to = from + tag[from..].find('"')?;
    Some(unescape(&tag[from..to]))
}

/// Published demo stories (fictional, through the real anonymiser), once the catalogue
/// has them.
async fn with_demo_stories(app: &TestApp, count: usize) -> Vec<serde_json::Value> {
    let added = app
        .with_db(move |conn| kanarie::demo::add_demo_stories(conn, count).unwrap())
        .await;
    assert_eq!(added, count);
    for _ in 0..60 {
        let all = json(app, "/api/v1/stories?limit=100").await;
        let stories = all["stories"].as_array().unwrap().clone();
        if stories.len() == count {
            return stories;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the demo stories were not published");
}

backend_test! {
    async fn every_published_story_has_a_page_and_nothing_else_does(backend: Backend) {
        let (app, admin) = app_and_admin(backend).await;
        let published = app
            .submit_story("Onze zoon Thijs de Boer zit thuis sinds de brugklas in Zwolle. Het lawaai werd hem te veel.", "publish")
            .await;
        let pending = app.submit_story("Wachtend verhaal over de kwartelkoning.", "publish").await;
        let counted = app.submit_story("Alleen tellen, over de zilverreiger.", "count_only").await;
        let rejected = app.submit_story("Afgewezen verhaal over de roerdomp.", "publish").await;
        approve_with(&app, &admin, &published, &[("title", "Te veel lawaai"), ("theme", "3")]).await;
        assert_eq!(app.post_as(&admin, &format!("/moderation/stories/{counted}/approve"), &[]).await.status(), StatusCode::SEE_OTHER);
        app.post_as(&admin, &format!("/moderation/stories/{rejected}/reject"), &[("reason", "other")]).await;

        // The API's url is the page, in the story's language, absolute.
        let url = app.url(&format!("/nl/verhalen/{published}"));
        let story = json(&app, &format!("/api/v1/stories/{published}")).await;
        assert_eq!(story["url"], url.as_str());
        let list = json(&app, "/api/v1/stories").await;
        assert_eq!(list["stories"][0]["url"], url.as_str());

        let response = app.get(&format!("/nl/verhalen/{published}")).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
        assert!(response.headers().get(header::SET_COOKIE).is_none(), "no cookies");
        let csp = response.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
        assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), "{csp}");
        let page = response.text().await.unwrap();
        assert!(page.contains("<h1 id=\"story-title\" lang=\"nl\">Te veel lawaai</h1>"));
        assert!(page.contains("Het lawaai werd hem te veel."));
        assert!(!page.contains("Thijs") && !page.contains("Zwolle"), "only the anonymised text");
        assert!(page.contains("class=\"placeholder-label\""), "placeholders are labels");
        assert!(page.contains(&text("nl", "stories.placeholder_title")), "explained in a title");
        assert!(page.contains(&text("nl", "stories.removed_note")));
        assert!(page.contains(&kanarie::web::pages::stories::month_label(
            &chrono::Utc::now().format("%Y-%m").to_string(),
            kanarie::lang::Lang::Nl,
        )));
        assert!(page.contains("href=\"/nl/verhalen?theme=pesten\""), "its theme links to the list");
        assert_eq!(attribute_in_tag(&page, "rel=\"canonical\"", "href").as_deref(), Some(url.as_str()));
        assert_eq!(attribute_in_tag(&page, "property=\"og:url\"", "content").as_deref(), Some(url.as_str()));
        assert_eq!(attribute_in_tag(&page, "property=\"og:title\"", "content").as_deref(), Some("Te veel lawaai"));
        assert!(attribute_in_tag(&page, "property=\"og:description\"", "content").unwrap().contains("lawaai"));
        let mail = attribute_in_tag(&page, "href=\"mailto:", "href").unwrap();
        assert!(mail.starts_with("mailto:?subject=Te%20veel%20lawaai&body="), "{mail}");
        assert!(mail.contains(&url.replace(':', "%3A").replace('/', "%2F")), "{mail}");
        let whatsapp = attribute_in_tag(&page, "href=\"https://wa.me/", "href").unwrap();
        assert!(whatsapp.starts_with("https://wa.me/?text="), "{whatsapp}");
        assert_eq!(attribute_in_tag(&page, "id=\"share-url\"", "value").as_deref(), Some(url.as_str()));
        assert!(!page.contains("<script"), "no script at all, so no third-party script");
        let discovery = attribute_in_tag(&page, "application/json+oembed", "href").unwrap();
        assert!(discovery.starts_with(&app.url("/oembed?url=")), "{discovery}");

        // The English page of the same story: English around it, the same canonical page.
        let (status, english) = body(&app, &format!("/en/stories/{published}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(english.contains("<html lang=\"en\">"));
        assert!(english.contains(&text("en", "stories.share_heading")));
        assert_eq!(attribute_in_tag(&english, "rel=\"canonical\"", "href").as_deref(), Some(url.as_str()));
        assert!(english.contains(&format!("href=\"/nl/verhalen/{published}\"")), "the language switch");

        // Whatever is not published is the 404 of an id that never existed.
        let (status, unknown) = body(&app, "/nl/verhalen/aaaaaaaaaaaaaaaaaaaaaaaa").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        for id in [&pending, &counted, &rejected] {
            for path in [format!("/nl/verhalen/{id}"), format!("/en/stories/{id}")] {
                let (status, page) = body(&app, &path).await;
                assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
                if path.starts_with("/nl") {
                    assert_eq!(page, unknown, "{path} looks like an unknown id");
                }
                assert!(!page.contains("kwartelkoning") && !page.contains("zilverreiger") && !page.contains("roerdomp"));
            }
        }

        // The feeds link to the page.
        let atom = feed_rs::parser::parse(body(&app, "/feed.atom").await.1.as_bytes()).unwrap();
        let links: Vec<(&str, Option<&str>)> = atom.entries[0].links.iter().map(|l| (l.href.as_str(), l.media_type.as_deref())).collect();
        assert_eq!(links[0], (url.as_str(), Some("text/html")), "{links:?}");
        let json_feed = json(&app, "/feed.json").await;
        assert_eq!(json_feed["items"][0]["url"], url.as_str());

        // Plural pages never shadow the questionnaire.
        let (status, form) = body(&app, "/en/story").await;
        assert_eq!(status, StatusCode::OK);
        assert!(form.contains("action=\"/en/story/preview\""), "the questionnaire is at /en/story");
        assert_eq!(app.get("/nl/verhaal").await.status(), StatusCode::OK);
        let (status, list) = body(&app, "/en/stories").await;
        assert_eq!(status, StatusCode::OK);
        assert!(list.contains(&format!("href=\"/en/stories/{published}\"")));
        assert_eq!(
            app.client.post(app.url(&format!("/nl/verhalen/{published}"))).send().await.unwrap().status(),
            StatusCode::METHOD_NOT_ALLOWED
        );
    }
}

/// The story ids a list page links to, in order.
fn listed_ids(page: &str, prefix: &str) -> Vec<String> {
    page.split("<h2 id=\"story-")
        .skip(1)
        .filter_map(|chunk| {
            let marker = format!("href=\"{prefix}/");
            let start = chunk.find(&marker)? + marker.len();
            let end = start + chunk[start..].find('"')?;
            Some(chunk[start..end].to_owned())
        })
        .collect()
}

backend_test! {
    async fn the_list_pages_go_newest_first_by_theme_a_page_at_a_time(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        let stories = with_demo_stories(&app, 27).await;
        let expected: Vec<String> = stories.iter().map(|s| s["id"].as_str().unwrap().to_owned()).collect();

        // Following "older stories" visits every story once, in the API's order.
        let mut seen = Vec::new();
        let mut path = "/nl/verhalen".to_owned();
        let mut pages = 0;
        loop {
            let (status, page) = body(&app, &path).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            let ids = listed_ids(&page, "/nl/verhalen");
            assert!(ids.len() <= 20, "{} on one page", ids.len());
            seen.extend(ids);
            pages += 1;
            match attribute_in_tag(&page, "rel=\"next\"", "href") {
                Some(next) => {
                    assert!(next.starts_with("/nl/verhalen?cursor="), "{next}");
                    path = next;
                }
                None => break,
            }
        }
        assert_eq!(pages, 2);
        assert_eq!(seen, expected, "newest first, each story once");

        // One theme: exactly the stories that have it.
        let theme = stories[0]["themes"][0]["slug"].as_str().unwrap().to_owned();
        let in_theme: Vec<String> = stories
            .iter()
            .filter(|s| s["themes"].as_array().unwrap().iter().any(|t| t["slug"] == theme.as_str()))
            .map(|s| s["id"].as_str().unwrap().to_owned())
            .take(20)
            .collect();
        let (status, page) = body(&app, &format!("/en/stories?theme={theme}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(listed_ids(&page, "/en/stories"), in_theme);
        assert!(page.contains(&format!("href=\"/en/stories?theme={theme}\" aria-current=\"page\"")));

        // An old link to a theme that is gone: every story, and a note saying so.
        let (status, page) = body(&app, "/nl/verhalen?theme=bestaat-niet").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains(&text("nl", "stories.unknown_theme")));
        assert_eq!(listed_ids(&page, "/nl/verhalen"), expected[..20].to_vec());
        // A cursor kanarie did not make is refused, as in the API.
        assert_eq!(app.get("/nl/verhalen?cursor=knoeiwerk").await.status(), StatusCode::BAD_REQUEST);
    }
}

backend_test! {
    async fn oembed_hands_out_an_iframe_of_the_story_within_the_consumers_limits(backend: Backend) {
        let (app, admin) = app_and_admin(backend).await;
        let id = app
            .submit_story(&"Elke ochtend begon met buikpijn, en dan bleef hij thuis. ".repeat(12), "publish")
            .await;
        let pending = app.submit_story("Nog niet goedgekeurd.", "publish").await;
        approve_with(&app, &admin, &id, &[("title", "Buikpijn \"elke\" ochtend"), ("theme", "3")]).await;
        let page_url = app.url(&format!("/nl/verhalen/{id}"));
        let encoded: String = form_urlencoded::byte_serialize(page_url.as_bytes()).collect();

        let response = app.get(&format!("/oembed?url={encoded}&format=json")).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
        let item: serde_json::Value = response.json().await.unwrap();
        assert_eq!(item["version"], "1.0");
        assert_eq!(item["type"], "rich");
        assert_eq!(item["provider_name"], "kanarie");
        assert_eq!(item["title"], "Buikpijn \"elke\" ochtend");
        assert_eq!(item["width"], 560);
        let height = item["height"].as_u64().unwrap();
        assert!((240..=1200).contains(&height), "{height}");
        let html = item["html"].as_str().unwrap();
        let src = app.url(&format!("/embed/stories/{id}?lang=nl"));
        assert!(html.starts_with(&format!("<iframe src=\"{src}\"")), "{html}");
        assert!(html.contains("title=\"Buikpijn &quot;elke&quot; ochtend\""), "{html}");
        assert!(html.contains(&format!("width=\"560\" height=\"{height}\"")), "{html}");

        // maxwidth and maxheight are honoured.
        let item = json(&app, &format!("/oembed?url={encoded}&maxwidth=320&maxheight=200")).await;
        assert_eq!((item["width"].as_u64(), item["height"].as_u64()), (Some(320), Some(200)));
        assert!(item["html"].as_str().unwrap().contains("width=\"320\" height=\"200\""));
        let narrow = json(&app, &format!("/oembed?url={encoded}&maxwidth=320")).await;
        assert!(narrow["height"].as_u64().unwrap() > height, "a narrower frame is taller");
        // The English page's address gives the English embed.
        let english: String = form_urlencoded::byte_serialize(app.url(&format!("/en/stories/{id}")).as_bytes()).collect();
        let item = json(&app, &format!("/oembed?url={english}")).await;
        assert!(item["html"].as_str().unwrap().contains(&format!("/embed/stories/{id}?lang=en")));

        // The story page announces exactly this endpoint.
        let (_, page) = body(&app, &format!("/nl/verhalen/{id}")).await;
        let discovery = attribute_in_tag(&page, "application/json+oembed", "href").unwrap();
        assert_eq!(discovery, app.url(&format!("/oembed?url={encoded}&format=json")));

        // The iframe: the whole story, framable, with its script that reports its height.
        let response = app.get(&format!("/embed/stories/{id}?lang=nl")).await;
        assert_eq!(response.status(), StatusCode::OK);
        let csp = response.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
        assert!(csp.contains("frame-ancestors *") && csp.contains("script-src 'self'"), "{csp}");
        assert!(response.headers().get(header::X_FRAME_OPTIONS).is_none());
        let frame = response.text().await.unwrap();
        assert_eq!(frame.matches("Elke ochtend begon met buikpijn").count(), 12, "the whole story, uncut");
        assert!(frame.contains("<script src=\"/static/embed-frame.js\" defer></script>"));
        assert!(frame.contains(&format!("href=\"{page_url}\"")), "it links to the story's page");

        // What is not a published story's page is a 404, in JSON like the API's errors.
        let pending_url: String = form_urlencoded::byte_serialize(app.url(&format!("/nl/verhalen/{pending}")).as_bytes()).collect();
        let elsewhere: String = form_urlencoded::byte_serialize(format!("https://elders.example/nl/verhalen/{id}").as_bytes()).collect();
        for query in [format!("url={pending_url}"), format!("url={elsewhere}"), "url=niets".to_owned()] {
            let response = app.get(&format!("/oembed?{query}")).await;
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{query}");
            let error: serde_json::Value = response.json().await.unwrap();
            assert_eq!(error["error"]["code"], "not_found");
        }
        assert_eq!(app.get(&format!("/embed/stories/{pending}")).await.status(), StatusCode::NOT_FOUND);
        let response = app.get(&format!("/oembed?url={encoded}&format=xml")).await;
        assert_eq!(response.status(), StatusCode::NOT_IMPLEMENTED, "oEmbed's answer to a format it does not make");
        let error: serde_json::Value = response.json().await.unwrap();
        assert_eq!(error["error"]["code"], "not_implemented");
        for query in ["format=json".to_owned(), format!("url={encoded}&maxwidth=0"), format!("url={encoded}&maxheight=veel"), format!("url={encoded}&format=yaml")] {
            let response = app.get(&format!("/oembed?{query}")).await;
            assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query}");
            let error: serde_json::Value = response.json().await.unwrap();
            assert_eq!(error["error"]["code"], "bad_request");
        }
    }
}

/// The number of stories an embed page shows.
fn articles(page: &str) -> usize {
    page.matches("<article>").count()
}

backend_test! {
    async fn a_mistyped_embed_still_shows_stories_while_the_api_says_400(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        let stories = with_demo_stories(&app, 24).await;
        let dutch = stories.iter().filter(|s| s["lang"] == "nl").count();

        for (query, shown) in [
            ("count=3", 3),
            ("count=99", 20),
            ("count=0", 1),
            ("count=-7", 1),
            ("count=vijf", 5),
            ("count=", 5),
            ("count=12&lang=fr", 12),
            ("count=20&lang=nl", dutch.min(20)),
        ] {
            let (status, page) = body(&app, &format!("/embed?{query}")).await;
            assert_eq!(status, StatusCode::OK, "{query}");
            assert_eq!(articles(&page), shown, "{query}");
            assert!(page.contains("<html lang=\"nl\""), "{query}: an unknown language is the default");
        }
        let (status, page) = body(&app, "/embed?theme=bestaat-niet&count=20").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains(&text("nl", "embed.unknown_theme")));
        assert_eq!(articles(&page), 20, "every story");
        let (_, known) = body(&app, "/embed?theme=pesten&count=20").await;
        assert!(!known.contains(&text("nl", "embed.unknown_theme")));

        // It ends with a link to more stories, reports its height, and may be transparent.
        let (_, page) = body(&app, "/embed?lang=en&background=transparent").await;
        assert!(page.contains(&format!("href=\"{}\"", app.url("/en/stories"))));
        assert!(page.contains(&text("en", "embed.more_stories")));
        assert!(page.contains("background-transparent"));
        assert!(page.contains("<script src=\"/static/embed-frame.js\" defer></script>"));
        for script in ["/static/embed-frame.js", "/static/embed-resize.js"] {
            let response = app.get(script).await;
            assert_eq!(response.status(), StatusCode::OK);
            assert!(response.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/javascript"));
            let source = response.text().await.unwrap();
            assert!(source.contains("postMessage") || source.contains("event.origin !== origin"), "{script}");
        }
        let widget = body(&app, "/embed.js").await.1;
        assert!(widget.contains("data-font") && widget.contains("data-background"));

        // The API, read by programs, keeps refusing what it cannot use.
        for query in ["theme=bestaat-niet", "lang=fr", "limit=99999"] {
            assert_eq!(app.get(&format!("/api/v1/stories?{query}")).await.status(), StatusCode::BAD_REQUEST, "{query}");
        }
    }
}

backend_test! {
    async fn a_moderator_may_show_invented_names_marked_as_changed(backend: Backend) {
        let (app, admin) = app_and_admin(backend).await;
        let id = app
            .submit_story("Mijn dochter Fleur Jansen belde met haar mentor Karel Visser. Daarna wilde Fleur niet meer naar school.", "publish")
            .await;
        let plain = app.submit_story("Onze zoon Daan Smit miste zijn vriend Joris Bakker.", "publish").await;
        approve_with(&app, &admin, &id, &[("title", "Verzonnen namen"), ("invented_names", "yes")]).await;
        approve_with(&app, &admin, &plain, &[("title", "Gewone labels")]).await;

        let story = json(&app, &format!("/api/v1/stories/{id}")).await;
        let stored = story["story"].as_str().unwrap();
        assert!(stored.contains("[naam 1]") && stored.contains("[naam 2]"), "the API keeps the placeholders: {stored}");

        let (_, whole_page) = body(&app, &format!("/nl/verhalen/{id}")).await;
        // The story itself; the link-preview description keeps the placeholders, as there
        // is no room there to mark a name as changed.
        let page = whole_page.split("<article").nth(1).unwrap().split("</article>").next().unwrap();
        assert!(!page.contains("[naam 1]") && !page.contains("[naam 2]"), "names instead of placeholders: {page}");
        let names: Vec<&str> = page
            .split("<span class=\"invented-name\"")
            .skip(1)
            .filter_map(|chunk| chunk.split('>').nth(1)?.split('<').next())
            .collect();
        assert_eq!(names.len(), 3, "{page}");
        assert_eq!(names[0], names[2], "one person, one name");
        assert_ne!(names[0], names[1], "two persons, two names");
        for name in &names {
            assert!(kanarie::publishing::invented_names::NAMES.contains(name), "{name} is from the list");
        }
        assert_eq!(page.matches(&format!("({})", text("nl", "stories.name_changed"))).count(), 2, "each name marked once");
        assert!(page.contains(&text("nl", "stories.removed_note_names")));
        let (_, embed) = body(&app, &format!("/embed/stories/{id}")).await;
        assert!(embed.contains(names[0]) && !embed.contains("[naam 1]"));

        let (_, page) = body(&app, &format!("/nl/verhalen/{plain}")).await;
        assert!(page.contains("[naam 1]") && !page.contains("invented-name"), "without the choice: labels");
    }
}
