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
