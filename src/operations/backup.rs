//! `kanarie backup PATH`: a consistent copy of a live SQLite database.
//!
//! `VACUUM INTO` reads one snapshot of the database (WAL included) while the service keeps
//! serving, and writes a compact copy with no free pages, so deleted stories' bytes are
//! not carried into the backup. PostgreSQL has its own tool: `pg_dump` (see the README).

use std::path::Path;

use diesel::connection::SimpleConnection;

use crate::db::DbConnection;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} exists already; a backup never overwrites a file")]
    Exists(String),
    #[error("the backup path is not valid UTF-8")]
    Path,
    #[error("kanarie backs up SQLite only; for PostgreSQL use pg_dump (see the README)")]
    Postgres,
    #[error("the backup failed")]
    Database(#[from] diesel::result::Error),
}

pub fn backup(conn: &mut DbConnection, target: &Path) -> Result<(), BackupError> {
    if target.exists() {
        return Err(BackupError::Exists(target.display().to_string()));
    }
    let DbConnection::Sqlite(conn) = conn else {
        return Err(BackupError::Postgres);
    };
    let path = target.to_str().ok_or(BackupError::Path)?;
    // A string literal in SQL: single quotes are doubled, nothing else needs escaping.
    conn.batch_execute(&format!("VACUUM INTO '{}'", path.replace('\'', "''")))?;
    Ok(())
}
