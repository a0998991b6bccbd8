//! The promise, tested on the real binary: identifiers a parent types reach neither the
//! database files (main file, WAL and shared memory) nor the log, and neither do the
//! request's user agent, forwarded address or peer address.

use std::net::IpAddr;
use std::path::Path;

use crate::helpers::{complete_answers, extract_code, extract_value};
use crate::logging::LoggedServer;

const USER_AGENT: &str = "PlantedAgent/4.2 (Privacy-Test-Phone)";
const FORWARDED: &str = "198.51.100.61";
const PEER: &str = "127.0.0.88";

/// Ordinary words of the story: they must be stored, or the test proves nothing.
const ORDINARY: [&str; 3] = ["koptelefoon", "schoolbel", "wachtkamer"];

/// Identifiers planted in the story, each of a kind the anonymiser must remove.
const PLANTED: [&str; 11] = [
    "Verhoeven",
    "Marloes",
    "06-41237788",
    "sanne.verhoeven@voorbeeld.nl",
    "111222333",
    "NL91ABNA0417164300",
    "6524 KL",
    "Berkenstraat 12",
    "Wageningen",
    "14 maart 2019",
    "@sannev2012",
];

fn story() -> String {
    "Onze dochter Sanne Verhoeven is elf. Sinds 14 maart 2019 gaat het mis. \
     Juf Marloes zei dat de schoolbel te hard was en gaf haar een koptelefoon. \
     We wonen in Wageningen, Berkenstraat 12, 6524 KL. Bel 06-41237788 of mail \
     sanne.verhoeven@voorbeeld.nl. Haar BSN is 111222333 en ons rekeningnummer \
     NL91ABNA0417164300. Ze volgt @sannev2012 niet meer. We zitten vaak in de wachtkamer."
        .to_owned()
}

fn database_bytes(dir: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        bytes.extend(std::fs::read(&path).unwrap());
    }
    bytes
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

#[actix_web::test]
async fn planted_identifiers_reach_neither_the_database_files_nor_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let db_dir = dir.path().join("db");
    let url = format!("sqlite://{}", db_dir.join("kanarie.db").display());
    let server = LoggedServer::start(&url, &[("KANARIE_MIN_FILL_SECONDS", "0")]);

    let client = reqwest::Client::builder()
        .local_address(PEER.parse::<IpAddr>().unwrap())
        .user_agent(USER_AGENT)
        .build()
        .unwrap();
    let post = |path: &str, pairs: &[(&str, &str)]| {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        client
            .post(format!("{}{path}", server.address))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Forwarded-For", FORWARDED)
            .body(body)
            .send()
    };

    let form = client
        .get(format!("{}/nl/verhaal", server.address))
        .header("X-Forwarded-For", FORWARDED)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = extract_value(&form, "name=\"token\" value=\"").unwrap();
    let story = story();
    let mut answers = complete_answers(&token, &story);
    answers.push(("change", "Meester Bram Hoekstra had moeten bellen."));
    answers.push(("child_words", "Ik mis Sanne en Daantje niet."));

    let preview = post("/nl/verhaal/voorbeeld", &answers).await.unwrap();
    assert_eq!(preview.status(), 200);
    let preview = preview.text().await.unwrap();
    let seal = extract_value(&preview, "name=\"seal\" value=\"").expect("a sealed preview");
    answers.push(("seal", &seal));
    let sent = post("/nl/verhaal/versturen", &answers).await.unwrap();
    assert_eq!(sent.status(), 200);
    let code = extract_code(&sent.text().await.unwrap()).expect("stored");

    let stored = database_bytes(&db_dir);
    for word in ORDINARY {
        assert!(
            contains(&stored, word),
            "the story's word {word} is not stored"
        );
    }
    for value in PLANTED
        .iter()
        .chain(&["Hoekstra", "Daantje", USER_AGENT, FORWARDED, PEER])
    {
        assert!(
            !contains(&stored, value),
            "the database files contain {value}"
        );
    }
    assert!(
        !contains(&stored, &code.replace('-', "")),
        "the code itself is stored"
    );

    // Withdrawal deletes, and after it not even the ordinary words remain in the files.
    let withdrawn = post(
        "/nl/verhaal/intrekken",
        &[("code", &code), ("confirm", "yes")],
    )
    .await
    .unwrap();
    assert_eq!(withdrawn.status(), 200);
    let after = database_bytes(&db_dir);
    for word in ORDINARY {
        assert!(
            !contains(&after, word),
            "{word} is still in the database files"
        );
    }

    let log = server.stop();
    // When a story was sent must not be recoverable from the log's timestamps.
    for route in [
        "verhaal/voorbeeld",
        "verhaal/versturen",
        "verhaal/intrekken",
    ] {
        assert!(!log.contains(route), "the log records {route}:\n{log}");
    }
    assert!(
        log.contains("kanarie::access"),
        "no access log captured:\n{log}"
    );
    for value in PLANTED.iter().chain(&[
        "Hoekstra",
        "Daantje",
        USER_AGENT,
        "Privacy-Test",
        FORWARDED,
        PEER,
        "koptelefoon",
        &code,
    ]) {
        assert!(!log.contains(value), "the log contains {value}:\n{log}");
    }
}
