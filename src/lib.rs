//! kanarie: parents share what happened to their child without being recognisable, and
//! campaigners publish the stories and the numbers. Where each rule lives:
//!
//! - `anonymiser` (the crate `crates/anonymiser`): `RawText` in, `AnonymisedText` out;
//!   only the anonymiser can make the text type storage accepts. `lang`: Dutch and
//!   English, and choosing one for a visitor.
//! - `questionnaire`: the questions and options (defined once), limits, form validation,
//!   consent and withdrawal codes.
//! - `protection`: signed form tokens, the preview seal, rate limits and the client
//!   address, without cookies or stored addresses.
//! - `accounts`: roles, passwords, secret tokens (only their hash is stored), session
//!   timeouts, two-step codes, the sign-in throttle, invitations.
//! - `db`: the one connection type for SQLite and PostgreSQL, the pool, migrations, the
//!   one `schema`, and every query (stories, review, published, moderators, sign-in
//!   attempts, audit, mail outbox, statistics); `db::run` keeps blocking work off the async workers. Stored
//!   states are enums declared with `text_enum!` (one spelling each).
//! - `publishing`: the in-memory catalogue the read path serves, and keyset cursors.
//! - `stats`: which tables are published, suppression and rounding, batches.
//! - `mail`: mail texts, the outbox worker and the review-notice clock (queries in
//!   `db::mail_outbox`).
//! - `metrics`: Prometheus counters without user data. `operations`: backup and export.
//!   `demo`: fictional demo stories.
//! - `web`: the application (`web::app`) and routes grouped by what the user does: `pages`
//!   (questionnaire, status, numbers), `moderation` (every change through
//!   `moderation::change::ModeratorForm`/`AdminForm`: CSRF and origin checked first),
//!   `api` (JSON v1, OpenAPI), `feeds`, `embed`, `ops`, `assets`, and the `middleware`
//!   every response passes (access log without addresses, security headers, error pages).
//! - `config` (every setting, parsed once; secrets in `secrecy` types), `state` (what
//!   handlers reach), `startup` (getting an instance ready), `server` (serving it), `cli`,
//!   `telemetry`, `error` (the one error type; user-facing codes are i18n keys).

rust_i18n::i18n!("locales", fallback = "nl");

#[macro_use]
mod text_enum;

pub mod accounts;
pub use kanarie_anonymiser as anonymiser;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod lang;
pub mod mail;
pub mod metrics;
pub mod operations;
pub mod protection;
pub mod publishing;
pub mod questionnaire;
pub mod server;
pub mod startup;
pub mod state;
pub mod stats;
pub mod telemetry;
pub mod web;
