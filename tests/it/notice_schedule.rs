//! Review notices run on a clock of their own, so nothing a submission causes to be
//! written dates the story finer than the day it carries.

use std::time::Duration;

use diesel::prelude::*;
use kanarie::db::schema::{mail_outbox, mail_state};

use crate::helpers::TestApp;
use crate::smtp_sink::SmtpSink;

const MODERATOR: &str = "lezer@oudervereniging.example";
const PASSWORD: &str = "een zin die niemand raadt";
const HOUR: i64 = 3600;

/// Every time column of the mail tables, as (where, value).
async fn mail_times(app: &TestApp) -> Vec<(String, i64)> {
    app.with_db(|conn| {
        let mut times = Vec::new();
        let outbox: Vec<(i64, String, i64, i64, Option<i64>)> = mail_outbox::table
            .select((
                mail_outbox::id,
                mail_outbox::kind,
                mail_outbox::created_at,
                mail_outbox::next_attempt_at,
                mail_outbox::claimed_until,
            ))
            .load(conn)
            .unwrap();
        for (id, kind, created, next, claimed) in outbox {
            times.push((format!("mail_outbox {id} ({kind}) created_at"), created));
            times.push((format!("mail_outbox {id} ({kind}) next_attempt_at"), next));
            if let Some(claimed) = claimed {
                times.push((format!("mail_outbox {id} ({kind}) claimed_until"), claimed));
            }
        }
        let state: Vec<(String, i64)> = mail_state::table
            .select((mail_state::key, mail_state::value))
            .load(conn)
            .unwrap();
        times.extend(
            state
                .into_iter()
                .map(|(key, value)| (format!("mail_state {key}"), value)),
        );
        times
    })
    .await
}

backend_test! {
    async fn a_submission_writes_no_time_and_notices_go_out_on_the_clock_grid(backend: Backend) {
        let sink = SmtpSink::start();
        let smtp_url = sink.url();
        let app = TestApp::builder(backend)
            .for_moderation()
            .smtp(&smtp_url)
            .with(|config| config.mail.notice_interval = std::time::Duration::from_secs(3600))
            .spawn()
            .await;
        app.add_moderator(MODERATOR, "moderator", PASSWORD).await;

        let before = kanarie::mail::unix_now();
        app.submit_story("Een verhaal met het woord kievitsbloem erin.", "publish").await;
        let after = kanarie::mail::unix_now();

        // What the submission wrote: the story carries its day, and the mail tables hold
        // no time that depends on when it was sent (only slot starts, whole hours).
        let stored = app.stored_stories().await;
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].submitted_on.len(), "2026-12-01".len(), "{}", stored[0].submitted_on);
        let times = mail_times(&app).await;
        for (column, value) in &times {
            assert_eq!(value % HOUR, 0, "{column} holds {value}, not a slot start");
            assert!(
                !(before..=after).contains(value) || value % HOUR == 0,
                "{column} holds the second of the submission"
            );
        }
        let submitted_rows = app
            .with_db(move |conn| {
                mail_outbox::table
                    .filter(mail_outbox::created_at.between(before, after))
                    .filter(mail_outbox::created_at.ne(after - after % HOUR))
                    .count()
                    .get_result::<i64>(conn)
                    .unwrap()
            })
            .await;
        assert_eq!(submitted_rows, 0, "a row dated by the submission: {times:?}");

        // The notice check at the start of a (later) hour finds the story waiting and tells
        // the moderator; everything it writes is dated at that hour.
        let config = kanarie::mail::MailConfig::from_lookup(&|_| None).unwrap().with_smtp_url(&smtp_url).unwrap();
        let pool = app.pool().clone();
        let slot = kanarie::mail::notice_slot(after, Duration::from_secs(3600)) + 10 * HOUR;
        let review_url = app.url("/moderation/");
        let check = |at: i64| {
            let (pool, config, review_url) = (pool.clone(), config.clone(), review_url.clone());
            async move {
                kanarie::mail::check_review_notices(&pool, &config, &review_url, at)
                    .await
                    .unwrap()
            }
        };
        assert!(check(slot + 7).await, "a story waits: the check queues a notice");
        assert!(!check(slot + 1800).await, "one check per slot");
        let times = mail_times(&app).await;
        assert!(times.len() >= 3, "{times:?}");
        for (column, value) in &times {
            assert_eq!(*value, slot, "{column} is not dated at the slot's start");
        }

        assert_eq!(kanarie::mail::deliver_due_at(&pool, &config, slot + 7).await.unwrap(), 1);
        let notices: Vec<_> = sink
            .received()
            .into_iter()
            .filter(|m| m.rcpt_to == [MODERATOR.to_owned()])
            .collect();
        assert_eq!(notices.len(), 1);
        let body = notices[0].body_text();
        assert!(body.contains("Er wacht 1 verhaal op beoordeling."), "{body}");
        assert!(body.contains("/moderation/"), "{body}");
        assert!(!body.contains("kievitsbloem"), "never story text");

        // While the story waits, the next slot's check tells them again.
        assert!(check(slot + HOUR).await);
    }
}
