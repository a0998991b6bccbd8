//! A signed token in a hidden form field that carries the time the form was served.
//!
//! It replaces a cookie-based CSRF token on the public pages (which set no cookies): a
//! form sent without a token kanarie signed is refused, and one sent sooner than a person
//! could fill it in is treated as a bot. The time lives only in the parent's browser;
//! kanarie never stores it.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// How long a served form stays valid. Long: a parent may write over an evening and send
/// the next day; an expired form is shown again with everything kept, never lost.
pub const VALIDITY: Duration = Duration::from_secs(2 * 24 * 60 * 60);

/// The key forms are signed with. Every instance behind one load balancer needs the same
/// key (`KANARIE_SECRET_KEY`), or a form served by one is refused by another.
#[derive(Clone)]
pub struct FormSigner {
    key: [u8; 32],
}

#[derive(Debug, PartialEq, Eq)]
pub enum TokenCheck {
    /// Signed by us; `age` since the form was served, `nonce` unique to that serving.
    Valid { age: Duration, nonce: [u8; 16] },
    /// Signed by us, but older than `VALIDITY` (or from the future).
    Expired,
    /// Not a token we made.
    Invalid,
}

impl FormSigner {
    pub fn new(key: [u8; 32]) -> FormSigner {
        FormSigner { key }
    }

    pub(super) fn keyed(&self, purpose: &[u8]) -> HmacSha256 {
        let mut mac = <HmacSha256 as Mac>::new_from_slice(&self.key)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(purpose);
        mac
    }

    fn mac(&self, served: u64, nonce: &[u8; 16]) -> HmacSha256 {
        let mut mac = self.keyed(b"kanarie-form-v1|");
        mac.update(served.to_string().as_bytes());
        mac.update(b"|");
        mac.update(nonce);
        mac
    }

    /// The public id of the story sent with the form served with `nonce`.
    ///
    /// Derived, not random, so that sending the same form twice (a refresh, a double
    /// click) hits the unique `public_id` and stores the story once. It reveals nothing:
    /// without the key it is indistinguishable from random.
    pub fn story_id(&self, nonce: &[u8; 16]) -> String {
        let mut mac = self.keyed(b"kanarie-story-id|");
        mac.update(nonce);
        let digest = mac.finalize().into_bytes();
        data_encoding::BASE32_NOPAD
            .encode(&digest[..15])
            .to_ascii_lowercase()
    }

    /// The withdrawal code of the story sent with the form served with `nonce`.
    ///
    /// Derived like the public id (under another purpose, so one says nothing about the
    /// other), so that the same form sent again (Reload on the thank-you page, or Back and
    /// "resend") shows the same code again, while only its hash is ever stored. Only the
    /// parent's browser holds the nonce (in the signed token of the form), and the page
    /// that shows the code again must also carry the preview's seal over the same texts.
    pub fn withdrawal_code(&self, nonce: &[u8; 16]) -> crate::questionnaire::WithdrawalCode {
        let mut mac = self.keyed(b"kanarie-withdrawal-code|");
        mac.update(nonce);
        let digest = mac.finalize().into_bytes();
        let mut bytes = [0u8; 20];
        bytes.copy_from_slice(&digest[..20]);
        crate::questionnaire::WithdrawalCode::from_secret_bytes(&bytes)
    }

    /// A token for a form served now.
    pub fn issue(&self) -> String {
        self.issue_at(now_seconds())
    }

    pub fn issue_at(&self, served: u64) -> String {
        let mut nonce = [0u8; 16];
        rand::RngCore::fill_bytes(&mut rand::rng(), &mut nonce);
        let tag = self.mac(served, &nonce).finalize().into_bytes();
        format!(
            "{served}.{}.{}",
            data_encoding::BASE64URL_NOPAD.encode(&nonce),
            data_encoding::BASE64URL_NOPAD.encode(&tag)
        )
    }

    pub fn check(&self, token: &str) -> TokenCheck {
        self.check_at(token, now_seconds())
    }

    pub fn check_at(&self, token: &str, now: u64) -> TokenCheck {
        let mut parts = token.splitn(3, '.');
        let (Some(served), Some(nonce), Some(tag)) = (parts.next(), parts.next(), parts.next())
        else {
            return TokenCheck::Invalid;
        };
        let (Ok(served), Ok(nonce), Ok(tag)) = (
            served.parse::<u64>(),
            data_encoding::BASE64URL_NOPAD.decode(nonce.as_bytes()),
            data_encoding::BASE64URL_NOPAD.decode(tag.as_bytes()),
        ) else {
            return TokenCheck::Invalid;
        };
        let Ok(nonce) = <[u8; 16]>::try_from(nonce.as_slice()) else {
            return TokenCheck::Invalid;
        };
        if self.mac(served, &nonce).verify_slice(&tag).is_err() {
            return TokenCheck::Invalid;
        }
        // A minute of clock difference between instances is tolerated.
        if served > now + 60 {
            return TokenCheck::Expired;
        }
        let age = Duration::from_secs(now.saturating_sub(served));
        if age > VALIDITY {
            TokenCheck::Expired
        } else {
            TokenCheck::Valid { age, nonce }
        }
    }
}

fn now_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_carry_their_age_and_cannot_be_forged_or_replayed_forever() {
        let signer = FormSigner::new([7; 32]);
        let token = signer.issue_at(1_000_000);
        let TokenCheck::Valid { age, nonce } = signer.check_at(&token, 1_000_005) else {
            panic!("a fresh token is valid");
        };
        assert_eq!(age, Duration::from_secs(5));
        assert_ne!(signer.issue_at(1_000_000), token, "each serving is unique");
        assert_eq!(signer.story_id(&nonce), signer.story_id(&nonce));
        assert_eq!(signer.story_id(&nonce).len(), 24);
        assert_eq!(
            signer.check_at(&token, 1_000_000 + VALIDITY.as_secs() + 1),
            TokenCheck::Expired
        );
        let forged = token.replacen("1000000", "999000", 1);
        assert_eq!(signer.check_at(&forged, 1_000_005), TokenCheck::Invalid);
        let other = FormSigner::new([8; 32]);
        assert_eq!(other.check_at(&token, 1_000_005), TokenCheck::Invalid);
        assert_eq!(signer.check_at("", 1), TokenCheck::Invalid);
        assert_eq!(signer.check_at("12.!!", 1), TokenCheck::Invalid);
    }
}
