//! Mail: invitations, password resets and review notices, sent through a durable outbox.
//!
//! A request only adds a row to `mail_outbox` (`db::mail_outbox`), in the caller's transaction, so it never
//! waits for a mail server. A background worker (`spawn_outbox_worker`) claims due rows,
//! sends them over SMTP with TLS or STARTTLS, and deletes each row once it is sent: no mail
//! content is kept after delivery. A failure is logged without address or content, stored
//! as `last_error` (SMTP error text only), retried with a growing delay (30 s doubling, at
//! most an hour) and listed by `failures()` for the admin until it goes through.
//!
//! Several instances may share one PostgreSQL database: a row is claimed with one
//! conditional UPDATE before it is sent, so only one instance sends it, and each review
//! notice slot is claimed the same way in `mail_state`. Review notices are not queued by
//! submissions but by a check at fixed times (`notices`), so no mail row dates a story.

pub(crate) mod content;
mod notices;
mod worker;

pub use crate::config::MailConfig;
pub use crate::db::mail_outbox::{
    discard, enqueue, enqueue_at, failures, notice_slot, pending_count, retry_now, unix_now,
    MailFailure, MailKind, OutgoingMail,
};
pub use content::{invitation, password_reset};
pub use notices::{check_review_notices, queue_review_notice_at, spawn_notice_scheduler};
pub use worker::{deliver_due, deliver_due_at, spawn_outbox_worker, MailError};
