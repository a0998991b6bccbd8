//! Story pages and iframes that fit, in a real browser: `tests/browser/stories.mjs` opens
//! campaign pages on another origin under a strict CSP with kanarie's iframe snippet (the
//! frame and `/static/embed-resize.js`) and with the html oEmbed hands out, checks that the
//! frames grow with their content (and scroll without the script), and runs axe-core on
//! the story and list pages, light and dark, phone and desktop.
//!
//! Same prerequisites as tests/it/browser.rs; without them the test says why and passes,
//! unless `KANARIE_BROWSER_TESTS=required`, when it fails.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use reqwest::header;

use crate::browser::{assert_script_passed, missing_prerequisite, run_script};
use crate::helpers::{Backend, TestApp};

const ADMIN: &str = "redactie@example.org";
const PASSWORD: &str = "een lang en goed wachtwoord voor de test";

/// The campaign site: `/` with kanarie's iframe snippet, `/story` with oEmbed's html and
/// the resize script, `/bare` with the iframe alone.
fn start_host_site(
    kanarie: &str,
    snippet: String,
    oembed_html: String,
) -> (String, actix_web::dev::ServerHandle) {
    let csp = format!(
        "default-src 'none'; script-src {kanarie}; style-src {kanarie}; frame-src {kanarie}; img-src 'none'"
    );
    let resize = format!("<script src=\"{kanarie}/static/embed-resize.js\" async></script>");
    let bare = format!(
        "<iframe src=\"{kanarie}/embed?lang=nl&amp;count=5\" title=\"Verhalen van thuiszitters\" width=\"100%\" height=\"640\"></iframe>"
    );
    let pages = Arc::new([
        ("/".to_owned(), snippet),
        ("/story".to_owned(), format!("{oembed_html}\n{resize}")),
        ("/bare".to_owned(), bare),
    ]);
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port for the host site");
    let address = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let server = HttpServer::new(move || {
        let pages = Arc::clone(&pages);
        let csp = csp.clone();
        App::new().default_service(web::to(move |req: HttpRequest| {
            let pages = Arc::clone(&pages);
            let csp = csp.clone();
            async move {
                match pages.iter().find(|(path, _)| path == req.path()) {
                    Some((_, content)) => HttpResponse::Ok()
                        .content_type("text/html; charset=utf-8")
                        .insert_header(("Content-Security-Policy", csp))
                        .body(format!(
                            "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n\
                             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
                             <title>Campagne: thuiszitters</title>\n</head>\n<body>\n<main>\n\
                             <h1>Campagne voor thuiszitters</h1>\n<p>Verhalen van ouders, via kanarie.</p>\n\
                             {content}\n<p>Onder de verhalen gaat de campagne verder.</p>\n</main>\n</body>\n</html>\n"
                        )),
                    None => HttpResponse::NotFound().finish(),
                }
            }
        }))
    })
    .workers(1)
    .listen(listener)
    .expect("host site listens")
    .run();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    (address, handle)
}

#[actix_web::test]
async fn story_pages_are_accessible_and_embeds_grow_with_their_stories_in_a_real_browser() {
    let required = std::env::var("KANARIE_BROWSER_TESTS").as_deref() == Ok("required");
    if let Some(missing) = missing_prerequisite() {
        assert!(
            !required,
            "KANARIE_BROWSER_TESTS=required but the browser tests cannot run: {missing}; \
             run tests/browser/ci-setup.sh"
        );
        eprintln!("story browser test skipped: {missing} (run tests/browser/ci-setup.sh)");
        return;
    }
    let app = TestApp::builder(Backend::Sqlite)
        .for_moderation()
        .spawn()
        .await;
    app.add_moderator(ADMIN, "admin", PASSWORD).await;
    let admin = app.sign_in(ADMIN, PASSWORD).await;
    let stories = [
        "Onze zoon Mees van Dijk ging met plezier naar school in Deventer, tot de groep te groot werd. \
         Hij kwam elke dag moe thuis en sliep slecht. "
            .repeat(4),
        "Mijn dochter wil graag leren, maar de klas is te druk. Een rustige plek met een vaste juf zou helpen."
            .to_owned(),
        "Na de zomer durfde hij de school niet meer in. Wij belden de leerplichtambtenaar, die belde terug na zes weken. "
            .repeat(3),
    ];
    let mut ids = Vec::new();
    for (n, story) in stories.iter().enumerate() {
        let id = app.submit_story(story, "publish").await;
        let title = format!("Verhaal {}", n + 1);
        let response = app
            .post_as(
                &admin,
                &format!("/moderation/stories/{id}/approve"),
                &[("title", title.as_str()), ("theme", "3")],
            )
            .await;
        let location = response
            .headers()
            .get(header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .unwrap_or_default();
        assert!(location.contains("done=approved"), "{location}");
        ids.push(id);
    }
    let story = ids[0].clone();

    // What a campaigner copies: the snippet from the admin page, and oEmbed's html.
    let snippet = kanarie::web::embed::iframe_snippet(&app.address);
    let page_url = app.url(&format!("/nl/verhalen/{story}"));
    let encoded: String = form_urlencoded::byte_serialize(page_url.as_bytes()).collect();
    let oembed: serde_json::Value = app
        .get(&format!("/oembed?url={encoded}&maxwidth=600"))
        .await
        .json()
        .await
        .unwrap();
    let oembed_html = oembed["html"].as_str().unwrap().to_owned();

    let (host, server) = start_host_site(&app.address, snippet, oembed_html);
    let address = app.address.clone();
    let (status, output) = actix_web::rt::task::spawn_blocking(move || {
        run_script("stories.mjs", &[&address, &host, &story])
    })
    .await
    .expect("browser test thread");
    server.stop(false).await;
    assert_script_passed("stories.mjs", status, &output);
}
