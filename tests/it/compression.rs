//! Brotli and gzip for the read path: the API, the feeds and the embeds answer a client
//! that accepts them with a compressed body that decompresses to exactly the plain one,
//! each encoding with its own strong ETag (a `304` only for the bytes the client holds),
//! always with `Vary: Accept-Encoding`; a client that accepts neither gets the plain body.
//! The bodies every client asks for are rendered and compressed as a catalogue version is
//! built, before any request.

use std::io::Read;
use std::sync::Arc;

use kanarie::publishing::{Catalog, Publisher};
use kanarie::web::api::stories::{list_body, ListParameters, MAX_LIMIT};
use kanarie::web::api::Query;
use kanarie::web::embed::{embed_body, EmbedParameters};
use kanarie::web::feeds::{self, FEED_ENTRIES};

use reqwest::{header, StatusCode};

use crate::helpers::{Backend, TestApp};

fn brotli_decoded(body: &[u8]) -> Vec<u8> {
    let mut plain = Vec::new();
    brotli::Decompressor::new(body, 4096)
        .read_to_end(&mut plain)
        .unwrap();
    plain
}

fn gzip_decoded(body: &[u8]) -> Vec<u8> {
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(body)
        .read_to_end(&mut plain)
        .unwrap();
    plain
}

struct Answer {
    status: StatusCode,
    headers: header::HeaderMap,
    body: Vec<u8>,
}

async fn get(app: &TestApp, path: &str, headers: &[(header::HeaderName, &str)]) -> Answer {
    let mut request = app.client.get(app.url(path));
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    let response = request.send().await.unwrap();
    Answer {
        status: response.status(),
        headers: response.headers().clone(),
        body: response.bytes().await.unwrap().to_vec(),
    }
}

fn etag(answer: &Answer) -> String {
    answer.headers[header::ETAG].to_str().unwrap().to_owned()
}

backend_test! {
    async fn the_read_path_sends_brotli_and_gzip_to_clients_that_accept_them(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        let added = app
            .with_db(|conn| kanarie::demo::add_demo_stories(conn, 30).unwrap())
            .await;
        assert_eq!(added, 30);
        actix_web::rt::time::sleep(kanarie::publishing::REFRESH_EVERY * 2).await;
        let list: serde_json::Value = serde_json::from_slice(&get(&app, "/api/v1/stories", &[]).await.body).unwrap();
        let id = list["stories"][0]["id"].as_str().unwrap().to_owned();

        let paths = [
            "/api/v1/stories?limit=20".to_owned(),
            "/api/v1/stories?lang=en".to_owned(),
            format!("/api/v1/stories/{id}"),
            "/api/v1/themes".to_owned(),
            "/api/v1/stats".to_owned(),
            "/api/v1/stats.csv".to_owned(),
            "/api/v1/openapi.json".to_owned(),
            "/feed.atom".to_owned(),
            "/feed.atom?lang=en".to_owned(),
            "/feed.json?lang=nl".to_owned(),
            "/embed?count=5".to_owned(),
            "/embed?lang=en".to_owned(),
            format!("/embed/stories/{id}"),
            "/nl/verhalen".to_owned(),
            format!("/en/stories/{id}"),
            "/embed/stats/province?lang=nl".to_owned(),
        ];
        for path in &paths {
            let plain = get(&app, path, &[]).await;
            assert_eq!(plain.status, StatusCode::OK, "{path}");
            assert!(!plain.headers.contains_key(header::CONTENT_ENCODING), "{path}: nothing accepted, nothing compressed");
            assert_eq!(plain.headers[header::VARY], "Accept-Encoding", "{path}");
            let plain_etag = etag(&plain);

            let br = get(&app, path, &[(header::ACCEPT_ENCODING, "gzip, deflate, br, zstd")]).await;
            assert_eq!(br.status, StatusCode::OK, "{path}");
            assert_eq!(br.headers[header::CONTENT_ENCODING], "br", "{path}");
            assert_eq!(br.headers[header::VARY], "Accept-Encoding", "{path}");
            assert_eq!(br.headers[header::CONTENT_TYPE], plain.headers[header::CONTENT_TYPE], "{path}");
            assert_eq!(brotli_decoded(&br.body), plain.body, "{path}: the same bytes");
            assert!(br.body.len() < plain.body.len(), "{path}: smaller");
            let br_etag = etag(&br);
            assert_eq!(br_etag, format!("{}-br\"", plain_etag.trim_end_matches('"')), "{path}");

            let gz = get(&app, path, &[(header::ACCEPT_ENCODING, "gzip")]).await;
            assert_eq!(gz.headers[header::CONTENT_ENCODING], "gzip", "{path}");
            assert_eq!(gzip_decoded(&gz.body), plain.body, "{path}");
            let gz_etag = etag(&gz);
            assert_ne!(gz_etag, br_etag);
            assert_ne!(gz_etag, plain_etag);

            // Weights: gzip preferred, Brotli refused, nothing accepted.
            let weighted = get(&app, path, &[(header::ACCEPT_ENCODING, "br;q=0.2, gzip;q=0.9")]).await;
            assert_eq!(weighted.headers[header::CONTENT_ENCODING], "gzip", "{path}");
            let refused = get(&app, path, &[(header::ACCEPT_ENCODING, "br;q=0, gzip;q=0")]).await;
            assert!(!refused.headers.contains_key(header::CONTENT_ENCODING), "{path}");
            assert_eq!(refused.body, plain.body);

            // Each ETag revalidates only its own representation.
            let same = get(&app, path, &[(header::ACCEPT_ENCODING, "br"), (header::IF_NONE_MATCH, &br_etag)]).await;
            assert_eq!(same.status, StatusCode::NOT_MODIFIED, "{path}");
            assert_eq!(etag(&same), br_etag);
            assert!(same.body.is_empty());
            let other = get(&app, path, &[(header::ACCEPT_ENCODING, "br"), (header::IF_NONE_MATCH, &plain_etag)]).await;
            assert_eq!(other.status, StatusCode::OK, "{path}: the plain body's tag is not the Brotli body's");
            let plain_again = get(&app, path, &[(header::IF_NONE_MATCH, &plain_etag)]).await;
            assert_eq!(plain_again.status, StatusCode::NOT_MODIFIED, "{path}");

            // Asked again: the same compressed bytes (computed once, kept with the catalogue).
            let br_again = get(&app, path, &[(header::ACCEPT_ENCODING, "br")]).await;
            assert_eq!(br_again.body, br.body, "{path}");
        }

        // However the query is written, the same page is the same representation.
        let default = get(&app, "/api/v1/stories", &[(header::ACCEPT_ENCODING, "br")]).await;
        let explicit = get(&app, "/api/v1/stories?limit=020", &[(header::ACCEPT_ENCODING, "br")]).await;
        assert_eq!(etag(&explicit), etag(&default));
        assert_eq!(explicit.body, default.body);

        // Error answers are not compressed or cached as the read path's bodies are.
        let missing = get(&app, "/api/v1/stories/bestaat-niet", &[(header::ACCEPT_ENCODING, "br")]).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert!(!missing.headers.contains_key(header::CONTENT_ENCODING));
    }
}

#[actix_web::test]
async fn a_new_catalogue_version_is_compressed_anew() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    app.with_db(|conn| kanarie::demo::add_demo_stories(conn, 5).unwrap())
        .await;
    actix_web::rt::time::sleep(kanarie::publishing::REFRESH_EVERY * 2).await;
    let first = get(&app, "/api/v1/stories", &[(header::ACCEPT_ENCODING, "br")]).await;
    app.with_db(|conn| kanarie::demo::add_demo_stories(conn, 5).unwrap())
        .await;
    actix_web::rt::time::sleep(kanarie::publishing::REFRESH_EVERY * 2).await;
    let second = get(&app, "/api/v1/stories", &[(header::ACCEPT_ENCODING, "br")]).await;
    assert_ne!(etag(&first), etag(&second));
    let plain: serde_json::Value = serde_json::from_slice(&brotli_decoded(&second.body)).unwrap();
    assert_eq!(
        plain["stories"].as_array().unwrap().len(),
        10,
        "the new version, not the old bytes"
    );
}

/// The queries the warm-up covers, as a snippet or a feed reader writes them.
const WELL_KNOWN: [&str; 4] = ["", "limit=20", "lang=nl", "lang=en"];

/// Renders what the read path's handlers would for the well-known queries; says whether
/// each was compressed already.
fn well_known_bodies(catalog: &Catalog) -> Vec<(String, bool, usize)> {
    let mut found = Vec::new();
    for text in WELL_KNOWN {
        let query = Query::parse(text);
        let params = ListParameters::parse(&query, catalog, MAX_LIMIT).unwrap();
        let list = list_body(catalog, &params).unwrap();
        found.push((
            format!("stories?{text}"),
            list.is_compressed(),
            list.body().len(),
        ));
        let params = ListParameters::parse(&query, catalog, FEED_ENTRIES).unwrap();
        for feed in [&feeds::ATOM, &feeds::JSON_FEED] {
            let body = feeds::body(catalog, "https://kanarie.example", feed, &params).unwrap();
            found.push((
                format!("{}?{text}", feed.file),
                body.is_compressed(),
                body.body().len(),
            ));
        }
        let body = embed_body(
            catalog,
            "https://kanarie.example",
            &EmbedParameters::parse(&query, catalog),
        )
        .unwrap();
        found.push((
            format!("embed?{text}"),
            body.is_compressed(),
            body.body().len(),
        ));
    }
    found
}

#[actix_web::test]
async fn the_bodies_every_client_asks_for_are_compressed_as_the_catalogue_is_built() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    app.with_db(|conn| kanarie::demo::add_demo_stories(conn, 12).unwrap())
        .await;

    // Without a warm-up (the control): each is rendered when first asked for.
    let cold = Publisher::new("https://kanarie.example");
    assert!(cold.refresh(app.pool()).await.unwrap());
    let catalog = cold.catalog();
    assert_eq!(catalog.rendered_count(), 0);
    well_known_bodies(&catalog);
    let asked = catalog.rendered_count();
    assert!(asked > 0);

    let warm = Publisher::with_warm_up(
        "https://kanarie.example",
        Arc::new(|catalog: &Catalog| kanarie::web::warm_up(catalog, "https://kanarie.example")),
    );
    assert!(warm.refresh(app.pool()).await.unwrap());
    let catalog = warm.catalog();
    let warmed = catalog.rendered_count();
    assert_eq!(
        warmed, asked,
        "the same bodies, rendered before any request"
    );
    for (body, compressed, length) in well_known_bodies(&catalog) {
        assert!(
            compressed,
            "{body} ({length} bytes) was compressed before it was asked for"
        );
    }
    assert_eq!(
        catalog.rendered_count(),
        warmed,
        "every one was rendered already"
    );

    // A new version is warmed up anew.
    app.with_db(|conn| kanarie::demo::add_demo_stories(conn, 3).unwrap())
        .await;
    assert!(warm.refresh(app.pool()).await.unwrap());
    let newer = warm.catalog();
    assert_eq!(newer.len(), 15);
    assert_eq!(newer.rendered_count(), warmed);
    assert!(well_known_bodies(&newer)
        .iter()
        .all(|(_, compressed, _)| *compressed));
}
