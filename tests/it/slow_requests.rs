//! Requests that arrive too slowly are answered 408 and their connection is closed, so a
//! client trickling a body or headers cannot hold a connection for as long as it likes.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::helpers::{Backend, TestApp};

/// Sends `head`, then one byte of `trickle` at a time with a pause between them, reading
/// whatever the server answers. Returns the answer and whether the server closed the
/// connection. Gives up after `trickle` is used up: a server that never answers has kept
/// the connection open for as long as the client wanted.
fn trickle(address: &str, head: &str, trickle: &[u8]) -> (String, bool) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(400)))
        .unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    for byte in trickle {
        if stream.write_all(&[*byte]).is_err() {
            // The server has closed the connection; read what it said before.
            break;
        }
        match stream.read(&mut buffer) {
            Ok(0) => return (String::from_utf8_lossy(&answer).into_owned(), true),
            Ok(n) => answer.extend_from_slice(&buffer[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => return (String::from_utf8_lossy(&answer).into_owned(), true),
        }
    }
    // After the answer (or after giving up), is the connection closed?
    let mut closed = false;
    for _ in 0..10 {
        match stream.read(&mut buffer) {
            Ok(0) => {
                closed = true;
                break;
            }
            Ok(n) => answer.extend_from_slice(&buffer[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => {
                closed = true;
                break;
            }
        }
    }
    (String::from_utf8_lossy(&answer).into_owned(), closed)
}

#[actix_web::test]
async fn a_trickled_body_is_answered_408_and_its_connection_closed() {
    let app = TestApp::builder(Backend::Sqlite)
        .with(|config| config.request_timeout = std::time::Duration::from_secs(2))
        .spawn()
        .await;
    let address = app.address.trim_start_matches("http://").to_owned();
    let heads = [
        // A questionnaire sent with its length announced...
        "POST /nl/verhaal/versturen HTTP/1.1\r\nHost: kanarie.test\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\n",
        // ...and in chunks, which a server may otherwise keep reading to reuse the connection.
        "POST /en/story/send HTTP/1.1\r\nHost: kanarie.test\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n\
         fa0\r\n",
        // A page that reads no body at all: the body is still read, with its deadline.
        "GET /nl/ HTTP/1.1\r\nHost: kanarie.test\r\nTransfer-Encoding: chunked\r\n\r\nfa0\r\n",
        // A moderator's form: every body has the deadline, not only the questionnaire's.
        "POST /moderation/sign-in HTTP/1.1\r\nHost: kanarie.test\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\n",
    ];
    for head in heads {
        let head = head.to_owned();
        let address = address.clone();
        // 40 bytes at one per 0.4 s or so: well past the 2-second deadline.
        let (answer, closed) =
            actix_web::rt::task::spawn_blocking(move || trickle(&address, &head, &[b'a'; 40]))
                .await
                .unwrap();
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer:?}");
        assert!(
            closed,
            "the connection stayed open after the 408: {answer:?}"
        );
        assert!(
            answer.contains("Dat duurde te lang") || answer.contains("That took too long"),
            "{answer}"
        );
    }

    // Headers that trickle in are timed out too.
    let first = address.clone();
    let (answer, closed) = actix_web::rt::task::spawn_blocking(move || {
        trickle(
            &first,
            "GET /nl/ HTTP/1.1\r\n",
            b"Host: kanarie.test\r\nX-Trage-Kop: aaaaaaaaaaaaaaaaaaaa",
        )
    })
    .await
    .unwrap();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer:?}");
    assert!(closed);

    // So are the headers of a later request on a kept-alive connection, which actix-web
    // alone would wait for as long as they take: the connection is shut.
    let (answer, closed) = actix_web::rt::task::spawn_blocking(move || {
        trickle(
            &address,
            "GET /healthz HTTP/1.1\r\nHost: kanarie.test\r\n\r\nGET /healthz HTTP/1.1\r\n",
            &[b'a'; 40],
        )
    })
    .await
    .unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 200"),
        "the first request is answered: {answer:?}"
    );
    assert_eq!(answer.matches("HTTP/1.1").count(), 1, "{answer:?}");
    assert!(closed, "a kept-alive connection waited for slow headers");

    // A body sent at once is not affected.
    let response = app
        .client
        .post(app.url("/moderation/sign-in"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("token=x&email=a%40b.nl&password=p")
        .send()
        .await
        .unwrap();
    assert_ne!(response.status(), 408);
}
