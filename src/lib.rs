//! kanarie: parents share what happened to their child without being recognisable, and
//! campaigners publish the stories and the numbers.
//!
//! - `anonymiser`: turns `RawText` into `AnonymizedText`, the only text storage accepts.
//! - `db`: one connection type for SQLite and PostgreSQL, migrations, blocking work.
//! - `web`: routes grouped by what the user does, and the middleware every response passes.
//! - `config`, `cli`, `startup`, `telemetry`: how the program is configured and started.

rust_i18n::i18n!("locales", fallback = "nl");

pub mod cli;
pub mod config;
pub mod db;
pub mod error;
pub mod lang;
pub mod startup;
pub mod telemetry;
pub mod web;
