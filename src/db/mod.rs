//! Storage: one connection type for SQLite and PostgreSQL, a pool, migrations, and the
//! rule that blocking database work never runs on the async workers. Every table is in
//! `schema`, every query in one of these modules.

pub mod attempts;
pub mod audit;
pub mod connection;
pub mod mail_outbox;
mod migrations;
pub mod moderators;
pub mod published;
pub mod review;
pub mod schema;
pub mod stats;
pub mod stories;

pub use connection::{connect_pool, DbConnection, DbPool};
pub use migrations::{
    revert_all_migrations, run_migrations, run_migrations_before, MigrationError,
};

use crate::error::AppError;

/// Runs blocking database work on actix's blocking thread pool, with a pooled connection.
///
/// Handlers call this instead of touching the pool, so sync diesel never stalls a worker.
pub async fn run<T, F>(pool: &DbPool, work: F) -> Result<T, AppError>
where
    F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    let pool = pool.clone();
    let span = tracing::Span::current();
    actix_web::web::block(move || {
        let _entered = span.enter();
        let mut conn = pool.get().map_err(AppError::pool)?;
        work(&mut conn)
    })
    .await
    .map_err(AppError::blocking)?
}
