//! The mail outbox in storage: queueing, claiming, and recording the outcome of a send
//! (the worker and the mail texts are in `crate::mail`).
//!
//! Everything here is blocking diesel work on one connection; the worker runs it on the
//! blocking thread pool.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

use super::schema::{mail_outbox, mail_state};
use super::DbConnection;

/// The `mail_state` key holding the start of the last notice slot checked (unix seconds;
/// the name is older than the grid).
const NOTICE_KEY: &str = "review_notice_queued_at";

/// A mail ready to be queued.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutgoingMail {
    /// One address (`name@example.nl`), checked when the mail is queued.
    pub to: String,
    pub subject: String,
    /// Plain text.
    pub body: String,
    pub kind: MailKind,
}

text_enum! {
    /// What a mail is for; stored in `mail_outbox.kind`.
    pub enum MailKind {
        Invitation = "invitation",
        PasswordReset = "password_reset",
        ReviewNotice = "review_notice",
    }
}

/// Longest `last_error` kept, in characters.
const MAX_ERROR_CHARS: usize = 500;

/// The current time in unix seconds, the unit of every time column in the mail tables.
pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

fn seconds(duration: Duration) -> i64 {
    i64::try_from(duration.as_secs()).unwrap_or(i64::MAX)
}

/// A recipient that is not one plain address.
#[derive(Debug, thiserror::Error)]
#[error("the recipient is not a valid e-mail address")]
struct InvalidRecipient;

#[derive(Insertable)]
#[diesel(table_name = mail_outbox)]
struct NewRow<'a> {
    recipient: &'a str,
    subject: &'a str,
    body: &'a str,
    kind: MailKind,
    attempts: i32,
    next_attempt_at: i64,
    created_at: i64,
}

/// Queues `mail` for the background worker. Call it inside the transaction that makes the
/// mail necessary (the invitation, the reset token): it is sent only if that commits.
///
/// A recipient that does not parse as an address is refused with a `SerializationError`.
pub fn enqueue(conn: &mut DbConnection, mail: &OutgoingMail) -> QueryResult<()> {
    enqueue_at(conn, mail, unix_now())
}

/// `enqueue` with the time given (unix seconds): the mail is due from `now`.
pub fn enqueue_at(conn: &mut DbConnection, mail: &OutgoingMail, now: i64) -> QueryResult<()> {
    let to = mail.to.trim();
    if to.parse::<lettre::Address>().is_err() {
        return Err(DieselError::SerializationError(Box::new(InvalidRecipient)));
    }
    // A subject is one header line.
    let subject = mail
        .subject
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    diesel::insert_into(mail_outbox::table)
        .values(NewRow {
            recipient: to,
            subject: &subject,
            body: &mail.body,
            kind: mail.kind,
            attempts: 0,
            next_attempt_at: now,
            created_at: now,
        })
        .execute(conn)
        .map(drop)
}

/// The start of the notice slot that holds `now` (unix seconds). Notices are checked on a
/// fixed grid, every `interval` counted from 1970-01-01 00:00 UTC (for an interval that
/// divides a day, that is from every midnight), never at a moment a submission chose.
pub fn notice_slot(now: i64, interval: Duration) -> i64 {
    let step = seconds(interval).max(1);
    now.div_euclid(step).saturating_mul(step)
}

/// The review-notice check for the slot that holds `now`: the first caller in a slot, on
/// any instance, claims it, and queues `notices` (none when nothing waits; see
/// `mail::queue_review_notice_at`). Returns whether it queued.
///
/// The slot is claimed with one conditional UPDATE on `mail_state`, so when two instances
/// check at once only one wins, and it is claimed whether or not anything waits, so the
/// stored value says only that the check ran. Every time written (the claim, the mails'
/// `created_at` and `next_attempt_at`) is the slot's start: nothing in the mail tables
/// says when a story arrived. The body holds the count and the link, never story text.
pub fn queue_notices_in_slot(
    conn: &mut DbConnection,
    notices: &[OutgoingMail],
    interval: Duration,
    now: i64,
) -> QueryResult<bool> {
    let slot = notice_slot(now, interval);
    let mails = notices;
    conn.transaction(|conn| {
        let claimed = diesel::update(
            mail_state::table
                .filter(mail_state::key.eq(NOTICE_KEY))
                .filter(mail_state::value.lt(slot)),
        )
        .set(mail_state::value.eq(slot))
        .execute(conn)?
            == 1;
        let claimed = claimed || claim_missing_slot(conn, slot)?;
        if !claimed || mails.is_empty() {
            return Ok(false);
        }
        for mail in mails {
            enqueue_at(conn, mail, slot)?;
        }
        Ok(true)
    })
}

/// The migration creates the notice row; should it be gone, the first to insert it wins.
fn claim_missing_slot(conn: &mut DbConnection, slot: i64) -> QueryResult<bool> {
    let exists: i64 = mail_state::table
        .filter(mail_state::key.eq(NOTICE_KEY))
        .count()
        .get_result(conn)?;
    if exists > 0 {
        return Ok(false);
    }
    // A savepoint, so a lost race does not abort the caller's PostgreSQL transaction.
    let inserted = conn.transaction(|conn| {
        diesel::insert_into(mail_state::table)
            .values((mail_state::key.eq(NOTICE_KEY), mail_state::value.eq(slot)))
            .execute(conn)
    });
    match inserted {
        Ok(_) => Ok(true),
        Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => Ok(false),
        Err(other) => Err(other),
    }
}

/// A mail that could not be sent yet, for the admin page. No body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailFailure {
    pub id: i64,
    pub recipient: String,
    pub kind: MailKind,
    pub attempts: i32,
    /// The SMTP error of the last attempt (never the mail's content).
    pub last_error: String,
    /// When the next attempt is due (unix seconds).
    pub next_attempt_at: i64,
}

/// Mails that failed at least once and are still waiting, oldest first.
pub fn failures(conn: &mut DbConnection) -> QueryResult<Vec<MailFailure>> {
    let rows: Vec<(i64, String, MailKind, i32, Option<String>, i64)> = mail_outbox::table
        .filter(mail_outbox::attempts.gt(0))
        .order(mail_outbox::id.asc())
        .select((
            mail_outbox::id,
            mail_outbox::recipient,
            mail_outbox::kind,
            mail_outbox::attempts,
            mail_outbox::last_error,
            mail_outbox::next_attempt_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, recipient, kind, attempts, last_error, next_attempt_at)| MailFailure {
                id,
                recipient,
                kind,
                attempts,
                last_error: last_error.unwrap_or_default(),
                next_attempt_at,
            },
        )
        .collect())
}

/// An admin's "try again now" for a failed mail: due at once, its count of attempts kept
/// (so a further failure still waits longer). False when the mail is no longer there.
pub fn retry_now(conn: &mut DbConnection, id: i64, now: i64) -> QueryResult<bool> {
    diesel::update(
        mail_outbox::table
            .filter(mail_outbox::id.eq(id))
            .filter(mail_outbox::attempts.gt(0)),
    )
    .set(mail_outbox::next_attempt_at.eq(now))
    .execute(conn)
    .map(|n| n == 1)
}

/// An admin's "give up" on a failed mail (a mistyped address, a link that has expired):
/// its row, and with it the body, is deleted. Returns the recipient and kind for the audit
/// trail, or `None` when the mail is no longer there.
pub fn discard(conn: &mut DbConnection, id: i64) -> QueryResult<Option<(String, MailKind)>> {
    conn.transaction(|conn| {
        let found: Option<(String, MailKind)> = mail_outbox::table
            .filter(mail_outbox::id.eq(id))
            .filter(mail_outbox::attempts.gt(0))
            .select((mail_outbox::recipient, mail_outbox::kind))
            .first(conn)
            .optional()?;
        if found.is_some() {
            diesel::delete(mail_outbox::table.filter(mail_outbox::id.eq(id))).execute(conn)?;
        }
        Ok(found)
    })
}

/// Mails waiting to be sent, failed or not.
pub fn pending_count(conn: &mut DbConnection) -> QueryResult<i64> {
    mail_outbox::table.count().get_result(conn)
}

/// A row this instance has claimed and now sends.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = mail_outbox)]
pub(crate) struct ClaimedMail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub kind: MailKind,
    pub attempts: i32,
}

/// Claims the next due row for `lease` seconds, or returns `None` when nothing is due.
///
/// The claim is one conditional UPDATE: when two instances pick the same row, one of them
/// changes it and the other sees zero rows changed and tries the next row.
pub(crate) fn claim_next(
    conn: &mut DbConnection,
    now: i64,
    lease: i64,
) -> QueryResult<Option<ClaimedMail>> {
    for _ in 0..50 {
        let candidate: Option<i64> = mail_outbox::table
            .filter(mail_outbox::next_attempt_at.le(now))
            .filter(
                mail_outbox::claimed_until
                    .is_null()
                    .or(mail_outbox::claimed_until.le(now)),
            )
            .order((mail_outbox::next_attempt_at.asc(), mail_outbox::id.asc()))
            .select(mail_outbox::id)
            .first(conn)
            .optional()?;
        let Some(id) = candidate else {
            return Ok(None);
        };
        let claimed = diesel::update(
            mail_outbox::table
                .filter(mail_outbox::id.eq(id))
                .filter(mail_outbox::next_attempt_at.le(now))
                .filter(
                    mail_outbox::claimed_until
                        .is_null()
                        .or(mail_outbox::claimed_until.le(now)),
                ),
        )
        .set(mail_outbox::claimed_until.eq(now.saturating_add(lease)))
        .execute(conn)?;
        if claimed == 1 {
            return mail_outbox::table
                .filter(mail_outbox::id.eq(id))
                .select(ClaimedMail::as_select())
                .first(conn)
                .optional();
        }
    }
    Ok(None)
}

/// A sent mail leaves nothing behind.
pub(crate) fn mark_sent(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    diesel::delete(mail_outbox::table.filter(mail_outbox::id.eq(id)))
        .execute(conn)
        .map(drop)
}

/// Records a failed attempt and when to try again; releases the claim.
pub(crate) fn mark_failed(
    conn: &mut DbConnection,
    id: i64,
    error: &str,
    next_attempt_at: i64,
) -> QueryResult<()> {
    diesel::update(mail_outbox::table.filter(mail_outbox::id.eq(id)))
        .set((
            mail_outbox::attempts.eq(mail_outbox::attempts + 1),
            mail_outbox::last_error.eq(Some(error)),
            mail_outbox::next_attempt_at.eq(next_attempt_at),
            mail_outbox::claimed_until.eq(None::<i64>),
        ))
        .execute(conn)
        .map(drop)
}

/// The wait after the `attempt`-th failure: `base` doubling, at most `max`, at least 1 s.
pub(crate) fn backoff(attempt: i32, base: Duration, max: Duration) -> i64 {
    let doublings = u32::try_from(attempt.saturating_sub(1).clamp(0, 30)).unwrap_or(30);
    let wait = seconds(base).saturating_mul(1i64 << doublings);
    wait.min(seconds(max)).max(1)
}

/// The error text to store and log: no addresses, nothing from the body, bounded length.
pub(crate) fn scrub_error(error: &str, mail: &ClaimedMail) -> String {
    let mut text = error.replace(['\r', '\n'], " ");
    // Servers often echo the recipient ("<a@b.nl>: Recipient address rejected").
    text = text
        .split(' ')
        .map(|word| {
            if word.contains('@') {
                "[address]"
            } else {
                word
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    for line in mail.body.lines().map(str::trim).filter(|l| l.len() >= 8) {
        if text.contains(line) {
            text = text.replace(line, "[content]");
        }
    }
    if text.chars().count() > MAX_ERROR_CHARS {
        text = text.chars().take(MAX_ERROR_CHARS).collect::<String>() + "…";
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_the_base_up_to_the_cap() {
        let base = Duration::from_secs(30);
        let max = Duration::from_secs(3600);
        let waits: Vec<i64> = (1..=9).map(|n| backoff(n, base, max)).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(backoff(10_000, base, max), 3600);
        assert_eq!(backoff(1, Duration::ZERO, max), 1);
    }

    #[test]
    fn stored_errors_carry_no_address_or_content() {
        let mail = ClaimedMail {
            id: 1,
            recipient: "ouder@example.nl".to_owned(),
            subject: "s".to_owned(),
            body: "Hallo,\n\nhttps://k.example/invite/secret-token\n".to_owned(),
            kind: MailKind::Invitation,
            attempts: 0,
        };
        let text = scrub_error(
            "permanent error (550): <ouder@example.nl>: rejected\r\nhttps://k.example/invite/secret-token",
            &mail,
        );
        assert!(!text.contains("ouder@"), "{text}");
        assert!(!text.contains("secret-token"), "{text}");
        assert!(text.contains("550"), "{text}");
        let long = scrub_error(&"x".repeat(5000), &mail);
        assert!(long.chars().count() <= MAX_ERROR_CHARS + 1);
    }
}
