//! The background sender: claims due rows, sends them over SMTP, records the outcome.

use std::sync::Arc;

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::MailConfig;
use crate::db::mail_outbox::{self as outbox, ClaimedMail};
use crate::db::{DbConnection, DbPool};

/// Seconds a claimed row stays reserved for the instance sending it. A send is abandoned
/// after `MailConfig::send_timeout` (45 s), well within it.
const CLAIM_SECONDS: i64 = 60;

/// Most mails one pass sends; the next pass continues.
const MAX_PER_PASS: usize = 200;

/// Why a pass of the outbox worker stopped. A mail that fails to send is not an error of
/// the pass: it is recorded on its row and retried.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("mail outbox: a query failed")]
    Database(#[from] diesel::result::Error),
    #[error("mail outbox: no database connection")]
    Pool(#[from] diesel::r2d2::PoolError),
    #[error("mail outbox: the blocking task failed")]
    Blocking(#[source] actix_web::error::BlockingError),
    #[error("cannot set up the SMTP transport")]
    Transport(#[from] lettre::transport::smtp::Error),
}

type Transport = AsyncSmtpTransport<Tokio1Executor>;

/// Starts the background sender on the current actix/tokio runtime.
///
/// It runs a pass at once and then every `config.poll_interval`. When SMTP is not
/// configured it logs that once and ends: mails stay in the outbox.
pub fn spawn_outbox_worker(
    pool: DbPool,
    config: Arc<MailConfig>,
) -> actix_web::rt::task::JoinHandle<()> {
    actix_web::rt::spawn(async move {
        let transport = match config.transport() {
            Ok(Some(transport)) => DropInRuntime(Some(transport)),
            Ok(None) => {
                tracing::info!("KANARIE_SMTP_URL is not set: mail stays in the outbox, unsent");
                return;
            }
            Err(error) => {
                tracing::error!(error = %crate::error::Chain(&error), "cannot set up SMTP: mail stays in the outbox, unsent");
                return;
            }
        };
        tracing::info!(
            server = config.describe_server().unwrap_or_default(),
            "sending mail"
        );
        let mut ticker = tokio::time::interval(config.poll_interval);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticker.tick().await;
            let Some(transport) = transport.0.as_ref() else {
                return;
            };
            if let Err(error) = deliver(&pool, &config, transport, outbox::unix_now).await {
                tracing::warn!(error = %crate::error::Chain(&error), "mail outbox pass failed; trying again soon");
            }
        }
    })
}

/// Holds the worker's transport. lettre's connection pool spawns a clean-up task when it
/// is dropped, which panics outside a tokio runtime, as when the runtime is shutting down
/// and drops the worker's task. Then the transport is leaked instead: the process is ending.
struct DropInRuntime(Option<Transport>);

impl Drop for DropInRuntime {
    fn drop(&mut self) {
        if let Some(transport) = self.0.take() {
            if tokio::runtime::Handle::try_current().is_err() {
                std::mem::forget(transport);
            }
        }
    }
}

/// One pass of the worker now, with a transport of its own (for tests and shutdown).
/// Returns how many mails were sent; `Ok(0)` when SMTP is not configured.
pub async fn deliver_due(pool: &DbPool, config: &MailConfig) -> Result<usize, MailError> {
    deliver_once(pool, config, outbox::unix_now).await
}

/// `deliver_due` as if the time were `now` (unix seconds): sends what is due by then, and
/// times claims and retries from it. For tests of the retry delay.
pub async fn deliver_due_at(
    pool: &DbPool,
    config: &MailConfig,
    now: i64,
) -> Result<usize, MailError> {
    deliver_once(pool, config, move || now).await
}

async fn deliver_once(
    pool: &DbPool,
    config: &MailConfig,
    clock: impl Fn() -> i64,
) -> Result<usize, MailError> {
    let Some(transport) = config.transport()? else {
        return Ok(0);
    };
    let result = deliver(pool, config, &transport, clock).await;
    transport.shutdown().await;
    result
}

async fn deliver(
    pool: &DbPool,
    config: &MailConfig,
    transport: &Transport,
    clock: impl Fn() -> i64,
) -> Result<usize, MailError> {
    let mut sent = 0;
    for _ in 0..MAX_PER_PASS {
        let now = clock();
        let Some(mail) = blocking(pool, move |conn| {
            outbox::claim_next(conn, now, CLAIM_SECONDS)
        })
        .await?
        else {
            break;
        };
        let outcome = send(transport, config, &mail).await;
        let id = mail.id;
        match outcome {
            Ok(()) => {
                blocking(pool, move |conn| outbox::mark_sent(conn, id)).await?;
                tracing::info!(kind = %mail.kind, "mail sent");
                sent += 1;
            }
            Err(error) => {
                let error = outbox::scrub_error(&error, &mail);
                let attempts = mail.attempts.saturating_add(1);
                let next = clock().saturating_add(outbox::backoff(
                    attempts,
                    config.retry_base,
                    config.max_backoff,
                ));
                tracing::warn!(kind = %mail.kind, attempts, error = %error, "mail not sent; will retry");
                blocking(pool, move |conn| {
                    outbox::mark_failed(conn, id, &error, next)
                })
                .await?;
            }
        }
    }
    Ok(sent)
}

/// One SMTP conversation for one mail; the error is the text to record.
async fn send(
    transport: &Transport,
    config: &MailConfig,
    mail: &ClaimedMail,
) -> Result<(), String> {
    let to: Mailbox = mail
        .recipient
        .parse()
        .map_err(|_| "the recipient is not a valid e-mail address".to_owned())?;
    let message = Message::builder()
        .from(config.from.clone())
        .to(to)
        .subject(mail.subject.as_str())
        .header(ContentType::TEXT_PLAIN)
        .body(mail.body.clone())
        .map_err(|error| format!("cannot build the message: {error}"))?;
    match tokio::time::timeout(config.send_timeout, transport.send(message)).await {
        Ok(Ok(_response)) => Ok(()),
        Ok(Err(error)) => Err(error.to_string()),
        Err(_elapsed) => Err(format!(
            "no answer from the SMTP server within {} seconds",
            config.send_timeout.as_secs()
        )),
    }
}

/// Runs diesel work on the blocking thread pool with a pooled connection.
async fn blocking<T, F>(pool: &DbPool, work: F) -> Result<T, MailError>
where
    F: FnOnce(&mut DbConnection) -> diesel::QueryResult<T> + Send + 'static,
    T: Send + 'static,
{
    let pool = pool.clone();
    actix_web::web::block(move || -> Result<T, MailError> {
        let mut conn = pool.get()?;
        Ok(work(&mut conn)?)
    })
    .await
    .map_err(MailError::Blocking)?
}
