//! A small real SMTP server for tests: it speaks enough SMTP for lettre over plain TCP on
//! 127.0.0.1 and records every message. `set_failing(true)` makes it answer every
//! MAIL FROM with `451`, like a mail server that is down for a while.
//!
//! Each connection gets a thread of its own, so the sink never depends on the test's
//! runtime and a pooled connection lettre keeps open blocks nobody.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// One message as it arrived: envelope and the DATA after dot-unstuffing.
#[derive(Clone, Debug)]
pub struct ReceivedMail {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    /// Headers and body, lines joined with CRLF, without the final `.` line.
    pub data: String,
}

impl ReceivedMail {
    /// The value of the first header called `name` (unfolded).
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next().unwrap_or("");
        let mut value: Option<String> = None;
        let mut in_header = false;
        for line in head.split("\r\n") {
            if line.starts_with([' ', '\t']) {
                if in_header {
                    if let Some(v) = value.as_mut() {
                        v.push(' ');
                        v.push_str(line.trim());
                    }
                }
                continue;
            }
            if value.is_some() {
                break;
            }
            if let Some((key, rest)) = line.split_once(':') {
                in_header = key.eq_ignore_ascii_case(name);
                if in_header {
                    value = Some(rest.trim().to_owned());
                }
            }
        }
        value
    }

    /// The body decoded as text (7bit, 8bit, quoted-printable or base64).
    pub fn body_text(&self) -> String {
        let body = self
            .data
            .split_once("\r\n\r\n")
            .map_or("", |(_, body)| body);
        let encoding = self
            .header("Content-Transfer-Encoding")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let text = match encoding.as_str() {
            "quoted-printable" => decode_quoted_printable(body),
            "base64" => {
                let compact: String = body.split_whitespace().collect();
                let bytes = data_encoding::BASE64
                    .decode(compact.as_bytes())
                    .expect("base64 body");
                String::from_utf8(bytes).expect("UTF-8 body")
            }
            _ => body.to_owned(),
        };
        text.replace("\r\n", "\n")
    }
}

fn decode_quoted_printable(text: &str) -> String {
    let mut bytes = Vec::new();
    let input = text.as_bytes();
    let mut i = 0;
    while i < input.len() {
        match input[i] {
            b'=' if input[i + 1..].starts_with(b"\r\n") => i += 3,
            b'=' if i + 2 < input.len() => {
                let hex = std::str::from_utf8(&input[i + 1..i + 3]).expect("hex");
                bytes.push(u8::from_str_radix(hex, 16).expect("hex digits"));
                i += 3;
            }
            b'=' => i += 1,
            byte => {
                bytes.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(bytes).expect("UTF-8 body")
}

struct Shared {
    received: Mutex<Vec<ReceivedMail>>,
    failing: AtomicBool,
    stopped: AtomicBool,
}

/// A running sink; stops accepting connections when dropped.
pub struct SmtpSink {
    port: u16,
    shared: Arc<Shared>,
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the SMTP sink");
        let port = listener.local_addr().expect("sink address").port();
        let shared = Arc::new(Shared {
            received: Mutex::new(Vec::new()),
            failing: AtomicBool::new(false),
            stopped: AtomicBool::new(false),
        });
        let accepting = Arc::clone(&shared);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if accepting.stopped.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let shared = Arc::clone(&accepting);
                std::thread::spawn(move || {
                    let _ = serve(stream, &shared);
                });
            }
        });
        SmtpSink { port, shared }
    }

    /// The `KANARIE_SMTP_URL` that reaches this sink.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// While `true`, every MAIL FROM gets `451 try again later`.
    pub fn set_failing(&self, failing: bool) {
        self.shared.failing.store(failing, Ordering::SeqCst);
    }

    /// Every message received so far.
    pub fn received(&self) -> Vec<ReceivedMail> {
        self.shared.received.lock().expect("sink lock").clone()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.shared.stopped.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn serve(stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    let mut reply = |text: &str| -> std::io::Result<()> {
        writer.write_all(text.as_bytes())?;
        writer.write_all(b"\r\n")?;
        writer.flush()
    };
    reply("220 sink.localhost ESMTP test sink")?;

    let mut mail_from: Option<String> = None;
    let mut rcpt_to: Vec<String> = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end_matches(['\r', '\n']);
        let verb = command
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        match verb.as_str() {
            "EHLO" => {
                reply("250-sink.localhost greets you")?;
                reply("250-8BITMIME")?;
                reply("250 SMTPUTF8")?;
            }
            "HELO" => reply("250 sink.localhost")?,
            "MAIL" => {
                if shared.failing.load(Ordering::SeqCst) {
                    reply("451 4.3.0 try again later")?;
                } else {
                    mail_from = Some(angle_address(command));
                    rcpt_to.clear();
                    reply("250 2.1.0 OK")?;
                }
            }
            "RCPT" => {
                if mail_from.is_none() {
                    reply("503 5.5.1 MAIL first")?;
                } else {
                    rcpt_to.push(angle_address(command));
                    reply("250 2.1.5 OK")?;
                }
            }
            "DATA" => {
                if mail_from.is_none() || rcpt_to.is_empty() {
                    reply("503 5.5.1 MAIL and RCPT first")?;
                    continue;
                }
                reply("354 end data with <CR><LF>.<CR><LF>")?;
                let mut lines: Vec<String> = Vec::new();
                loop {
                    let mut data_line = String::new();
                    if reader.read_line(&mut data_line)? == 0 {
                        return Ok(());
                    }
                    let data_line = data_line.trim_end_matches(['\r', '\n']);
                    if data_line == "." {
                        break;
                    }
                    // Dot-unstuffing: a leading dot was doubled by the client.
                    let unstuffed = data_line.strip_prefix('.').unwrap_or(data_line);
                    lines.push(unstuffed.to_owned());
                }
                shared
                    .received
                    .lock()
                    .expect("sink lock")
                    .push(ReceivedMail {
                        mail_from: mail_from.take().unwrap_or_default(),
                        rcpt_to: std::mem::take(&mut rcpt_to),
                        data: lines.join("\r\n"),
                    });
                reply("250 2.0.0 queued")?;
            }
            "RSET" => {
                mail_from = None;
                rcpt_to.clear();
                reply("250 2.0.0 OK")?;
            }
            "NOOP" => reply("250 2.0.0 OK")?,
            "QUIT" => {
                reply("221 2.0.0 bye")?;
                return Ok(());
            }
            _ => reply("502 5.5.2 command not implemented")?,
        }
    }
}

/// The address between `<` and `>` in `MAIL FROM:<a@b> ...` or `RCPT TO:<a@b>`.
fn angle_address(command: &str) -> String {
    command
        .split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(address, _)| address.to_owned())
        .unwrap_or_default()
}
