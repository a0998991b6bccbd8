//! The code a parent gets, to check or withdraw their story later.
//!
//! 100 bits, written as 20 characters of Crockford's base32 in groups of four
//! (`7KQM-2XDP-...`): no I, L, O or U, so it is easy to copy from paper, and typing
//! mistakes such as O for 0 are forgiven. Only its SHA-256 is stored; with 100
//! unguessable bits a fast hash is safe (nobody can try 2^100 codes), like crates.io's
//! API tokens. A story's code is derived from its form's random nonce under the secret key
//! (`FormSigner::withdrawal_code`), so sending the same form again (Reload, or Back and
//! resend) shows the same code again without it ever being stored.

use std::fmt;

use rand::RngCore;
use sha2::{Digest, Sha256};

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const LENGTH: usize = 20;

/// A code to show to the parent; never stored, logged or put in a URL.
pub struct WithdrawalCode(String);

impl WithdrawalCode {
    pub fn generate() -> WithdrawalCode {
        let mut bytes = [0u8; LENGTH];
        rand::rng().fill_bytes(&mut bytes);
        WithdrawalCode::from_secret_bytes(&bytes)
    }

    /// The code made of 20 secret, uniformly random (or pseudo-random) bytes.
    pub fn from_secret_bytes(bytes: &[u8; LENGTH]) -> WithdrawalCode {
        // Each byte gives 5 bits: 32 divides 256, so taking the low five bits is unbiased.
        let code = bytes
            .iter()
            .map(|b| ALPHABET[usize::from(b & 0x1f)] as char)
            .collect();
        WithdrawalCode(code)
    }

    /// The code a parent sent back (to keep it as a file, or to see the thank-you page in
    /// the other language), normalised; `None` when it cannot be a code.
    pub fn parse_typed(typed: &str) -> Option<WithdrawalCode> {
        normalise(typed).map(WithdrawalCode)
    }

    pub fn hash(&self) -> WithdrawalCodeHash {
        WithdrawalCodeHash::of_normalised(&self.0)
    }
}

/// Shown in groups of four, the way the parent writes it down.
impl fmt::Display for WithdrawalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, chunk) in self.0.as_bytes().chunks(4).enumerate() {
            if i > 0 {
                f.write_str("-")?;
            }
            f.write_str(std::str::from_utf8(chunk).map_err(|_| fmt::Error)?)?;
        }
        Ok(())
    }
}

impl fmt::Debug for WithdrawalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WithdrawalCode(<secret>)")
    }
}

/// The stored form of a code.
#[derive(Clone, PartialEq, Eq)]
pub struct WithdrawalCodeHash(String);

impl WithdrawalCodeHash {
    /// Hashes what a parent typed, forgiving case, spaces, dashes and look-alike letters.
    /// `None` when it cannot be a code at all.
    pub fn parse_typed(typed: &str) -> Option<WithdrawalCodeHash> {
        normalise(typed).map(|code| WithdrawalCodeHash::of_normalised(&code))
    }

    fn of_normalised(code: &str) -> WithdrawalCodeHash {
        let digest = Sha256::digest(code.as_bytes());
        WithdrawalCodeHash(data_encoding::HEXLOWER.encode(&digest))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The marker `kanarie demo-data` stores instead of a hash: no code hashes to it, so
    /// demo stories can never be withdrawn by a code, and are told apart from real ones.
    pub fn demo(n: i64) -> WithdrawalCodeHash {
        WithdrawalCodeHash(format!("demo-{n}"))
    }
}

/// A typed code without spaces and dashes, in capitals, look-alike letters replaced.
fn normalise(typed: &str) -> Option<String> {
    let mut normalised = String::with_capacity(LENGTH);
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' | '\t' | '.' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        };
        if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) || normalised.len() == LENGTH {
            return None;
        }
        normalised.push(c);
    }
    (normalised.len() == LENGTH).then_some(normalised)
}

impl fmt::Debug for WithdrawalCodeHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WithdrawalCodeHash(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_has_100_bits_in_five_groups_and_typing_mistakes_are_forgiven() {
        let code = WithdrawalCode::generate();
        let shown = code.to_string();
        assert_eq!(shown.len(), 24);
        assert_eq!(shown.split('-').count(), 5);
        let typed = shown.to_lowercase().replace('-', " ").replace('0', "o");
        assert!(WithdrawalCodeHash::parse_typed(&typed) == Some(code.hash()));
        assert!(WithdrawalCodeHash::parse_typed(&shown[..20]).is_none());
        assert!(WithdrawalCodeHash::parse_typed("ÄÄÄÄ-ÄÄÄÄ-ÄÄÄÄ-ÄÄÄÄ-ÄÄÄÄ").is_none());
        assert!(WithdrawalCode::generate().hash() != code.hash());
        let echoed = WithdrawalCode::parse_typed(&typed).unwrap();
        assert_eq!(echoed.to_string(), shown);
        assert!(WithdrawalCode::parse_typed(&format!("{shown}-0")).is_none());
    }
}
