use std::sync::atomic::{AtomicU32, Ordering};

use diesel::{Connection, PgConnection, RunQueryDsl};
use kanarie::config::Config;
use kanarie::db::DbPool;
use kanarie::server::Application;

/// Runs `async fn name(backend: Backend) { ... }` once per backend, as `name::sqlite` and
/// `name::postgres`.
macro_rules! backend_test {
    (async fn $name:ident($backend:ident : Backend) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($backend: $crate::helpers::Backend) $body

            #[actix_web::test]
            async fn sqlite() {
                run($crate::helpers::Backend::Sqlite).await
            }

            #[actix_web::test]
            async fn postgres() {
                match $crate::helpers::Backend::postgres_from_env() {
                    Some(backend) => run(backend).await,
                    None => eprintln!("KANARIE_TEST_POSTGRES_URL is not set: PostgreSQL run skipped"),
                }
            }
        }
    };
}

#[derive(Clone, Debug)]
pub enum Backend {
    Sqlite,
    /// The URL of a PostgreSQL server's maintenance database, where test databases are made.
    Postgres(String),
}

impl Backend {
    pub fn postgres_from_env() -> Option<Backend> {
        std::env::var("KANARIE_TEST_POSTGRES_URL")
            .ok()
            .filter(|url| !url.is_empty())
            .map(Backend::Postgres)
    }
}

/// A database that exists for one test and is removed after it.
pub enum TestDatabase {
    Sqlite {
        dir: tempfile::TempDir,
    },
    /// Another instance's database, used but not owned (not dropped with this one).
    Shared {
        url: String,
    },
    Postgres {
        server_url: String,
        name: String,
        url: String,
    },
}

impl TestDatabase {
    pub fn create(backend: &Backend) -> TestDatabase {
        match backend {
            Backend::Sqlite => TestDatabase::Sqlite {
                dir: tempfile::tempdir().expect("temporary directory"),
            },
            Backend::Postgres(server_url) => {
                static COUNTER: AtomicU32 = AtomicU32::new(0);
                let name = format!(
                    "kanarie_test_{}_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::Relaxed),
                    rand_suffix()
                );
                let mut conn = PgConnection::establish(server_url)
                    .expect("KANARIE_TEST_POSTGRES_URL must reach a PostgreSQL server");
                diesel::sql_query(format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .expect("create test database");
                let base = server_url.split('?').next().unwrap_or(server_url);
                let url = match base.rfind('/') {
                    Some(slash) if slash > "postgres://".len() => {
                        format!("{}/{name}", &base[..slash])
                    }
                    _ => format!("{base}/{name}"),
                };
                TestDatabase::Postgres {
                    server_url: server_url.clone(),
                    name,
                    url,
                }
            }
        }
    }

    pub fn url(&self) -> String {
        match self {
            TestDatabase::Sqlite { dir } => {
                format!("sqlite://{}", dir.path().join("kanarie.db").display())
            }
            TestDatabase::Postgres { url, .. } | TestDatabase::Shared { url } => url.clone(),
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let TestDatabase::Postgres {
            server_url, name, ..
        } = self
        {
            if let Ok(mut conn) = PgConnection::establish(server_url) {
                let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&mut conn);
            }
        }
    }
}

fn rand_suffix() -> u32 {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0)
}

/// A running kanarie, a client that does not follow redirects, and one pool of its own
/// on the app's database for reading and arranging what a test needs.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    /// Declared before `database`, so its connections close before the database is dropped.
    pool: DbPool,
    pub database: TestDatabase,
}

/// How a test app is configured: the real `Config` (the defaults, on port 0 and the test
/// database) changed with typed settings, so a misspelt setting does not compile.
pub struct TestAppBuilder {
    database: TestDatabase,
    settings: Vec<Setting>,
}

/// One typed change to the configuration.
type Setting = Box<dyn FnOnce(&mut Config)>;

impl TestAppBuilder {
    /// Changes the configuration: `.with(|config| config.two_person_approval = true)`.
    pub fn with(mut self, setting: impl FnOnce(&mut Config) + 'static) -> TestAppBuilder {
        self.settings.push(Box::new(setting));
        self
    }

    /// Forms may be sent at once (no minimum fill time).
    pub fn no_fill_wait(self) -> TestAppBuilder {
        self.with(|config| config.min_fill_seconds = 0)
    }

    /// Moderators sign in over plain http, and forms may be sent at once.
    pub fn for_moderation(self) -> TestAppBuilder {
        self.no_fill_wait()
            .with(|config| config.insecure_cookies = true)
    }

    /// Mail goes to `smtp_url` (an SMTP sink's).
    pub fn smtp(self, smtp_url: &str) -> TestAppBuilder {
        let smtp_url = smtp_url.to_owned();
        self.with(move |config| {
            config.mail = config
                .mail
                .clone()
                .with_smtp_url(&smtp_url)
                .expect("a usable SMTP URL");
        })
    }

    /// Every instance built with the same `seed` signs forms with the same key.
    pub fn secret_key(self, seed: u8) -> TestAppBuilder {
        self.with(move |config| config.secret_key = Some(vec![seed; 32].into()))
    }

    pub async fn spawn(self) -> TestApp {
        let mut config = Config::from_lookup(|name| match name {
            "KANARIE_BIND" => Some("127.0.0.1:0".to_owned()),
            "KANARIE_DATABASE_URL" => Some(self.database.url()),
            _ => None,
        })
        .expect("test configuration");
        for setting in self.settings {
            setting(&mut config);
        }
        let pool =
            kanarie::db::connection::connect_pool_of(&config.database, 2).expect("a test pool");
        let app = Application::build(config)
            .await
            .expect("application starts");
        let address = format!("http://127.0.0.1:{}", app.port());
        actix_web::rt::spawn(app.run_until_stopped());
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("HTTP client");
        TestApp {
            address,
            client,
            pool,
            database: self.database,
        }
    }
}

impl TestApp {
    /// A test app on a fresh database of `backend`.
    pub fn builder(backend: Backend) -> TestAppBuilder {
        TestApp::on(TestDatabase::create(&backend))
    }

    /// A test app on `database` (for instance another app's, `TestDatabase::Shared`).
    pub fn on(database: TestDatabase) -> TestAppBuilder {
        TestAppBuilder {
            database,
            settings: Vec::new(),
        }
    }

    /// A second instance on this app's database, as behind a load balancer.
    pub fn beside(&self) -> TestAppBuilder {
        TestApp::on(TestDatabase::Shared {
            url: self.database.url(),
        })
    }

    /// The test's own pool on the app's database (not the app's).
    pub fn pool(&self) -> &DbPool {
        &self.pool
    }

    /// A test app with the default configuration.
    pub async fn spawn(backend: Backend) -> TestApp {
        TestApp::builder(backend).spawn().await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
    }
}

/// A story as stored, read straight from the database.
#[derive(Debug)]
pub struct StoredStory {
    pub story_text: String,
    pub change_text: Option<String>,
    pub child_words: Option<String>,
    pub status: String,
    pub consent: String,
    pub submitted_on: String,
    pub age_band: String,
    pub choices: Vec<(String, String)>,
}

impl TestApp {
    /// Every stored story, read with a connection of its own.
    pub async fn stored_stories(&self) -> Vec<StoredStory> {
        use diesel::sql_types::{BigInt, Nullable, Text};
        use diesel::QueryableByName;

        #[derive(QueryableByName)]
        struct Row {
            #[diesel(sql_type = BigInt)]
            id: i64,
            #[diesel(sql_type = Text)]
            story_text: String,
            #[diesel(sql_type = Nullable<Text>)]
            change_text: Option<String>,
            #[diesel(sql_type = Nullable<Text>)]
            child_words: Option<String>,
            #[diesel(sql_type = Text)]
            status: String,
            #[diesel(sql_type = Text)]
            consent: String,
            #[diesel(sql_type = Text)]
            submitted_on: String,
            #[diesel(sql_type = Text)]
            age_band: String,
        }
        #[derive(QueryableByName)]
        struct Choice {
            #[diesel(sql_type = BigInt)]
            story_id: i64,
            #[diesel(sql_type = Text)]
            question: String,
            #[diesel(sql_type = Text)]
            choice: String,
        }

        let pool = self.pool.clone();
        actix_web::rt::task::spawn_blocking(move || {
            let mut conn = pool.get().unwrap();
            let rows: Vec<Row> = diesel::sql_query(
                "SELECT id, story_text, change_text, child_words, status, consent, \
                 CAST(submitted_on AS TEXT) AS submitted_on, age_band FROM stories ORDER BY id",
            )
            .load(&mut *conn)
            .unwrap();
            let choices: Vec<Choice> = diesel::sql_query(
                "SELECT story_id, question, choice FROM story_choices ORDER BY question, choice",
            )
            .load(&mut *conn)
            .unwrap();
            rows.into_iter()
                .map(|row| StoredStory {
                    choices: choices
                        .iter()
                        .filter(|c| c.story_id == row.id)
                        .map(|c| (c.question.clone(), c.choice.clone()))
                        .collect(),
                    story_text: row.story_text,
                    change_text: row.change_text,
                    child_words: row.child_words,
                    status: row.status,
                    consent: row.consent,
                    submitted_on: row.submitted_on,
                    age_band: row.age_band,
                })
                .collect()
        })
        .await
        .unwrap()
    }

    /// Serves the questionnaire and returns its signed form token.
    pub async fn form_token(&self, form_path: &str) -> String {
        let page = self.get(form_path).await.text().await.unwrap();
        extract_value(&page, "name=\"token\" value=\"").expect("a token in the form")
    }

    /// POSTs a form body.
    pub async fn post_form(&self, path: &str, pairs: &[(&str, &str)]) -> reqwest::Response {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        self.client
            .post(self.url(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("request")
    }
}

impl TestApp {
    /// Sends a questionnaire the way a parent does: "Bekijk je verhaal" first, then
    /// "Verstuur" from that preview (with the seal it carries). `send_path` is the send
    /// path of either language.
    pub async fn send_previewed(
        &self,
        send_path: &str,
        pairs: &[(&str, &str)],
    ) -> reqwest::Response {
        let preview_path = preview_path_of(send_path);
        let page = self
            .post_form(&preview_path, pairs)
            .await
            .text()
            .await
            .unwrap();
        let mut pairs = pairs.to_vec();
        let seal = extract_value(&page, "name=\"seal\" value=\"");
        if let Some(seal) = &seal {
            pairs.push(("seal", seal));
        }
        self.post_form(send_path, &pairs).await
    }
}

/// The preview path beside a send path ("/nl/verhaal/versturen" -> "/nl/verhaal/voorbeeld").
pub fn preview_path_of(send_path: &str) -> String {
    send_path
        .replace("/verhaal/versturen", "/verhaal/voorbeeld")
        .replace("/story/send", "/story/preview")
}

/// The text after `marker` up to the next double quote.
pub fn extract_value(html: &str, marker: &str) -> Option<String> {
    let start = html.find(marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_owned())
}

/// The withdrawal code on a thank-you page.
pub fn extract_code(html: &str) -> Option<String> {
    let start = html.find("<p class=\"code\"")?;
    let open = html[start..].find('>')? + start + 1;
    let close = html[open..].find('<')? + open;
    Some(html[open..close].trim().to_owned())
}

/// A complete, valid questionnaire with `story` as the story text.
pub fn complete_answers<'a>(token: &'a str, story: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("token", token),
        ("writer", "parent"),
        ("age_band", "12_15"),
        ("registration", "sick_or_permitted"),
        ("school_type", "secondary"),
        ("time_at_home", "1_2_years"),
        ("started", "last_school_year"),
        ("situation", "waiting_special_education"),
        ("education_hours", "under_5"),
        ("reasons", "overstimulation"),
        ("reasons", "not_seen"),
        ("measures", "none"),
        ("helped", "calm_start"),
        ("province", "gelderland"),
        ("consent", "publish"),
        ("story", story),
    ]
}

/// A signed-in moderator's cookie and CSRF token.
#[derive(Clone, Debug)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

impl TestApp {
    /// Runs `work` on a connection of its own to the app's database.
    pub async fn with_db<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut kanarie::db::DbConnection) -> T + Send + 'static,
    ) -> T {
        let pool = self.pool.clone();
        actix_web::rt::task::spawn_blocking(move || {
            let mut conn = pool.get().unwrap();
            work(&mut conn)
        })
        .await
        .unwrap()
    }

    /// Creates an account with a password, as `kanarie moderator add --password-stdin` does.
    pub async fn add_moderator(&self, email: &str, role: &str, password: &str) {
        let (email, role, password) = (email.to_owned(), role.to_owned(), password.to_owned());
        self.with_db(move |conn| {
            let hash = kanarie::accounts::invite::hash_new_password(password).unwrap();
            kanarie::accounts::invite::invite(
                conn,
                &kanarie::accounts::EmailAddress::parse(&email).unwrap(),
                kanarie::accounts::Role::parse(&role).unwrap(),
                Some(&hash),
                "http://unused",
                false,
                "test",
            )
            .map(drop)
            .unwrap()
        })
        .await
    }

    /// Sends the sign-in form; returns the response.
    pub async fn try_sign_in(&self, email: &str, password: &str, code: &str) -> reqwest::Response {
        let token = self.form_token("/moderation/sign-in").await;
        self.post_form(
            "/moderation/sign-in",
            &[
                ("token", &token),
                ("email", email),
                ("password", password),
                ("code", code),
            ],
        )
        .await
    }

    /// Signs in and returns the session; panics if that fails.
    pub async fn sign_in(&self, email: &str, password: &str) -> Session {
        let response = self.try_sign_in(email, password, "").await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "sign-in failed");
        let cookie = session_cookie(&response).expect("a session cookie");
        let mut page = self.get_as(&cookie, "/moderation/").await;
        if page.status() == StatusCode::SEE_OTHER {
            // Sent on (to set up two-step sign-in): that page has the token too.
            let location = page.headers()["location"].to_str().unwrap().to_owned();
            page = self.get_as(&cookie, &location).await;
        }
        let page = page.text().await.unwrap();
        let csrf = extract_value(&page, "name=\"csrf\" value=\"").expect("a CSRF token");
        Session { cookie, csrf }
    }

    pub async fn get_as(&self, cookie: &str, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .header("Cookie", cookie)
            .send()
            .await
            .unwrap()
    }

    /// POSTs a form as a signed-in moderator, with the session's CSRF token.
    pub async fn post_as(
        &self,
        session: &Session,
        path: &str,
        pairs: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut all = vec![("csrf", session.csrf.as_str())];
        all.extend_from_slice(pairs);
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&all)
            .finish();
        self.client
            .post(self.url(path))
            .header("Cookie", &session.cookie)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap()
    }

    /// Sends a story through the questionnaire and returns its public id.
    pub async fn submit_story(&self, story: &str, consent: &str) -> String {
        let token = self.form_token("/nl/verhaal").await;
        let mut answers = complete_answers(&token, story);
        answers.retain(|(k, _)| *k != "consent");
        answers.push(("consent", consent));
        let page = self
            .send_previewed("/nl/verhaal/versturen", &answers)
            .await
            .text()
            .await
            .unwrap();
        assert!(extract_code(&page).is_some(), "the story was not stored");
        self.with_db(|conn| {
            use diesel::prelude::*;
            use kanarie::db::schema::stories;
            stories::table
                .order(stories::id.desc())
                .select(stories::public_id)
                .first::<String>(conn)
                .unwrap()
        })
        .await
    }
}

use reqwest::StatusCode;

/// The `name=value` of the session cookie a response sets.
pub fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.contains("kanarie_session="))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned)
}

/// The text of an i18n key in `locale` (`nl`, `en`), as a page shows it (HTML-escaped as
/// askama escapes). Tests that check which message a page shows, not its wording, say
/// `assert!(page.contains(&text("nl", "status.in_review")))`: rewording a message in
/// `locales/` does not break them, while showing another message does.
pub fn text(locale: &str, key: &str) -> String {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("locales/{locale}.yml"));
    let source = std::fs::read_to_string(path).expect("a locale file");
    let messages: std::collections::HashMap<String, String> =
        serde_yaml_ng::from_str(&source).expect("a flat locale file");
    let message = messages
        .get(key)
        .unwrap_or_else(|| panic!("{key} is not in {locale}.yml"));
    let mut escaped = String::with_capacity(message.len());
    for c in message.chars() {
        match c {
            '&' => escaped.push_str("&#38;"),
            '<' => escaped.push_str("&#60;"),
            '>' => escaped.push_str("&#62;"),
            '"' => escaped.push_str("&#34;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}
