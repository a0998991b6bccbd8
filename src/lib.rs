//! kanarie: parents share what happened to their child without being recognisable, and
//! campaigners publish the stories and the numbers.
//!
//! - `anonymiser`: turns `RawText` into `AnonymisedText`, the only text storage accepts.
//! - `questionnaire`: the questions, their options and limits, form validation.
//! - `protection`: signed form tokens and rate limits, without cookies or stored addresses.
//! - `db`: one connection type for SQLite and PostgreSQL, migrations, blocking work.
//! - `web`: routes grouped by what the user does, and the middleware every response passes.
//! - `config`, `cli`, `startup`, `telemetry`: how the program is configured and started.

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
