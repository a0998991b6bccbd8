//! Embedded migrations, one folder per backend because their SQL dialects differ.

use diesel::connection::SimpleConnection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use super::DbConnection;

const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// An arbitrary constant naming kanarie's PostgreSQL advisory lock for migrations.
const MIGRATION_LOCK: i64 = 0x006b_616e_6172_6965;

pub type MigrationError = Box<dyn std::error::Error + Send + Sync>;

/// Applies every pending migration and returns how many ran.
///
/// Several instances may start at once: they take turns (an advisory lock on PostgreSQL,
/// the write lock on SQLite), and the ones that come second find nothing left to do.
pub fn run_migrations(conn: &mut DbConnection) -> Result<usize, MigrationError> {
    match conn {
        // The write lock is taken first, so a process starting at the same moment waits
        // (busy timeout) and then finds nothing left to do, rather than racing.
        DbConnection::Sqlite(conn) => conn.immediate_transaction(|conn| {
            conn.run_pending_migrations(SQLITE)
                .map(|applied| applied.len())
        }),
        DbConnection::Postgresql(conn) => {
            conn.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))?;
            let result = conn.run_pending_migrations(POSTGRES).map(|v| v.len());
            conn.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})"))?;
            Ok(result?)
        }
    }
}

/// Applies the pending migrations whose folder name sorts before `before` (for example
/// `"2026-12-02-000040"`) and returns how many ran; for tests that store rows the way an
/// earlier version did and then migrate them.
pub fn run_migrations_before(
    conn: &mut DbConnection,
    before: &str,
) -> Result<usize, MigrationError> {
    fn run<B: diesel::backend::Backend>(
        harness: &mut impl MigrationHarness<B>,
        source: EmbeddedMigrations,
        before: &str,
    ) -> Result<usize, MigrationError> {
        let mut applied = 0;
        for migration in harness.pending_migrations(source)? {
            if migration.name().to_string().as_str() >= before {
                break;
            }
            harness.run_migration(&migration)?;
            applied += 1;
        }
        Ok(applied)
    }
    match conn {
        DbConnection::Sqlite(conn) => run(conn, SQLITE, before),
        DbConnection::Postgresql(conn) => run(conn, POSTGRES, before),
    }
}

/// Reverts every migration; for the up-down-up test.
pub fn revert_all_migrations(conn: &mut DbConnection) -> Result<(), MigrationError> {
    match conn {
        DbConnection::Sqlite(conn) => conn.revert_all_migrations(SQLITE).map(drop),
        DbConnection::Postgresql(conn) => conn.revert_all_migrations(POSTGRES).map(drop),
    }
}
