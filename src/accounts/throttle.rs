//! Slows and then refuses repeated failed sign-ins, per account and per address, in memory.
//!
//! After `SLOW_AFTER` failures each further attempt waits a little longer; after
//! `LOCK_AFTER` failures the key is refused until `LOCK_FOR` has passed since its last
//! failure. Keys are keyed hashes (see `protection::rate_limit`), so neither addresses nor
//! e-mail addresses sit in memory in the clear. Per instance, like the rate limits.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

pub const SLOW_AFTER: u32 = 3;
pub const LOCK_AFTER: u32 = 8;
pub const LOCK_FOR: Duration = Duration::from_secs(15 * 60);

pub struct SignInThrottle {
    salt: [u8; 32],
    failures: Mutex<HashMap<[u8; 16], (u32, Instant)>>,
}

/// What to do with an attempt.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Go ahead, after waiting this long.
    Proceed(Duration),
    /// Refused without checking the password.
    Locked,
}

impl Default for SignInThrottle {
    fn default() -> Self {
        let mut salt = [0u8; 32];
        rand::rng().fill_bytes(&mut salt);
        SignInThrottle {
            salt,
            failures: Mutex::new(HashMap::new()),
        }
    }
}

impl SignInThrottle {
    fn key(&self, kind: &str, value: &str) -> [u8; 16] {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.salt)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(kind.as_bytes());
        mac.update(b"|");
        mac.update(value.as_bytes());
        let mut key = [0u8; 16];
        key.copy_from_slice(&mac.finalize().into_bytes()[..16]);
        key
    }

    fn keys(&self, account: &str, address: Option<&str>) -> Vec<[u8; 16]> {
        let mut keys = vec![self.key("account", account)];
        if let Some(address) = address {
            keys.push(self.key("address", address));
        }
        keys
    }

    /// Decides on an attempt for `account` from `address`.
    pub fn check(&self, account: &str, address: Option<&str>) -> Verdict {
        let Ok(failures) = self.failures.lock() else {
            return Verdict::Locked;
        };
        let now = Instant::now();
        let worst = self
            .keys(account, address)
            .iter()
            .filter_map(|key| failures.get(key))
            .filter(|(_, last)| now.duration_since(*last) < LOCK_FOR)
            .map(|(count, _)| *count)
            .max()
            .unwrap_or(0);
        if worst >= LOCK_AFTER {
            Verdict::Locked
        } else if worst >= SLOW_AFTER {
            Verdict::Proceed(Duration::from_millis(
                250 * u64::from(worst - SLOW_AFTER + 1),
            ))
        } else {
            Verdict::Proceed(Duration::ZERO)
        }
    }

    pub fn record_failure(&self, account: &str, address: Option<&str>) {
        let Ok(mut failures) = self.failures.lock() else {
            return;
        };
        let now = Instant::now();
        if failures.len() > 100_000 {
            failures.retain(|_, (_, last)| now.duration_since(*last) < LOCK_FOR);
        }
        for key in self.keys(account, address) {
            let entry = failures.entry(key).or_insert((0, now));
            if now.duration_since(entry.1) >= LOCK_FOR {
                entry.0 = 0;
            }
            entry.0 += 1;
            entry.1 = now;
        }
    }

    /// A successful sign-in clears the account's failures (not the address's).
    pub fn record_success(&self, account: &str) {
        if let Ok(mut failures) = self.failures.lock() {
            failures.remove(&self.key("account", account));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_slow_then_lock_per_account_and_per_address() {
        let throttle = SignInThrottle::default();
        for _ in 0..SLOW_AFTER {
            assert_eq!(
                throttle.check("a@x.nl", Some("ip1")),
                Verdict::Proceed(Duration::ZERO)
            );
            throttle.record_failure("a@x.nl", Some("ip1"));
        }
        assert!(
            matches!(throttle.check("a@x.nl", Some("ip9")), Verdict::Proceed(d) if d > Duration::ZERO)
        );
        for _ in SLOW_AFTER..LOCK_AFTER {
            throttle.record_failure("a@x.nl", Some("ip1"));
        }
        assert_eq!(
            throttle.check("a@x.nl", Some("ip9")),
            Verdict::Locked,
            "per account"
        );
        assert_eq!(
            throttle.check("b@x.nl", Some("ip1")),
            Verdict::Locked,
            "per address"
        );
        assert_eq!(
            throttle.check("b@x.nl", Some("ip2")),
            Verdict::Proceed(Duration::ZERO)
        );
    }
}
