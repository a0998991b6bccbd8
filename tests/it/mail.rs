//! The mail outbox against a real SMTP conversation (`smtp_sink`), on both backends.

use std::collections::HashMap;
use std::time::Duration;

use diesel::Connection;
use kanarie::config::DatabaseTarget;
use kanarie::db::{connect_pool, run_migrations, DbConnection, DbPool};
use kanarie::mail::{self, MailConfig, MailKind, OutgoingMail};

use crate::helpers::TestDatabase;
use crate::smtp_sink::SmtpSink;

const FROM: &str = "noreply@kanarie.test";

/// A pool on `database` with every migration applied; call it twice for two "instances".
fn open(database: &TestDatabase) -> DbPool {
    let target = DatabaseTarget::parse(&database.url()).unwrap();
    let pool = connect_pool(&target).unwrap();
    run_migrations(&mut pool.get().unwrap()).unwrap();
    pool
}

fn mail_config(sink: Option<&SmtpSink>) -> MailConfig {
    let url = sink.map(SmtpSink::url);
    MailConfig::from_lookup(&move |name| match name {
        "KANARIE_SMTP_URL" => url.clone(),
        "KANARIE_MAIL_FROM" => Some(format!("kanarie test <{FROM}>")),
        _ => None,
    })
    .unwrap()
}

/// Runs `work` with a pooled connection on a blocking thread.
async fn with_conn<T, F>(pool: &DbPool, work: F) -> T
where
    F: FnOnce(&mut DbConnection) -> T + Send + 'static,
    T: Send + 'static,
{
    let pool = pool.clone();
    actix_web::rt::task::spawn_blocking(move || work(&mut pool.get().unwrap()))
        .await
        .unwrap()
}

async fn enqueue(pool: &DbPool, mail: OutgoingMail) {
    with_conn(pool, move |conn| mail::enqueue(conn, &mail))
        .await
        .unwrap();
}

async fn pending(pool: &DbPool) -> i64 {
    with_conn(pool, mail::pending_count).await.unwrap()
}

backend_test! {
    async fn a_queued_mail_is_sent_over_smtp_and_leaves_nothing_behind(backend: Backend) {
        let database = TestDatabase::create(&backend);
        let pool = open(&database);
        let sink = SmtpSink::start();
        let config = mail_config(Some(&sink));

        let invitation = mail::invitation(
            "moderator@example.nl",
            "https://kanarie.example/nl/uitnodiging/tok3n-abc",
            "moderator",
        );
        enqueue(&pool, invitation.clone()).await;
        assert_eq!(pending(&pool).await, 1);

        assert_eq!(mail::deliver_due(&pool, &config).await.unwrap(), 1);

        let received = sink.received();
        assert_eq!(received.len(), 1);
        let message = &received[0];
        assert_eq!(message.mail_from, FROM);
        assert_eq!(message.rcpt_to, ["moderator@example.nl"]);
        assert_eq!(message.header("Subject").unwrap(), invitation.subject);
        assert!(message.header("From").unwrap().contains(FROM));
        assert!(message.header("To").unwrap().contains("moderator@example.nl"));
        assert!(message
            .header("Content-Type")
            .unwrap()
            .starts_with("text/plain"));
        assert_eq!(message.body_text().trim_end(), invitation.body.trim_end());
        assert!(message
            .body_text()
            .contains("https://kanarie.example/nl/uitnodiging/tok3n-abc"));

        assert_eq!(pending(&pool).await, 0, "a sent mail leaves no row");
        assert_eq!(mail::deliver_due(&pool, &config).await.unwrap(), 0);
        assert_eq!(sink.received().len(), 1, "sent once");
    }
}

backend_test! {
    async fn a_failing_server_keeps_the_mail_visible_and_it_goes_out_after_the_backoff(backend: Backend) {
        let database = TestDatabase::create(&backend);
        let pool = open(&database);
        let sink = SmtpSink::start();
        let config = mail_config(Some(&sink));
        sink.set_failing(true);

        let reset = mail::password_reset("ouder.moderator@example.nl", "https://kanarie.example/reset/geheim-123");
        enqueue(&pool, reset.clone()).await;
        let now = mail::unix_now();
        assert_eq!(mail::deliver_due_at(&pool, &config, now).await.unwrap(), 0);
        assert!(sink.received().is_empty());
        assert_eq!(pending(&pool).await, 1, "the mail stays in the outbox");

        let failures = with_conn(&pool, mail::failures).await.unwrap();
        assert_eq!(failures.len(), 1);
        let failure = &failures[0];
        assert_eq!(failure.recipient, "ouder.moderator@example.nl");
        assert_eq!(failure.kind, kanarie::mail::MailKind::PasswordReset);
        assert_eq!(failure.attempts, 1);
        assert!(failure.last_error.contains("451"), "{}", failure.last_error);
        assert!(failure.last_error.contains("try again later"), "{}", failure.last_error);
        assert!(!failure.last_error.contains("geheim-123"), "{}", failure.last_error);
        assert!(!failure.last_error.contains("wachtwoord"), "{}", failure.last_error);
        assert!(!failure.last_error.contains('@'), "{}", failure.last_error);
        assert_eq!(failure.next_attempt_at, now + 30, "the first retry waits 30 s");

        // A second failure doubles the wait.
        assert_eq!(mail::deliver_due_at(&pool, &config, now + 30).await.unwrap(), 0);
        let failure = with_conn(&pool, mail::failures).await.unwrap().remove(0);
        assert_eq!(failure.attempts, 2);
        assert_eq!(failure.next_attempt_at, now + 30 + 60);

        // The server is back, but the mail waits for its retry time.
        sink.set_failing(false);
        assert_eq!(mail::deliver_due_at(&pool, &config, now + 60).await.unwrap(), 0);
        assert!(sink.received().is_empty(), "sent before its retry time");

        assert_eq!(mail::deliver_due_at(&pool, &config, now + 90).await.unwrap(), 1);
        let received = sink.received();
        assert_eq!(received.len(), 1);
        assert_eq!(received[0].rcpt_to, ["ouder.moderator@example.nl"]);
        assert_eq!(received[0].body_text().trim_end(), reset.body.trim_end());
        assert_eq!(pending(&pool).await, 0);
        assert!(with_conn(&pool, mail::failures).await.unwrap().is_empty());
    }
}

backend_test! {
    async fn review_notices_are_throttled_across_instances(backend: Backend) {
        let database = TestDatabase::create(&backend);
        let first = open(&database);
        let second = open(&database);
        let sink = SmtpSink::start();
        let config = mail_config(Some(&sink));
        let interval = Duration::from_secs(3600);
        let moderators = vec!["a@example.nl".to_owned(), "b@example.nl".to_owned()];
        let url = "https://kanarie.example/moderatie";
        // The start of a notice slot: notices are checked on a grid of whole hours.
        let slot = mail::notice_slot(mail::unix_now(), interval);
        assert_eq!(slot % 3600, 0);

        let queue = |pool: &DbPool, waiting: i64, at: i64| {
            let moderators = moderators.clone();
            let pool = pool.clone();
            async move {
                with_conn(&pool, move |conn| {
                    mail::queue_review_notice_at(conn, &moderators, waiting, url, interval, at)
                })
                .await
                .unwrap()
            }
        };

        assert!(queue(&first, 3, slot + 17).await, "the first notice is queued");
        assert!(!queue(&second, 4, slot + 30).await, "another instance within the slot");
        assert!(!queue(&first, 5, slot + 3599).await, "the same instance within the slot");
        assert_eq!(pending(&first).await, 2, "one notice per moderator");
        let times = with_conn(&first, |conn| {
            use diesel::prelude::*;
            use kanarie::db::schema::mail_outbox;
            mail_outbox::table
                .select((mail_outbox::created_at, mail_outbox::next_attempt_at))
                .load::<(i64, i64)>(conn)
                .unwrap()
        })
        .await;
        assert_eq!(times, [(slot, slot), (slot, slot)], "dated at the slot's start");

        assert_eq!(mail::deliver_due_at(&first, &config, slot + 5).await.unwrap(), 2);
        let received = sink.received();
        let mut recipients: Vec<String> = received.iter().flat_map(|m| m.rcpt_to.clone()).collect();
        recipients.sort();
        assert_eq!(recipients, ["a@example.nl", "b@example.nl"], "one recipient per mail");
        for message in &received {
            let body = message.body_text();
            assert!(body.contains("Er wachten 3 verhalen op beoordeling."), "{body}");
            assert!(body.contains("3 stories are waiting for review."), "{body}");
            assert!(body.contains(url), "{body}");
            assert!(body.find("Hallo").unwrap() < body.find("Hello").unwrap(), "Dutch first");
        }

        assert!(queue(&second, 6, slot + 3600).await, "in the next slot a notice is queued again");
        assert!(!queue(&first, 6, slot + 3601).await);
        assert_eq!(pending(&first).await, 2);

        // Nothing waiting, or nobody to tell: nothing is queued, and the slot is checked
        // all the same (what is stored says only that the check ran).
        assert!(!queue(&first, 0, slot + 7200).await);
        assert!(!queue(&first, 1, slot + 7201).await, "the slot was checked");
        let nobody = with_conn(&first, move |conn| {
            mail::queue_review_notice_at(conn, &[], 3, url, interval, slot + 10_800)
        })
        .await
        .unwrap();
        assert!(!nobody);
        assert!(queue(&first, 1, slot + 14_400).await);

        // Two instances asking at the same moment: exactly one wins.
        for round in 1..=5 {
            let at = slot + 100_000 * (round + 1);
            let (a, b) = tokio::join!(queue(&first, 2, at), queue(&second, 2, at));
            assert!(a ^ b, "round {round}: first {a}, second {b}");
        }
    }
}

backend_test! {
    async fn two_instances_claiming_at_once_send_each_mail_exactly_once(backend: Backend) {
        let database = TestDatabase::create(&backend);
        let first = open(&database);
        let second = open(&database);
        let sink = SmtpSink::start();
        let config = mail_config(Some(&sink));

        let total = 12;
        for n in 0..total {
            let link = format!("https://kanarie.example/uitnodiging/{n}");
            enqueue(&first, mail::invitation(&format!("m{n}@example.nl"), &link, "moderator")).await;
        }

        let (a, b) = tokio::join!(
            mail::deliver_due(&first, &config),
            mail::deliver_due(&second, &config),
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        eprintln!("concurrent claimers: first sent {a}, second sent {b}");
        assert_eq!(a + b, total, "first sent {a}, second sent {b}");

        let mut per_recipient: HashMap<String, usize> = HashMap::new();
        for message in sink.received() {
            for rcpt in message.rcpt_to {
                *per_recipient.entry(rcpt).or_default() += 1;
            }
        }
        assert_eq!(per_recipient.len(), total);
        assert!(per_recipient.values().all(|&count| count == 1), "{per_recipient:?}");
        assert_eq!(pending(&first).await, 0);
    }
}

backend_test! {
    async fn the_background_worker_sends_soon_after_start(backend: Backend) {
        let database = TestDatabase::create(&backend);
        let pool = open(&database);
        let sink = SmtpSink::start();
        let config = std::sync::Arc::new(mail_config(Some(&sink)));

        enqueue(&pool, mail::password_reset("r@example.nl", "https://kanarie.example/r/1")).await;
        let worker = mail::spawn_outbox_worker(pool.clone(), config);
        let mut waited = Duration::ZERO;
        while sink.received().is_empty() && waited < Duration::from_secs(10) {
            actix_web::rt::time::sleep(Duration::from_millis(50)).await;
            waited += Duration::from_millis(50);
        }
        assert_eq!(sink.received().len(), 1, "not sent within 10 s");
        let mut waited = Duration::ZERO;
        while pending(&pool).await > 0 && waited < Duration::from_secs(5) {
            actix_web::rt::time::sleep(Duration::from_millis(50)).await;
            waited += Duration::from_millis(50);
        }
        assert_eq!(pending(&pool).await, 0);
        worker.abort();
    }
}

backend_test! {
    async fn without_smtp_mail_waits_in_the_outbox(backend: Backend) {
        let database = TestDatabase::create(&backend);
        let pool = open(&database);
        let config = mail_config(None);
        assert!(!config.is_configured());

        enqueue(&pool, mail::invitation("x@example.nl", "https://kanarie.example/i/1", "admin")).await;
        assert_eq!(mail::deliver_due(&pool, &config).await.unwrap(), 0);
        let worker = mail::spawn_outbox_worker(pool.clone(), std::sync::Arc::new(config));
        worker.await.unwrap();
        assert_eq!(pending(&pool).await, 1);
        assert!(with_conn(&pool, mail::failures).await.unwrap().is_empty());
    }
}

backend_test! {
    async fn mail_follows_the_callers_transaction_and_needs_a_real_address(backend: Backend) {
        let database = TestDatabase::create(&backend);
        let pool = open(&database);

        let rolled_back = with_conn(&pool, |conn| {
            conn.transaction::<(), diesel::result::Error, _>(|conn| {
                let mail = mail::invitation("y@example.nl", "https://kanarie.example/i/2", "moderator");
                mail::enqueue(conn, &mail)?;
                Err(diesel::result::Error::RollbackTransaction)
            })
        })
        .await;
        assert!(rolled_back.is_err());
        assert_eq!(pending(&pool).await, 0, "a rolled-back request queues nothing");

        for bad in ["", "not an address", "a@b.nl, c@d.nl", "x@example.nl\r\nBcc: z@evil.example"] {
            let mail = OutgoingMail {
                to: bad.to_owned(),
                subject: "s".to_owned(),
                body: "b".to_owned(),
                kind: MailKind::Invitation,
            };
            let result = with_conn(&pool, move |conn| mail::enqueue(conn, &mail)).await;
            assert!(result.is_err(), "{bad:?} was queued");
        }
        assert_eq!(pending(&pool).await, 0);
    }
}
