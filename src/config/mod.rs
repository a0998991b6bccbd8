//! Configuration from environment variables, read once at start.
//!
//! Every variable has a default that works on a laptop; a bad value stops the program with
//! one line naming the variable and what was expected (see `ConfigError`).

pub mod mail;
pub mod stats;

pub use mail::MailConfig;
pub use stats::StatsConfig;

use std::net::SocketAddr;

use secrecy::{ExposeSecret, SecretSlice, SecretString};
use std::path::PathBuf;

/// Where the stories live. The URL scheme decides the backend.
#[derive(Clone, Debug)]
pub enum DatabaseTarget {
    /// `sqlite://path`: a file, relative to the working directory or absolute (`sqlite:///abs`).
    Sqlite(PathBuf),
    /// `postgres://...` or `postgresql://...`, passed to libpq as it is. A secret: the URL
    /// may hold the password.
    Postgres(SecretString),
}

impl DatabaseTarget {
    pub fn parse(url: &str) -> Result<DatabaseTarget, &'static str> {
        const EXPECTED: &str =
            "sqlite://PATH (e.g. sqlite://data/kanarie.db) or postgres://USER@HOST/DB";
        if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() || path.ends_with('/') {
                return Err(EXPECTED);
            }
            return Ok(DatabaseTarget::Sqlite(PathBuf::from(path)));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DatabaseTarget::Postgres(url.into()));
        }
        Err(EXPECTED)
    }

    /// A description safe for logs: never the PostgreSQL password.
    pub fn describe(&self) -> String {
        match self {
            DatabaseTarget::Sqlite(path) => format!("SQLite at {}", path.display()),
            DatabaseTarget::Postgres(url) => {
                let url = url.expose_secret();
                let host = url
                    .split_once('@')
                    .map(|(_, rest)| rest)
                    .unwrap_or_else(|| url.split_once("://").map_or(url, |(_, r)| r));
                format!("PostgreSQL at {}", host.split('?').next().unwrap_or(host))
            }
        }
    }
}

/// A configuration value that cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{variable}: expected {expected}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub expected: &'static str,
}

#[derive(Clone, Debug)]
pub struct Config {
    pub bind: SocketAddr,
    pub database: DatabaseTarget,
    /// The address people reach kanarie at, used in links that leave the site (mail, feeds).
    pub public_url: String,
    /// Seconds a person needs at least between being served the form and sending it;
    /// anything faster is a bot and gets a success-looking page while nothing is stored.
    pub min_fill_seconds: u64,
    /// The key that signs form tokens (32 bytes); `None` means a random key per process
    /// (fine for one instance; several instances need the same key).
    pub secret_key: Option<SecretSlice<u8>>,
    /// A header set by a trusted reverse proxy with the client's address, used only to
    /// rate-limit (never logged or stored).
    pub client_ip_header: Option<String>,
    /// Stories one address may send per hour, per instance.
    pub submissions_per_hour: u32,
    /// Plain-http session cookies (no `Secure`, no `__Host-` prefix), for http://localhost only.
    pub insecure_cookies: bool,
    /// A story needs approvals from two different moderators before it is approved.
    pub two_person_approval: bool,
    /// Admins must set up two-step sign-in (TOTP) before they can use admin pages.
    pub require_totp_for_admins: bool,
    /// Pending stories older than this many days are reported to admins.
    pub stale_review_days: u32,
    /// Who reads the stories, named on the thank-you page ("Oudervereniging Balans");
    /// `None`: the page says "volunteers of the organisation behind this site".
    pub organisation_name: Option<String>,
    /// Bearer token a Prometheus scraper sends to read `/metrics`; unset: `/metrics` is off.
    pub metrics_token: Option<SecretString>,
    /// Sites allowed to frame `/embed` (`frame-ancestors`); `None` means any site.
    pub embed_origins: Option<Vec<String>>,
    /// SMTP and notices (`KANARIE_SMTP_URL`, `KANARIE_MAIL_FROM`, ...).
    pub mail: MailConfig,
    /// Statistics: suppression threshold and batch interval (`KANARIE_STATS_...`).
    pub stats: StatsConfig,
    /// A request's body must arrive within this long of its headers, and the headers of a
    /// new connection's first request within this long too (at most 5 s); else 408.
    pub request_timeout: std::time::Duration,
}

impl Config {
    /// Reads the configuration from the process environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the configuration through `lookup`, so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let read = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());

        let bind = match read("KANARIE_BIND") {
            None => SocketAddr::from(([127, 0, 0, 1], 8080)),
            Some(value) => value.trim().parse().map_err(|_| ConfigError {
                variable: "KANARIE_BIND",
                expected: "an address and port such as 127.0.0.1:8080 or [::]:8080",
            })?,
        };

        let database_url =
            read("KANARIE_DATABASE_URL").unwrap_or_else(|| "sqlite://data/kanarie.db".to_owned());
        let database =
            DatabaseTarget::parse(database_url.trim()).map_err(|expected| ConfigError {
                variable: "KANARIE_DATABASE_URL",
                expected,
            })?;

        let public_url = match read("KANARIE_PUBLIC_URL") {
            None => format!("http://{bind}"),
            Some(value) => parse_public_url(value.trim()).ok_or(ConfigError {
                variable: "KANARIE_PUBLIC_URL",
                expected:
                    "an http:// or https:// URL without query, such as https://verhalen.example.nl",
            })?,
        };

        let min_fill_seconds = match read("KANARIE_MIN_FILL_SECONDS") {
            None => 3,
            Some(value) => value
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|s| *s <= 3600)
                .ok_or(ConfigError {
                    variable: "KANARIE_MIN_FILL_SECONDS",
                    expected: "a whole number of seconds from 0 to 3600",
                })?,
        };

        let secret_key = match read("KANARIE_SECRET_KEY") {
            None => None,
            Some(value) if value.trim().chars().count() >= 32 => {
                use sha2::Digest;
                Some(
                    sha2::Sha256::digest(value.trim().as_bytes())
                        .to_vec()
                        .into(),
                )
            }
            Some(_) => {
                return Err(ConfigError {
                    variable: "KANARIE_SECRET_KEY",
                    expected: "at least 32 random characters (e.g. from `openssl rand -hex 32`)",
                })
            }
        };

        let client_ip_header = match read("KANARIE_CLIENT_IP_HEADER") {
            None => None,
            Some(value) => {
                let name = value.trim().to_ascii_lowercase();
                let valid = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
                if !valid {
                    return Err(ConfigError {
                        variable: "KANARIE_CLIENT_IP_HEADER",
                        expected: "an HTTP header name such as X-Real-IP",
                    });
                }
                Some(name)
            }
        };

        let submissions_per_hour = match read("KANARIE_SUBMISSIONS_PER_HOUR") {
            None => 20,
            Some(value) => {
                value
                    .trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|n| *n >= 1)
                    .ok_or(ConfigError {
                        variable: "KANARIE_SUBMISSIONS_PER_HOUR",
                        expected: "a whole number of at least 1",
                    })?
            }
        };

        let flag = |variable: &'static str| -> Result<bool, ConfigError> {
            match read(variable).map(|v| v.trim().to_ascii_lowercase()) {
                None => Ok(false),
                Some(v) if ["1", "true", "yes", "on"].contains(&v.as_str()) => Ok(true),
                Some(v) if ["0", "false", "no", "off"].contains(&v.as_str()) => Ok(false),
                Some(_) => Err(ConfigError {
                    variable,
                    expected: "true or false",
                }),
            }
        };
        let insecure_cookies = flag("KANARIE_INSECURE_COOKIES")?;
        let two_person_approval = flag("KANARIE_TWO_PERSON_APPROVAL")?;
        let require_totp_for_admins = flag("KANARIE_REQUIRE_TOTP_FOR_ADMINS")?;
        let stale_review_days = match read("KANARIE_STALE_REVIEW_DAYS") {
            None => 14,
            Some(value) => value
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=3650).contains(n))
                .ok_or(ConfigError {
                    variable: "KANARIE_STALE_REVIEW_DAYS",
                    expected: "a whole number of days from 1 to 3650",
                })?,
        };

        let organisation_name = match read("KANARIE_ORGANISATION_NAME") {
            None => None,
            Some(name)
                if name.trim().chars().count() <= 100 && !name.chars().any(char::is_control) =>
            {
                Some(name.trim().to_owned())
            }
            Some(_) => {
                return Err(ConfigError {
                    variable: "KANARIE_ORGANISATION_NAME",
                    expected: "a name of at most 100 characters on one line",
                })
            }
        };

        let mail = MailConfig::from_lookup(&|name| read(name))?;
        let embed_origins = match read("KANARIE_EMBED_ALLOWED_ORIGINS") {
            None => None,
            Some(list) => {
                let origins: Option<Vec<String>> = list
                    .split([',', ' '])
                    .filter(|o| !o.is_empty())
                    .map(|origin| {
                        let origin = origin.trim_end_matches('/');
                        let host = origin
                            .strip_prefix("https://")
                            .or_else(|| origin.strip_prefix("http://"))?;
                        let valid = !host.is_empty()
                            && host
                                .chars()
                                .all(|c| c.is_ascii_alphanumeric() || ".-:[]*".contains(c));
                        valid.then(|| origin.to_owned())
                    })
                    .collect();
                Some(origins.filter(|o| !o.is_empty()).ok_or(ConfigError {
                    variable: "KANARIE_EMBED_ALLOWED_ORIGINS",
                    expected: "origins separated by commas, such as https://campagne.example,https://www.example.org",
                })?)
            }
        };
        let stats = StatsConfig::from_lookup(&|name| read(name))?;

        let request_timeout = match read("KANARIE_REQUEST_TIMEOUT_SECONDS") {
            None => 30,
            Some(value) => value
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|s| (1..=3600).contains(s))
                .ok_or(ConfigError {
                    variable: "KANARIE_REQUEST_TIMEOUT_SECONDS",
                    expected: "a whole number of seconds from 1 to 3600",
                })?,
        };
        let request_timeout = std::time::Duration::from_secs(request_timeout);

        let metrics_token = match read("KANARIE_METRICS_TOKEN") {
            None => None,
            Some(token) if token.trim().len() >= 16 && token.trim().is_ascii() => {
                Some(token.trim().into())
            }
            Some(_) => {
                return Err(ConfigError {
                    variable: "KANARIE_METRICS_TOKEN",
                    expected: "at least 16 ASCII characters",
                })
            }
        };

        Ok(Config {
            request_timeout,
            metrics_token,
            embed_origins,
            mail,
            stats,
            insecure_cookies,
            two_person_approval,
            require_totp_for_admins,
            stale_review_days,
            organisation_name,
            bind,
            database,
            public_url,
            min_fill_seconds,
            secret_key,
            client_ip_header,
            submissions_per_hour,
        })
    }
}

fn parse_public_url(value: &str) -> Option<String> {
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))?;
    let host = rest.split('/').next().unwrap_or("");
    let acceptable = !host.is_empty()
        && !rest.contains(['?', '#', ' ', '"', '<', '>'])
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c));
    acceptable.then(|| value.trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::path::Path;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|name| vars.get(name).cloned())
    }

    #[test]
    fn defaults_work_on_a_laptop() {
        let config = config(&[]).unwrap();
        assert_eq!(config.bind.to_string(), "127.0.0.1:8080");
        assert!(
            matches!(&config.database, DatabaseTarget::Sqlite(path) if path == Path::new("data/kanarie.db"))
        );
        assert_eq!(config.public_url, "http://127.0.0.1:8080");
    }

    #[test]
    fn sqlite_paths_may_be_relative_or_absolute_and_postgres_is_chosen_by_scheme() {
        assert!(matches!(
            DatabaseTarget::parse("sqlite:///var/lib/kanarie/kanarie.db"),
            Ok(DatabaseTarget::Sqlite(path)) if path == Path::new("/var/lib/kanarie/kanarie.db")
        ));
        assert!(matches!(
            DatabaseTarget::parse("postgresql://u:pw@db:5432/k"),
            Ok(DatabaseTarget::Postgres(_))
        ));
        assert!(DatabaseTarget::parse("mysql://x").is_err());
        assert!(DatabaseTarget::parse("sqlite://").is_err());
    }

    #[test]
    fn the_organisation_is_named_when_set_and_kept_to_one_short_line() {
        assert_eq!(config(&[]).unwrap().organisation_name, None);
        let named = config(&[("KANARIE_ORGANISATION_NAME", " Oudervereniging Balans ")]).unwrap();
        assert_eq!(
            named.organisation_name.as_deref(),
            Some("Oudervereniging Balans")
        );
        for bad in ["Balans\nen meer", &"x".repeat(101)] {
            let err = config(&[("KANARIE_ORGANISATION_NAME", bad)]).unwrap_err();
            assert_eq!(err.variable, "KANARIE_ORGANISATION_NAME");
        }
    }

    #[test]
    fn bad_values_name_the_variable() {
        let err = config(&[("KANARIE_BIND", "localhost")]).unwrap_err();
        assert_eq!(err.variable, "KANARIE_BIND");
        let err = config(&[("KANARIE_DATABASE_URL", "kanarie.db")]).unwrap_err();
        assert_eq!(err.variable, "KANARIE_DATABASE_URL");
        for (variable, value) in [
            ("KANARIE_MIN_FILL_SECONDS", "drie"),
            ("KANARIE_SECRET_KEY", "too-short"),
            ("KANARIE_CLIENT_IP_HEADER", "X Real IP"),
            ("KANARIE_SUBMISSIONS_PER_HOUR", "0"),
            ("KANARIE_TWO_PERSON_APPROVAL", "misschien"),
            ("KANARIE_STALE_REVIEW_DAYS", "0"),
        ] {
            assert_eq!(config(&[(variable, value)]).unwrap_err().variable, variable);
        }
        let err = config(&[("KANARIE_PUBLIC_URL", "verhalen.example.nl")]).unwrap_err();
        assert_eq!(err.variable, "KANARIE_PUBLIC_URL");
        assert!(err.to_string().starts_with("KANARIE_PUBLIC_URL: expected"));
    }

    #[test]
    fn debug_output_holds_no_secret() {
        let config = config(&[
            (
                "KANARIE_DATABASE_URL",
                "postgres://kanarie:db-wachtwoord-geheim@db:5432/kanarie",
            ),
            (
                "KANARIE_SECRET_KEY",
                "sleutel-van-minstens-tweeendertig-tekens",
            ),
            ("KANARIE_METRICS_TOKEN", "meet-token-dat-niemand-kent"),
            (
                "KANARIE_SMTP_URL",
                "smtps://kanarie:smtp-wachtwoord-geheim@mail.example.nl:465",
            ),
        ])
        .unwrap();
        assert!(config.secret_key.is_some() && config.metrics_token.is_some());
        let printed = format!("{config:?} {config:#?}");
        for secret in [
            "db-wachtwoord-geheim",
            "meet-token",
            "smtp-wachtwoord-geheim",
            "kanarie:",
        ] {
            assert!(!printed.contains(secret), "{secret} in {printed}");
        }
        let key = config.secret_key.as_ref().unwrap().expose_secret();
        let key_bytes = format!("{key:?}");
        assert!(
            !printed.contains(&key_bytes[1..key_bytes.len() - 1]),
            "{printed}"
        );
    }

    #[test]
    fn the_database_description_hides_the_password() {
        let target = DatabaseTarget::parse("postgres://kanarie:geheim@db:5432/kanarie").unwrap();
        assert_eq!(target.describe(), "PostgreSQL at db:5432/kanarie");
    }
}
