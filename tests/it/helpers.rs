use std::sync::atomic::{AtomicU32, Ordering};

use diesel::{Connection, PgConnection, RunQueryDsl};
use kanarie::config::Config;
use kanarie::startup::Application;

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
            TestDatabase::Postgres { url, .. } => url.clone(),
        }
    }

    /// The SQLite directory, to read the database files' bytes.
    pub fn sqlite_dir(&self) -> Option<&std::path::Path> {
        match self {
            TestDatabase::Sqlite { dir } => Some(dir.path()),
            TestDatabase::Postgres { .. } => None,
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

/// A running kanarie and a client that does not follow redirects.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub database: TestDatabase,
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        TestApp::spawn_with(backend, &[]).await
    }

    /// Starts kanarie with extra environment settings (`KANARIE_...`, as in production).
    pub async fn spawn_with(backend: Backend, settings: &[(&str, &str)]) -> TestApp {
        let database = TestDatabase::create(&backend);
        let url = database.url();
        let settings: Vec<(String, String)> = settings
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let config = Config::from_lookup(|name| match name {
            "KANARIE_BIND" => Some("127.0.0.1:0".to_owned()),
            "KANARIE_DATABASE_URL" => Some(url.clone()),
            other => settings
                .iter()
                .find(|(k, _)| k == other)
                .map(|(_, v)| v.clone()),
        })
        .expect("test configuration");
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
            database,
        }
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
