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

/// Checks a typed code at `now`, accepting one step either side for clock drift, and
/// returns the time step it belongs to. A code is only accepted once: the caller stores
/// the step and refuses codes at or before it (`moderators::accept_totp_step`).
pub fn matching_step(secret_base32: &str, typed: &str, now: i64) -> Option<i64> {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if typed.len() != 6 {
        return None;
    }
    let (Ok(secret), Ok(typed)) = (
        data_encoding::BASE32_NOPAD.decode(secret_base32.as_bytes()),
        typed.parse::<u32>(),
    ) else {
        return None;
    };
    let step = now.div_euclid(STEP_SECONDS);
    // The newest step first, so a code that matches two steps counts as the later one.
    [1, 0, -1]
        .into_iter()
        .map(|drift| step + drift)
        .find(|candidate| {
            u64::try_from(*candidate).is_ok_and(|counter| code_at(&secret, counter) == typed)
        })
}

/// Whether a typed code is right at `now` (without the once-only rule).
pub fn verify(secret_base32: &str, typed: &str, now: i64) -> bool {
    matching_step(secret_base32, typed, now).is_some()
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
