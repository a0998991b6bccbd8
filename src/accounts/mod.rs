//! Moderator accounts: roles, passwords, secret tokens, session timeouts, two-step codes
//! and the sign-in throttle. Storage is in `db::moderators`; pages in `web::moderation`.

pub mod invite;
pub mod links;
pub mod password;
pub mod secret_token;
pub mod session;
pub mod throttle;
pub mod totp;

use std::fmt;

text_enum! {
    /// What a moderator may do. Admins also manage accounts and themes and read the audit.
    pub enum Role {
        Admin = "admin",
        Moderator = "moderator",
    }
}

/// A moderator's e-mail address, trimmed and lower-cased so one person is one account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(input: &str) -> Option<EmailAddress> {
        let email = input.trim().to_lowercase();
        let (local, domain) = email.split_once('@')?;
        let plausible = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && email.len() <= 254
            && !email
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || "<>\"(),;:[]\\".contains(c));
        plausible.then_some(EmailAddress(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Seconds since the Unix epoch, the unit of every stored moderation time.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::EmailAddress;

    #[test]
    fn email_addresses_are_normalised_and_checked() {
        assert_eq!(
            EmailAddress::parse("  Ans@Example.NL ").unwrap().as_str(),
            "ans@example.nl"
        );
        for bad in [
            "",
            "ans",
            "ans@",
            "@example.nl",
            "ans@example",
            "a b@example.nl",
            "a@b.nl>",
        ] {
            assert!(EmailAddress::parse(bad).is_none(), "{bad}");
        }
    }
}
