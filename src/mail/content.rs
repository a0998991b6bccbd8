//! The texts of the mails: plain text, Dutch first and English below, never story text.

use std::time::Duration;

use super::{MailKind, OutgoingMail};

const SEPARATOR: &str = "----------------------------------------------------------------";

/// An invitation to create an account with a single-use link the caller made.
pub fn invitation(to: &str, link: &str, role_label: &str) -> OutgoingMail {
    let role = one_line(role_label);
    let body = format!(
        "Hallo,\n\
         \n\
         Je bent uitgenodigd om mee te werken aan kanarie als {role}.\n\
         Maak je account aan met deze link. De link werkt maar een keer:\n\
         \n\
         {link}\n\
         \n\
         Verwachtte je deze uitnodiging niet? Dan kun je deze e-mail negeren.\n\
         \n\
         {SEPARATOR}\n\
         \n\
         Hello,\n\
         \n\
         You have been invited to work on kanarie as {role}.\n\
         Create your account with this link. The link works only once:\n\
         \n\
         {link}\n\
         \n\
         If you did not expect this invitation, you can ignore this e-mail.\n"
    );
    OutgoingMail {
        to: to.to_owned(),
        subject: "Uitnodiging voor kanarie / Invitation to kanarie".to_owned(),
        body,
        kind: MailKind::Invitation,
    }
}

/// A password reset with a single-use link the caller made.
pub fn password_reset(to: &str, link: &str) -> OutgoingMail {
    let body = format!(
        "Hallo,\n\
         \n\
         Iemand heeft gevraagd om een nieuw wachtwoord voor je kanarie-account.\n\
         Kies een nieuw wachtwoord met deze link. De link werkt maar een keer:\n\
         \n\
         {link}\n\
         \n\
         Heb je dit niet zelf gevraagd? Negeer dan deze e-mail; je wachtwoord blijft hetzelfde.\n\
         \n\
         {SEPARATOR}\n\
         \n\
         Hello,\n\
         \n\
         Someone asked for a new password for your kanarie account.\n\
         Choose a new password with this link. The link works only once:\n\
         \n\
         {link}\n\
         \n\
         If you did not ask for this, ignore this e-mail; your password stays the same.\n"
    );
    OutgoingMail {
        to: to.to_owned(),
        subject: "Nieuw wachtwoord voor kanarie / New password for kanarie".to_owned(),
        body,
        kind: MailKind::PasswordReset,
    }
}

/// A notice to a moderator that stories are waiting: the number and a link, nothing else.
pub(crate) fn review_notice(
    to: &str,
    waiting: i64,
    review_url: &str,
    interval: Duration,
) -> OutgoingMail {
    let (nl_count, en_count) = if waiting == 1 {
        (
            "Er wacht 1 verhaal op beoordeling.".to_owned(),
            "1 story is waiting for review.".to_owned(),
        )
    } else {
        (
            format!("Er wachten {waiting} verhalen op beoordeling."),
            format!("{waiting} stories are waiting for review."),
        )
    };
    let (nl_interval, en_interval) = describe_interval(interval);
    let body = format!(
        "Hallo,\n\
         \n\
         {nl_count}\n\
         Je kunt ze bekijken na het inloggen:\n\
         \n\
         {review_url}\n\
         \n\
         Je krijgt dit bericht hooguit een keer per {nl_interval}.\n\
         \n\
         {SEPARATOR}\n\
         \n\
         Hello,\n\
         \n\
         {en_count}\n\
         You can review them after signing in:\n\
         \n\
         {review_url}\n\
         \n\
         You get this message at most once every {en_interval}.\n"
    );
    OutgoingMail {
        to: to.to_owned(),
        subject: "Verhalen wachten op beoordeling / Stories are waiting for review".to_owned(),
        body,
        kind: MailKind::ReviewNotice,
    }
}

fn describe_interval(interval: Duration) -> (String, String) {
    let minutes = (interval.as_secs() / 60).max(1);
    match minutes {
        1 => ("minuut".to_owned(), "minute".to_owned()),
        60 => ("uur".to_owned(), "hour".to_owned()),
        m if m % 60 == 0 => (format!("{} uur", m / 60), format!("{} hours", m / 60)),
        m => (format!("{m} minuten"), format!("{m} minutes")),
    }
}

/// Keeps a caller's label on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mails_are_dutch_first_then_english_with_the_link_in_both() {
        for mail in [
            invitation("a@example.nl", "https://k.example/invite/abc", "moderator"),
            password_reset("a@example.nl", "https://k.example/invite/abc"),
            review_notice(
                "a@example.nl",
                3,
                "https://k.example/invite/abc",
                Duration::from_secs(3600),
            ),
        ] {
            let dutch = mail.body.find("Hallo").unwrap_or(usize::MAX);
            let english = mail.body.find("Hello").unwrap_or(0);
            assert!(dutch < english, "{}", mail.body);
            assert_eq!(mail.body.matches("https://k.example/invite/abc").count(), 2);
            assert!(!mail.subject.contains('\n'));
        }
    }

    /// The whole of each mail, as sent: a change to any text shows up as a snapshot
    /// diff to review (`cargo insta review`), not as a hunt through `contains` checks.
    #[test]
    fn mails_read_as_written() {
        let link = "https://kanarie.example/moderation/invitation/TOKEN";
        let mails = [
            ("invitation", invitation("a@example.nl", link, "moderator")),
            ("password_reset", password_reset("a@example.nl", link)),
            (
                "review_notice",
                review_notice("a@example.nl", 3, link, Duration::from_secs(3600)),
            ),
        ];
        for (name, mail) in mails {
            insta::assert_snapshot!(name, format!("Subject: {}\n\n{}", mail.subject, mail.body));
        }
    }

    #[test]
    fn the_review_notice_counts() {
        let one = review_notice("a@b.nl", 1, "https://x/r", Duration::from_secs(3600));
        assert!(one.body.contains("Er wacht 1 verhaal"));
        assert!(one.body.contains("once every hour"));
        let many = review_notice("a@b.nl", 12, "https://x/r", Duration::from_secs(900));
        assert!(many.body.contains("Er wachten 12 verhalen"));
        assert!(many.body.contains("12 stories are waiting"));
        assert!(many.body.contains("15 minuten"));
    }
}
