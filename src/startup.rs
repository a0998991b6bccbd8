//! Getting an instance ready to serve: open the database, apply migrations, bind the
//! listener, start the background work (mail outbox, session sweeper, catalogue refresher)
//! and build the `AppState`. Serving it is `server`'s job; the routes are `web`'s.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use crate::accounts::session::{ABSOLUTE_TIMEOUT_SECONDS, IDLE_TIMEOUT_SECONDS};
use crate::config::Config;
use crate::db::{self, DbPool};
use crate::error::AppError;
use crate::state::AppState;

/// Why the service could not start; printed as one line.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Open(#[from] db::connection::OpenError),
    #[error("cannot get a database connection")]
    Connect(#[source] diesel::r2d2::PoolError),
    #[error("cannot apply migrations")]
    Migrate(#[source] db::MigrationError),
    #[error("the migration task failed")]
    Blocking(#[source] actix_web::error::BlockingError),
    #[error("cannot load the published stories")]
    LoadCatalogue(#[source] AppError),
    #[error("cannot listen on {address}")]
    Bind {
        address: String,
        #[source]
        source: std::io::Error,
    },
}

/// An instance ready to serve: its state and the bound listener.
pub struct Prepared {
    pub state: AppState,
    pub listener: TcpListener,
    pub port: u16,
}

/// Opens the database, applies migrations, binds the listener, starts the background
/// work and loads the first catalogue, so the first request is served like any other.
pub async fn prepare(config: Config) -> Result<Prepared, StartError> {
    let pool = db::connect_pool(&config.database)?;
    migrate(&pool).await?;
    let listener = TcpListener::bind(config.bind).map_err(|source| StartError::Bind {
        address: config.bind.to_string(),
        source,
    })?;
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
    // Without KANARIE_PUBLIC_URL the site is where it listens; with port 0 (tests) that
    // is the port just chosen, which the origin check compares with.
    let mut config = config;
    if config.public_url == format!("http://{}", config.bind) && config.bind.port() == 0 {
        if let Ok(local) = listener.local_addr() {
            config.public_url = format!("http://{local}");
        }
    }
    // Built now, not on the first parent's request: the anonymiser's word lists and
    // patterns (about 40 ms) and the sign-in decoy hash.
    crate::anonymiser::warm_up();
    crate::accounts::password::warm_up();
    let mail_config = Arc::new(config.mail.clone());
    crate::mail::spawn_outbox_worker(pool.clone(), Arc::clone(&mail_config));
    crate::mail::spawn_notice_scheduler(
        pool.clone(),
        mail_config,
        format!("{}/moderation/", config.public_url),
    );
    spawn_session_sweeper(pool.clone());
    let state = AppState::new(pool, config);
    state
        .publisher
        .refresh(&state.pool)
        .await
        .map_err(StartError::LoadCatalogue)?;
    crate::publishing::spawn_refresher(Arc::clone(&state.publisher), state.pool.clone());
    Ok(Prepared {
        state,
        listener,
        port,
    })
}

/// Deletes expired moderator sessions and links every ten minutes. Expired ones are
/// already refused when presented; this keeps the tables small and drops what no one
/// will use.
fn spawn_session_sweeper(pool: DbPool) {
    actix_web::rt::spawn(async move {
        let mut interval = actix_web::rt::time::interval(Duration::from_secs(600));
        loop {
            interval.tick().await;
            let now = crate::accounts::now();
            let swept = db::run(&pool, move |conn| {
                Ok(crate::db::moderators::delete_expired(
                    conn,
                    now - IDLE_TIMEOUT_SECONDS,
                    now - ABSOLUTE_TIMEOUT_SECONDS,
                    now,
                )?)
            })
            .await;
            let keep_for = crate::accounts::throttle::KEEP_FOR.as_secs() as i64;
            let swept = match swept {
                Ok(_) => {
                    db::run(&pool, move |conn| {
                        Ok(crate::db::attempts::delete_older_than(
                            conn,
                            now - keep_for,
                        )?)
                    })
                    .await
                }
                Err(error) => Err(error),
            };
            if let Err(error) = swept {
                tracing::warn!(error = %crate::error::Chain(&error), "expired sessions not swept");
            }
        }
    });
}

/// Applies pending migrations off the async workers.
pub async fn migrate(pool: &DbPool) -> Result<usize, StartError> {
    let pool = pool.clone();
    actix_web::web::block(move || {
        let mut conn = pool.get().map_err(StartError::Connect)?;
        db::run_migrations(&mut conn).map_err(StartError::Migrate)
    })
    .await
    .map_err(StartError::Blocking)?
}
