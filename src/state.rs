//! What every handler can reach: the pool, the configuration and the in-memory parts of
//! one instance (form signer, rate limits, sign-in throttle, published stories, the
//! statistics body). Built once at start (`startup`), shared by every worker.

use std::sync::Arc;
use std::time::Duration;

use actix_web::HttpRequest;
use secrecy::ExposeSecret;

use crate::accounts::password::PasswordWork;
use crate::accounts::throttle::SignInThrottle;
use crate::config::Config;
use crate::db::DbPool;
use crate::error::AppError;
use crate::protection::form_token::FormSigner;
use crate::protection::rate_limit::RateLimiter;
use crate::publishing::Publisher;
use crate::stats::StatsCache;

/// Withdrawal-code look-ups one address may make per hour: 100-bit codes cannot be
/// guessed, but nobody needs to try hundreds.
const CODE_LOOKUPS_PER_HOUR: u32 = 30;

/// Previews one address may ask for per story it may send: a parent previews again after
/// each change and each word they tick.
pub const PREVIEWS_PER_SUBMISSION: u32 = 10;

/// Passwords chosen from invitation and reset links, per client address and hour.
const PASSWORD_FORMS_PER_HOUR: u32 = 10;

/// Reset links one address may ask for per hour.
const RESET_REQUESTS_PER_HOUR: u32 = 5;

pub struct AppState {
    pub pool: DbPool,
    pub config: Arc<Config>,
    pub form_signer: FormSigner,
    /// Stories sent per client address (in memory, per instance).
    pub submission_limiter: RateLimiter,
    /// Previews per client address: each runs the anonymiser on up to 20,000 characters.
    pub preview_limiter: RateLimiter,
    /// Withdrawal-code look-ups per client address.
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
    /// The current statistics batch as served.
    pub stats_cache: StatsCache,
}

impl AppState {
    pub fn new(pool: DbPool, config: Config) -> AppState {
        let configured: Option<[u8; 32]> = config
            .secret_key
            .as_ref()
            .and_then(|key| key.expose_secret().try_into().ok());
        let key = configured.unwrap_or_else(|| {
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
            code_limiter: RateLimiter::new(CODE_LOOKUPS_PER_HOUR, Duration::from_secs(3600)),
            sign_in_throttle: SignInThrottle::new(&key),
            password_work: PasswordWork::for_this_machine(),
            password_form_limiter: RateLimiter::new(
                PASSWORD_FORMS_PER_HOUR,
                Duration::from_secs(3600),
            ),
            reset_request_limiter: RateLimiter::new(
                RESET_REQUESTS_PER_HOUR,
                Duration::from_secs(3600),
            ),
            publisher: Arc::new(Publisher::with_warm_up(
                &config.public_url,
                Arc::new({
                    let public_url = config.public_url.clone();
                    move |catalog: &crate::publishing::Catalog| {
                        crate::web::warm_up(catalog, &public_url)
                    }
                }),
            )),
            stats_cache: StatsCache::default(),
            config: Arc::new(config),
        }
    }
}

impl AppState {
    /// Re-reads the published stories after a change on this instance, so it serves the
    /// change at once (others within `publishing::REFRESH_EVERY`). A failure is logged:
    /// the change itself is stored, and the refresher tries again.
    pub async fn refresh_published(&self) {
        if let Err(error) = self.publisher.refresh(&self.pool).await {
            tracing::warn!(error = %crate::error::Chain(&error), "published stories not refreshed");
        }
    }

    /// Counts a story sent from `req`'s client; a 429 over `KANARIE_SUBMISSIONS_PER_HOUR`.
    pub fn limit_submissions(&self, req: &HttpRequest) -> Result<(), AppError> {
        self.submission_limiter
            .check(req, self.config.client_ip_header.as_deref())
    }

    /// Counts a preview asked for from `req`'s client; a 429 over its hourly limit.
    pub fn limit_previews(&self, req: &HttpRequest) -> Result<(), AppError> {
        self.preview_limiter
            .check(req, self.config.client_ip_header.as_deref())
    }

    /// Counts a withdrawal-code look-up from `req`'s client; a 429 over the hourly limit.
    pub fn limit_code_lookups(&self, req: &HttpRequest) -> Result<(), AppError> {
        self.code_limiter
            .check(req, self.config.client_ip_header.as_deref())
    }
}
