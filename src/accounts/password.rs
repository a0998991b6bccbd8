//! Passwords: argon2id with OWASP's baseline (m = 19 MiB, t = 2, p = 1), which is
//! `Argon2::default()`. Hashing takes tens of milliseconds on purpose, so callers run it
//! on the blocking pool, never on an async worker.

use std::sync::LazyLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::RngCore;
use zeroize::Zeroizing;

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 128;

/// A password someone chose, checked for length. Never printed.
pub struct NewPassword(Zeroizing<String>);

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum PasswordProblem {
    #[error("too short")]
    TooShort,
    #[error("too long")]
    TooLong,
}

impl NewPassword {
    pub fn parse(input: String) -> Result<NewPassword, PasswordProblem> {
        let input = Zeroizing::new(input);
        match input.chars().count() {
            n if n < MIN_CHARS => Err(PasswordProblem::TooShort),
            n if n > MAX_CHARS => Err(PasswordProblem::TooLong),
            _ => Ok(NewPassword(input)),
        }
    }

    /// The argon2id PHC string to store.
    pub fn hash(&self) -> Result<String, argon2::password_hash::Error> {
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        let salt = SaltString::encode_b64(&salt)?;
        Ok(Argon2::default()
            .hash_password(self.0.as_bytes(), &salt)?
            .to_string())
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(<secret>)")
    }
}

/// A hash of a password nobody has, checked against when the e-mail is unknown, so an
/// unknown address costs the same time as a wrong password.
static DECOY_HASH: LazyLock<String> = LazyLock::new(|| {
    NewPassword::parse("decoy-password-nobody-has".to_owned())
        .ok()
        .and_then(|p| p.hash().ok())
        .unwrap_or_default()
});

/// Checks `attempt` against `stored`; with `None` it checks against the decoy and fails.
pub fn verify(attempt: &str, stored: Option<&str>) -> bool {
    let (hash, real) = match stored {
        Some(hash) => (hash, true),
        None => (DECOY_HASH.as_str(), false),
    };
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let matches = Argon2::default()
        .verify_password(attempt.as_bytes(), &parsed)
        .is_ok();
    matches && real
}

/// Runs argon2 (hashing or checking) on the blocking pool, at most one at a time per core.
///
/// Each run holds 19 MiB for its duration; without a bound, a burst of requests starts as
/// many runs as the blocking pool has threads (hundreds) and the memory stays with the
/// allocator. A request that finds every slot taken waits up to `WAIT`, then is answered
/// `503` (`AppError::Busy`) without any work.
pub struct PasswordWork {
    slots: tokio::sync::Semaphore,
    runs: std::sync::atomic::AtomicU64,
    refused: std::sync::atomic::AtomicU64,
}

impl PasswordWork {
    const WAIT: std::time::Duration = std::time::Duration::from_secs(2);

    /// One slot per core this process may use.
    pub fn for_this_machine() -> PasswordWork {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        PasswordWork::with_slots(cores)
    }

    pub fn with_slots(slots: usize) -> PasswordWork {
        PasswordWork {
            slots: tokio::sync::Semaphore::new(slots.max(1)),
            runs: std::sync::atomic::AtomicU64::new(0),
            refused: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// Runs `work` (which calls argon2) in a slot, off the async workers.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, crate::error::AppError> {
        use std::sync::atomic::Ordering;
        let permit = match tokio::time::timeout(Self::WAIT, self.slots.acquire()).await {
            Ok(Ok(permit)) => permit,
            _ => {
                self.refused.fetch_add(1, Ordering::Relaxed);
                return Err(crate::error::AppError::Busy);
            }
        };
        self.runs.fetch_add(1, Ordering::Relaxed);
        let span = tracing::Span::current();
        let result = actix_web::web::block(move || {
            let _entered = span.enter();
            work()
        })
        .await
        .map_err(crate::error::AppError::blocking);
        drop(permit);
        result
    }

    /// Prometheus lines: argon2 runs and requests refused for want of a slot, this instance.
    pub fn render_metrics(&self) -> String {
        use std::sync::atomic::Ordering;
        format!(
            "# HELP kanarie_password_work_total Password hashes and checks run by this instance.\n\
             # TYPE kanarie_password_work_total counter\n\
             kanarie_password_work_total {}\n\
             # HELP kanarie_password_work_refused_total Requests answered 503 because every argon2 slot was busy.\n\
             # TYPE kanarie_password_work_refused_total counter\n\
             kanarie_password_work_refused_total {}\n",
            self.runs.load(Ordering::Relaxed),
            self.refused.load(Ordering::Relaxed)
        )
    }
}

/// Computes the decoy hash now, at start, so the first sign-in is not slower.
pub fn warm_up() {
    LazyLock::force(&DECOY_HASH);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_argon2id_with_owasp_parameters_and_verify() {
        assert_eq!(
            NewPassword::parse("short".into()).unwrap_err(),
            PasswordProblem::TooShort
        );
        assert_eq!(
            NewPassword::parse("x".repeat(129)).unwrap_err(),
            PasswordProblem::TooLong
        );
        let password = NewPassword::parse("correct horse battery".into()).unwrap();
        let hash = password.hash().unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify("correct horse battery", Some(&hash)));
        assert!(!verify("wrong horse battery", Some(&hash)));
        assert!(!verify("decoy-password-nobody-has", None));
        assert!(!format!("{password:?}").contains("horse"));
    }
}
