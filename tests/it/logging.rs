//! What reaches the log. These tests run the real binary and read its standard error, the
//! log an operator would keep.

use std::io::{BufRead, BufReader, Read};
use std::net::IpAddr;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A kanarie process whose log is collected line by line.
pub struct LoggedServer {
    child: Child,
    pub address: String,
    lines: mpsc::Receiver<String>,
    pub log: Vec<String>,
}

impl LoggedServer {
    pub fn start(database_url: &str, extra: &[(&str, &str)]) -> LoggedServer {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kanarie"))
            .arg("serve")
            .env("KANARIE_BIND", "127.0.0.1:0")
            .env("KANARIE_DATABASE_URL", database_url)
            .env("RUST_LOG", "trace")
            .envs(extra.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start kanarie");
        let stderr = child.stderr.take().expect("stderr");
        let (sender, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = LoggedServer {
            child,
            address: String::new(),
            lines,
            log: Vec::new(),
        };
        while server.address.is_empty() {
            let line = server
                .lines
                .recv_timeout(Duration::from_secs(60))
                .expect("kanarie starts within a minute");
            if line.contains("kanarie listening") {
                let address = line
                    .split("address=")
                    .nth(1)
                    .and_then(|rest| rest.split_whitespace().next())
                    .expect("address in the start line");
                server.address = format!("http://{address}");
            }
            server.log.push(line);
        }
        server
    }

    /// Asks the server to stop (SIGTERM), waits for it, and returns its exit status and log.
    pub fn terminate(mut self) -> (std::process::ExitStatus, String) {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let status = self.child.wait().expect("kanarie exits");
        while let Ok(line) = self.lines.recv_timeout(Duration::from_millis(500)) {
            self.log.push(line);
        }
        (status, self.log.join("\n"))
    }

    /// Stops the server and returns everything it logged.
    pub fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        while let Ok(line) = self.lines.recv_timeout(Duration::from_millis(500)) {
            self.log.push(line);
        }
        if let Some(mut stderr) = self.child.stderr.take() {
            let mut rest = String::new();
            let _ = stderr.read_to_string(&mut rest);
            self.log.push(rest);
        }
        self.log.join("\n")
    }
}

#[actix_web::test]
async fn the_log_keeps_no_user_agent_forwarded_address_peer_address_or_query() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("k.db").display());
    let server = LoggedServer::start(&url, &[]);

    // The client speaks from its own loopback address, so the peer address is distinctive.
    let peer: IpAddr = "127.0.0.77".parse().unwrap();
    let client = reqwest::Client::builder()
        .local_address(peer)
        .build()
        .unwrap();
    for path in ["/nl/?wie=GeheimeQuery", "/en/missing-page-Zq9", "/healthz"] {
        let response = client
            .get(format!("{}{path}", server.address))
            .header("User-Agent", "DistinctiveAgent/9.3 (Kanarie-Test)")
            .header("X-Forwarded-For", "203.0.113.199, 198.51.100.23")
            .header("Referer", "https://referrer.example/VanWaar")
            .send()
            .await
            .unwrap();
        assert!(response.status().as_u16() < 500);
    }
    let log = server.stop();

    assert!(
        log.contains("kanarie::access"),
        "the access log was not captured, so the test proves nothing:\n{log}"
    );
    assert!(log.contains("route=\"/{lang:nl|en}/\""), "{log}");
    for forbidden in [
        "DistinctiveAgent",
        "Kanarie-Test",
        "203.0.113.199",
        "198.51.100.23",
        "127.0.0.77",
        "referrer.example",
        "VanWaar",
        "GeheimeQuery",
        "missing-page-Zq9",
    ] {
        assert!(
            !log.contains(forbidden),
            "the log contains {forbidden}:\n{log}"
        );
    }
}
