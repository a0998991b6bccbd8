//! Random secrets handed to a browser or a mailbox (session cookies, invitation and reset
//! links), of which only a SHA-256 hash is stored, as crates.io does for API tokens: a
//! copy of the database gives no way in.

use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

/// A new secret: the text to hand out once (never logged or printed), and the hash to
/// store.
pub struct SecretToken {
    pub plain: SecretString,
    pub hash: String,
}

impl SecretToken {
    /// 256 random bits.
    pub fn generate() -> SecretToken {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        let plain = SecretString::from(data_encoding::BASE64URL_NOPAD.encode(&bytes));
        let hash = hash_token(plain.expose_secret());
        SecretToken { plain, hash }
    }
}

/// The stored form of a token a browser or link presents.
pub fn hash_token(plain: &str) -> String {
    data_encoding::HEXLOWER.encode(&Sha256::digest(plain.as_bytes()))
}
