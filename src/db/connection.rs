//! The connection type both backends share, and a pool that opens the right one.

use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::r2d2::{self, ManageConnection};
use diesel::sqlite::SqliteConnection;
use diesel::Connection;

use secrecy::ExposeSecret;

use crate::config::DatabaseTarget;

/// A connection to either backend; queries written against it run on both.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

pub type DbPool = r2d2::Pool<ConnectionManager>;

/// Settings every SQLite connection gets before it is used.
///
/// WAL lets readers continue while one writer writes; `synchronous=FULL` makes a commit
/// durable before it returns, so an acknowledged story survives a crash or power loss;
/// `secure_delete` overwrites deleted rows so a withdrawn story leaves no bytes behind.
/// The busy timeout comes first: several pooled connections open at once, and switching a
/// new database to WAL needs a lock the others must wait for rather than fail on.
const SQLITE_SETTINGS: &str = "PRAGMA busy_timeout = 10000;
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
PRAGMA foreign_keys = ON;
PRAGMA secure_delete = ON;";

/// Opens connections for one database target.
///
/// diesel's own manager would call `DbConnection::establish`, which tries every backend
/// and replaces the real error with "Invalid connection url for multiconnection". This
/// one picks the backend from the URL scheme so an operator sees the real cause.
#[derive(Clone, Debug)]
pub struct ConnectionManager {
    target: DatabaseTarget,
}

impl ManageConnection for ConnectionManager {
    type Connection = DbConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        match &self.target {
            DatabaseTarget::Sqlite(path) => {
                let path = path.to_str().ok_or_else(|| {
                    r2d2::Error::ConnectionError(diesel::ConnectionError::InvalidConnectionUrl(
                        "the SQLite path is not valid UTF-8".to_owned(),
                    ))
                })?;
                let mut conn =
                    SqliteConnection::establish(path).map_err(r2d2::Error::ConnectionError)?;
                conn.batch_execute(SQLITE_SETTINGS)
                    .map_err(r2d2::Error::QueryError)?;
                Ok(DbConnection::Sqlite(conn))
            }
            DatabaseTarget::Postgres(url) => PgConnection::establish(url.expose_secret())
                .map(DbConnection::Postgresql)
                .map_err(r2d2::Error::ConnectionError),
        }
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, _conn: &mut DbConnection) -> bool {
        false
    }
}

/// Errors opening the database at start, reported to the operator in one line.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot create the directory for the SQLite database {path}")]
    Directory {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot open {target}")]
    Pool {
        target: String,
        source: r2d2::PoolError,
    },
}

/// Creates the pool, the SQLite directory if needed, and checks that a connection opens.
pub fn connect_pool(target: &DatabaseTarget) -> Result<DbPool, OpenError> {
    // SQLite has one writer at a time however many connections wait; a small pool keeps
    // readers concurrent without queueing dozens of writers on the busy timeout.
    let size = match target {
        DatabaseTarget::Sqlite(_) => 8,
        DatabaseTarget::Postgres(_) => 16,
    };
    connect_pool_of(target, size)
}

/// `connect_pool` with at most `size` connections (tools and tests need few).
pub fn connect_pool_of(target: &DatabaseTarget, size: u32) -> Result<DbPool, OpenError> {
    if let DatabaseTarget::Sqlite(path) = target {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| OpenError::Directory {
                path: path.display().to_string(),
                source,
            })?;
        }
    }
    r2d2::Pool::builder()
        .max_size(size)
        .connection_timeout(Duration::from_secs(10))
        .build(ConnectionManager {
            target: target.clone(),
        })
        .map_err(|source| OpenError::Pool {
            target: target.describe(),
            source,
        })
}
