#![allow(clippy::unwrap_used, clippy::expect_used)]

//! Black-box tests of the real application: each test starts kanarie on port 0 with a
//! fresh database. `backend_test!` runs a test on SQLite and, when
//! `KANARIE_TEST_POSTGRES_URL` is set (CI always sets it), on PostgreSQL too.

#[macro_use]
mod helpers;

mod accounts;
mod answer_migration;
mod api_conformance;
mod browser;
mod browser_embed;
mod browser_stats;
mod browser_stories;
mod compression;
mod crash;
mod cursor_privacy;
mod edit_traces;
mod expired_session;
mod foundation;
mod locales;
mod logging;
mod mail;
mod moderation;
mod notice_schedule;
mod operations;
mod parent_check;
mod privacy;
mod publishing;
mod questionnaire;
mod review_queue;
mod scale;
mod schema;
mod slow_requests;
mod smtp_sink;
mod stats;
mod stats_presentation;
mod story_pages;
mod take_down;
mod two_person_approval;
mod unknown_methods;
