//! Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), the
//! codes authenticator apps show, for an optional second sign-in step.

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha1::Sha1;

const STEP_SECONDS: i64 = 30;

/// A new secret, base32 as authenticator apps expect it.
pub fn generate_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rng().fill_bytes(&mut bytes);
    data_encoding::BASE32_NOPAD.encode(&bytes)
}

/// The `otpauth://` address an authenticator app reads.
pub fn provisioning_uri(secret: &str, account: &str) -> String {
    let account: String = form_urlencoded::byte_serialize(account.as_bytes()).collect();
    format!("otpauth://totp/kanarie:{account}?secret={secret}&issuer=kanarie&digits=6&period=30")
}

fn code_at(secret: &[u8], counter: u64) -> u32 {
    let Ok(mut mac) = <Hmac<Sha1> as Mac>::new_from_slice(secret) else {
        return u32::MAX;
    };
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let value = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    value % 1_000_000
}

/// Checks a typed code at `now`, accepting one step either side for clock drift.
pub fn verify(secret_base32: &str, typed: &str, now: i64) -> bool {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    let (Ok(secret), Ok(typed)) = (
        data_encoding::BASE32_NOPAD.decode(secret_base32.as_bytes()),
        typed.parse::<u32>(),
    ) else {
        return false;
    };
    let step = now.div_euclid(STEP_SECONDS);
    (-1..=1).any(|drift| {
        u64::try_from(step + drift).is_ok_and(|counter| code_at(&secret, counter) == typed)
    })
}

/// The current code, for tests and the set-up page's check.
pub fn current_code(secret_base32: &str, now: i64) -> Option<String> {
    let secret = data_encoding::BASE32_NOPAD
        .decode(secret_base32.as_bytes())
        .ok()?;
    let counter = u64::try_from(now.div_euclid(STEP_SECONDS)).ok()?;
    Some(format!("{:06}", code_at(&secret, counter)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_rfc_6238_test_vectors() {
        // RFC 6238 appendix B, SHA-1 secret "12345678901234567890", last 6 digits.
        let secret = data_encoding::BASE32_NOPAD.encode(b"12345678901234567890");
        for (time, code) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (2_000_000_000, "279037"),
        ] {
            assert_eq!(current_code(&secret, time).unwrap(), code);
            assert!(verify(&secret, code, time));
            assert!(verify(&secret, code, time + 30), "one step of drift");
            assert!(!verify(&secret, code, time + 95));
        }
        assert!(!verify(&secret, "abc", 59));
    }
}
