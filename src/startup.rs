//! Builds the application: one factory used by `main` and by the tests, so the tests run
//! exactly what production runs.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::from_fn;
use actix_web::{web, App, HttpServer};

use crate::accounts::password::PasswordWork;
use crate::accounts::throttle::SignInThrottle;
use crate::config::Config;
use crate::db::{self, DbPool};
use crate::error::AppError;
use crate::protection::form_token::FormSigner;
use crate::protection::rate_limit::RateLimiter;
use crate::publishing::Publisher;
use crate::web::middleware::{access_log, error_pages, request_deadline, security_headers};

/// Largest request body kanarie reads. The longest form (three texts of at most 10,000
/// characters, up to 4 bytes each, plus answers) fits well within it; larger is a 413.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// Previews one address may ask for per story it may send: a parent previews again after
/// each change and each word they tick.
pub const PREVIEWS_PER_SUBMISSION: u32 = 10;

/// What every handler can reach.
pub struct AppState {
    pub pool: DbPool,
    pub config: Arc<Config>,
    pub form_signer: FormSigner,
    /// Stories sent per client address (in memory, per instance).
    pub submission_limiter: RateLimiter,
    /// Previews per client address: each runs the anonymiser on up to 20,000 characters.
    pub preview_limiter: RateLimiter,
    /// Withdrawal-code look-ups per client address: 100-bit codes cannot be guessed,
    /// but nobody needs to try hundreds.
    pub code_limiter: RateLimiter,
    /// Makes the keys of sign-in and reset counts (kept in the database, shared).
    pub sign_in_throttle: SignInThrottle,
    /// Bounds concurrent argon2 work to the cores.
    pub password_work: PasswordWork,
    /// Passwords chosen from invitation and reset links, per client address.
    pub password_form_limiter: RateLimiter,
    /// Reset links asked for, per client address.
    pub reset_request_limiter: RateLimiter,
    /// The published stories, in memory, for the read API, feeds and embeds.
    pub publisher: Arc<Publisher>,
    /// The current statistics batch as served, with the period it belongs to.
    pub stats_cache: std::sync::RwLock<
        Option<(
            String,
            std::time::Instant,
            Arc<crate::publishing::RenderedBody>,
        )>,
    >,
}

impl AppState {
    pub fn new(pool: DbPool, config: Config) -> AppState {
        let key = config.secret_key.unwrap_or_else(|| {
            tracing::warn!(
                "KANARIE_SECRET_KEY is not set: forms are signed with a key made at start; \
                 forms served before a restart, or by another instance, will be refused"
            );
            let mut key = [0u8; 32];
            rand::RngCore::fill_bytes(&mut rand::rng(), &mut key);
            key
        });
        AppState {
            pool,
            form_signer: FormSigner::new(key),
            submission_limiter: RateLimiter::new(
                config.submissions_per_hour,
                Duration::from_secs(3600),
            ),
            preview_limiter: RateLimiter::new(
                config
                    .submissions_per_hour
                    .saturating_mul(PREVIEWS_PER_SUBMISSION),
                Duration::from_secs(3600),
            ),
            code_limiter: RateLimiter::new(30, Duration::from_secs(3600)),
            sign_in_throttle: SignInThrottle::new(&key),
            password_work: PasswordWork::for_this_machine(),
            password_form_limiter: RateLimiter::new(10, Duration::from_secs(3600)),
            reset_request_limiter: RateLimiter::new(5, Duration::from_secs(3600)),
            publisher: Arc::new(Publisher::default()),
            stats_cache: std::sync::RwLock::new(None),
            config: Arc::new(config),
        }
    }
}

/// The application with all routes and middleware.
pub fn app(
    state: web::Data<AppState>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let request_timeout = state.config.request_timeout;
    App::new()
        .app_data(state)
        .app_data(web::FormConfig::default().limit(MAX_BODY_BYTES))
        .app_data(web::PayloadConfig::default().limit(MAX_BODY_BYTES))
        .app_data(web::JsonConfig::default().limit(MAX_BODY_BYTES))
        .configure(crate::web::configure)
        .default_service(web::to(|| async { Err::<String, _>(AppError::NotFound) }))
        // The last `wrap` runs first: the access log sees the final status, and the
        // security headers cover error pages too. Bodies are read (with their deadline)
        // before any handler sees the request.
        .wrap(from_fn(error_pages))
        .wrap(from_fn(move |req, next| {
            request_deadline(request_timeout, req, next)
        }))
        .wrap(from_fn(security_headers))
        .wrap(from_fn(access_log))
        .wrap(from_fn(
            crate::web::middleware::connection_watch::watch_requests,
        ))
}

/// Why the service could not start; printed as one line.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Open(#[from] db::connection::OpenError),
    #[error("cannot apply migrations: {0}")]
    Migrate(String),
    #[error("cannot listen on {address}: {source}")]
    Bind {
        address: String,
        source: std::io::Error,
    },
}

/// A running server and where it listens.
pub struct Application {
    port: u16,
    server: Server,
}

impl Application {
    /// Opens the database, applies migrations and binds the listener.
    pub async fn build(config: Config) -> Result<Application, StartError> {
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
        let state = web::Data::new(AppState::new(pool, config));
        // The first catalogue is built before the first request is served.
        state
            .publisher
            .refresh(&state.pool)
            .await
            .map_err(|e| StartError::Migrate(format!("loading published stories: {e}")))?;
        crate::publishing::spawn_refresher(Arc::clone(&state.publisher), state.pool.clone());
        let request_timeout = state.config.request_timeout;
        let head_timeout = request_timeout.min(Duration::from_secs(5));
        let server = HttpServer::new(move || app(state.clone()))
            // The headers of a connection's first request (actix-web's default is 5 s);
            // bodies have their own deadline (`request_deadline`).
            .client_request_timeout(head_timeout)
            // ...and those of the requests after it on a kept-alive connection.
            .keep_alive(crate::web::middleware::connection_watch::KEEP_ALIVE)
            .on_connect(crate::web::middleware::connection_watch::watch_connections(
                request_timeout,
            ))
            .listen(listener)
            .map_err(|source| StartError::Bind {
                address: "listener".to_owned(),
                source,
            })?
            // Lets in-flight requests finish on SIGTERM before the process exits.
            .shutdown_timeout(30)
            .run();
        Ok(Application { port, server })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// Deletes expired moderator sessions and links every ten minutes. Expired ones are
/// already refused when presented; this keeps the tables small and drops what no one
/// will use.
fn spawn_session_sweeper(pool: DbPool) {
    use crate::web::moderation::session::{ABSOLUTE_TIMEOUT_SECONDS, IDLE_TIMEOUT_SECONDS};
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
                tracing::warn!(%error, "expired sessions not swept");
            }
        }
    });
}

/// Applies pending migrations off the async workers.
pub async fn migrate(pool: &DbPool) -> Result<usize, StartError> {
    let pool = pool.clone();
    let result = web::block(move || {
        let mut conn = pool.get().map_err(|e| e.to_string())?;
        db::run_migrations(&mut conn).map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| StartError::Migrate(e.to_string()))?;
    result.map_err(StartError::Migrate)
}
