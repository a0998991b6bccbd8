//! Mail settings from environment variables.
//!
//! `KANARIE_SMTP_URL` holds the SMTP password; it is kept private here, never logged, and
//! `Debug` shows only the scheme, host and port.

use std::fmt;
use std::time::Duration;

use lettre::message::Mailbox;
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::Tokio1Executor;

use secrecy::{ExposeSecret, SecretString};

use super::ConfigError;

/// How kanarie sends mail. Without `KANARIE_SMTP_URL` nothing is sent: mails wait in the
/// outbox and callers show links on screen instead.
#[derive(Clone)]
pub struct MailConfig {
    /// The lettre connection URL, with credentials; private so it is never printed.
    smtp_url: Option<SecretString>,
    /// The sender of every mail (`From` and envelope sender).
    pub from: Mailbox,
    /// At most one review notice per this interval, across all instances.
    pub notice_interval: Duration,
    /// The first retry waits this long; each further failure doubles it, up to `max_backoff`.
    pub retry_base: Duration,
    /// The longest wait between two attempts; failing mails keep being retried at this pace.
    pub max_backoff: Duration,
    /// How often the background worker looks for due mail.
    pub poll_interval: Duration,
    /// One SMTP conversation (connect to the last reply) is abandoned after this long; it
    /// must stay below the 60-second claim so no other instance takes the mail meanwhile.
    pub send_timeout: Duration,
}

const SMTP_EXPECTED: &str = "smtps://USER:PASSWORD@HOST:465 (TLS) or \
     smtp://USER:PASSWORD@HOST:587?tls=required (STARTTLS); plain smtp://HOST:PORT only to localhost";
const FROM_EXPECTED: &str = "a mailbox such as kanarie <noreply@example.nl>";
const INTERVAL_EXPECTED: &str = "a whole number of minutes of at least 1";

impl MailConfig {
    /// Reads the mail settings through `lookup` (the process environment in production).
    pub fn from_lookup(lookup: &dyn Fn(&str) -> Option<String>) -> Result<MailConfig, ConfigError> {
        let read = |name: &str| {
            lookup(name)
                .map(|value| value.trim().to_owned())
                .filter(|value| !value.is_empty())
        };

        // Plain SMTP to a host that is not this machine sends passwords and links in the
        // clear; only an explicit setting (an SMTP catcher on a private network, as in
        // docker-compose.yml) allows it.
        let allow_plain = match read("KANARIE_SMTP_ALLOW_PLAINTEXT").map(|v| v.to_ascii_lowercase())
        {
            None => false,
            Some(v) if v == "true" || v == "1" => true,
            Some(v) if v == "false" || v == "0" => false,
            Some(_) => {
                return Err(ConfigError {
                    variable: "KANARIE_SMTP_ALLOW_PLAINTEXT",
                    expected: "true or false",
                })
            }
        };
        let smtp_url = match read("KANARIE_SMTP_URL") {
            None => None,
            Some(url) => {
                check_smtp_url(&url, allow_plain).map_err(|()| ConfigError {
                    variable: "KANARIE_SMTP_URL",
                    expected: SMTP_EXPECTED,
                })?;
                Some(url.into())
            }
        };

        let from = read("KANARIE_MAIL_FROM")
            .unwrap_or_else(|| "kanarie <noreply@localhost>".to_owned())
            .parse::<Mailbox>()
            .map_err(|_| ConfigError {
                variable: "KANARIE_MAIL_FROM",
                expected: FROM_EXPECTED,
            })?;

        let minutes = match read("KANARIE_NOTICE_INTERVAL_MINUTES") {
            None => 60,
            Some(value) => value
                .parse::<u64>()
                .ok()
                .filter(|m| (1..=527_040).contains(m))
                .ok_or(ConfigError {
                    variable: "KANARIE_NOTICE_INTERVAL_MINUTES",
                    expected: INTERVAL_EXPECTED,
                })?,
        };

        Ok(MailConfig {
            smtp_url,
            from,
            notice_interval: Duration::from_secs(minutes * 60),
            retry_base: Duration::from_secs(30),
            max_backoff: Duration::from_secs(3600),
            poll_interval: Duration::from_secs(5),
            send_timeout: Duration::from_secs(45),
        })
    }

    /// The same settings, sending through `url`: checked as `KANARIE_SMTP_URL` is (plain
    /// SMTP only to this machine).
    pub fn with_smtp_url(mut self, url: &str) -> Result<MailConfig, ConfigError> {
        check_smtp_url(url, false).map_err(|()| ConfigError {
            variable: "KANARIE_SMTP_URL",
            expected: SMTP_EXPECTED,
        })?;
        self.smtp_url = Some(url.into());
        Ok(self)
    }

    /// Whether an SMTP server is configured (otherwise mails stay in the outbox).
    pub fn is_configured(&self) -> bool {
        self.smtp_url.is_some()
    }

    /// Where mail goes, safe for logs: scheme, host and port, never the credentials.
    pub fn describe_server(&self) -> Option<String> {
        self.smtp_url
            .as_ref()
            .map(|url| describe_url(url.expose_secret()))
    }

    /// A new SMTP transport; `None` when SMTP is not configured. Needs a running tokio
    /// runtime (the connection pool starts a task).
    pub(crate) fn transport(
        &self,
    ) -> Result<Option<AsyncSmtpTransport<Tokio1Executor>>, lettre::transport::smtp::Error> {
        let Some(url) = self.smtp_url.as_ref().map(ExposeSecret::expose_secret) else {
            return Ok(None);
        };
        let timeout = self.send_timeout.min(Duration::from_secs(20));
        Ok(Some(
            AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?
                .timeout(Some(timeout))
                .build(),
        ))
    }
}

impl fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MailConfig")
            .field("smtp", &self.describe_server())
            .field("from", &self.from.to_string())
            .field("notice_interval", &self.notice_interval)
            .field("retry_base", &self.retry_base)
            .field("max_backoff", &self.max_backoff)
            .field("poll_interval", &self.poll_interval)
            .field("send_timeout", &self.send_timeout)
            .finish()
    }
}

/// The parts of an SMTP URL that matter for the checks, without the credentials.
struct UrlParts<'a> {
    scheme: &'a str,
    /// `host` or `host:port` (IPv6 in brackets).
    host_port: &'a str,
    host: &'a str,
    query: &'a str,
}

fn split_url(url: &str) -> Option<UrlParts<'_>> {
    let (scheme, rest) = url.split_once("://")?;
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let query = rest[authority_end..]
        .split_once('?')
        .map_or("", |(_, q)| q.split('#').next().unwrap_or(""));
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(inner) = host_port.strip_prefix('[') {
        inner.split(']').next().unwrap_or("")
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    Some(UrlParts {
        scheme,
        host_port,
        host,
        query,
    })
}

fn describe_url(url: &str) -> String {
    match split_url(url) {
        Some(parts) => format!("{}://{}", parts.scheme, parts.host_port),
        None => "an SMTP server".to_owned(),
    }
}

/// Accepts TLS (`smtps://`), STARTTLS (`smtp://...?tls=required`) and plain SMTP only to
/// the local machine, where nothing crosses a network.
fn check_smtp_url(url: &str, allow_plain: bool) -> Result<(), ()> {
    let parts = split_url(url).ok_or(())?;
    if parts.host.is_empty() {
        return Err(());
    }
    let tls = parts
        .query
        .split('&')
        .find_map(|pair| pair.strip_prefix("tls="));
    let encrypted = match (parts.scheme, tls) {
        ("smtps", None) => true,
        ("smtp", Some("required")) => true,
        ("smtp", None) => false,
        _ => return Err(()),
    };
    let local = parts.host.eq_ignore_ascii_case("localhost")
        || parts
            .host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    if !encrypted && !local && !allow_plain {
        return Err(());
    }
    // lettre's own parser decides the rest (port, percent-encoded credentials).
    AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
        .map(drop)
        .map_err(drop)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn config(vars: &[(&str, &str)]) -> Result<MailConfig, ConfigError> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        MailConfig::from_lookup(&|name| {
            vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn without_smtp_nothing_is_sent_and_defaults_apply() {
        let config = config(&[]).unwrap();
        assert!(!config.is_configured());
        assert_eq!(config.from.to_string(), "kanarie <noreply@localhost>");
        assert_eq!(config.notice_interval, Duration::from_secs(3600));
        assert_eq!(config.describe_server(), None);
    }

    #[test]
    fn tls_starttls_and_local_plain_smtp_are_accepted() {
        for url in [
            "smtps://user:pass@mail.example.nl:465",
            "smtps://mail.example.nl",
            "smtp://user:pass@mail.example.nl:587?tls=required",
            "smtp://127.0.0.1:2525",
            "smtp://localhost:25",
            "smtp://[::1]:25",
        ] {
            let config = config(&[("KANARIE_SMTP_URL", url)]).unwrap();
            assert!(config.is_configured(), "{url}");
        }
    }

    #[test]
    fn unencrypted_smtp_to_another_machine_is_refused() {
        for url in [
            "smtp://user:pass@mail.example.nl:587",
            "smtp://mail.example.nl:587?tls=opportunistic",
            "smtp://192.168.1.5:25",
            "http://mail.example.nl",
            "mail.example.nl:587",
            "smtps://",
        ] {
            let err = config(&[("KANARIE_SMTP_URL", url)]).unwrap_err();
            assert_eq!(err.variable, "KANARIE_SMTP_URL", "{url}");
        }
    }

    #[test]
    fn bad_values_name_the_variable() {
        for (variable, value) in [
            ("KANARIE_MAIL_FROM", "not a mailbox"),
            ("KANARIE_NOTICE_INTERVAL_MINUTES", "0"),
            ("KANARIE_NOTICE_INTERVAL_MINUTES", "een uur"),
        ] {
            assert_eq!(config(&[(variable, value)]).unwrap_err().variable, variable);
        }
        let config = config(&[
            ("KANARIE_MAIL_FROM", "Verhalen <verhalen@example.nl>"),
            ("KANARIE_NOTICE_INTERVAL_MINUTES", "15"),
        ])
        .unwrap();
        assert_eq!(config.from.email.to_string(), "verhalen@example.nl");
        assert_eq!(config.notice_interval, Duration::from_secs(900));
    }

    #[test]
    fn the_password_never_shows() {
        let config = config(&[(
            "KANARIE_SMTP_URL",
            "smtps://kanarie:geheim-wachtwoord@mail.example.nl:465",
        )])
        .unwrap();
        let debug = format!("{config:?}");
        assert!(!debug.contains("geheim"), "{debug}");
        assert_eq!(
            config.describe_server().unwrap(),
            "smtps://mail.example.nl:465"
        );
    }

    #[test]
    fn plain_smtp_to_another_host_needs_the_explicit_setting() {
        assert!(config(&[("KANARIE_SMTP_URL", "smtp://mail:1025")]).is_err());
        let allowed = config(&[
            ("KANARIE_SMTP_URL", "smtp://mail:1025"),
            ("KANARIE_SMTP_ALLOW_PLAINTEXT", "true"),
        ])
        .unwrap();
        assert!(allowed.is_configured());
        assert!(config(&[("KANARIE_SMTP_ALLOW_PLAINTEXT", "soms")]).is_err());
    }
}
