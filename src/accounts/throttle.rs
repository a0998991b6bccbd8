//! Slows and then refuses repeated failed sign-ins, per account and per address, and limits
//! password-reset mails per account. Counts are in the database (`db::attempts`), so they
//! hold across every instance on one database (given the same `KANARIE_SECRET_KEY`).
//!
//! A sign-in attempt is *reserved* before its password is checked: the count goes up first,
//! atomically, and an attempt that would pass `LOCK_AFTER` is refused without any check. So
//! however many requests arrive at once, at most `LOCK_AFTER` passwords are checked per
//! account (and per address) in `LOCK_FOR`. A success gives its reservation back and clears
//! the account's count; so does an attempt that was never checked.
//!
//! Keys are keyed hashes: neither an address nor a typed e-mail address is stored. Address
//! keys also carry the UTC day, so they cannot be linked across days; a row is deleted once
//! its window has passed.

use std::net::IpAddr;
use std::time::Duration;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::db::{attempts, DbConnection};

pub const SLOW_AFTER: u32 = 3;
pub const LOCK_AFTER: u32 = 8;
pub const LOCK_FOR: Duration = Duration::from_secs(15 * 60);

/// Reset mails one account can be sent per `RESET_WINDOW` (whoever asks, from wherever).
pub const RESETS_PER_ACCOUNT: u32 = 3;
pub const RESET_WINDOW: Duration = Duration::from_secs(60 * 60);

/// How long counts are kept at most: the longest window.
pub const KEEP_FOR: Duration = RESET_WINDOW;

/// Makes the keys counts are stored under.
pub struct SignInThrottle {
    key: [u8; 32],
}

/// What to do with an attempt.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Go ahead, after waiting this long; the attempt is counted already.
    Proceed(Duration, Reservation),
    /// Refused without checking the password, and not counted.
    Locked,
}

/// A counted attempt, to give back when it turns out not to be a failure.
#[derive(Debug, PartialEq, Eq)]
pub struct Reservation {
    account: String,
    address: Option<String>,
}

impl Reservation {
    /// The password was right: the account's failures are forgotten and the address gets
    /// this attempt back.
    pub fn succeeded(self, conn: &mut DbConnection) -> diesel::QueryResult<()> {
        attempts::clear(conn, &self.account)?;
        if let Some(address) = &self.address {
            attempts::give_back(conn, address)?;
        }
        Ok(())
    }

    /// No password was checked after all (the server was too busy): nothing is counted.
    pub fn not_checked(self, conn: &mut DbConnection) -> diesel::QueryResult<()> {
        attempts::give_back(conn, &self.account)?;
        if let Some(address) = &self.address {
            attempts::give_back(conn, address)?;
        }
        Ok(())
    }
}

impl SignInThrottle {
    /// `secret` should be the same on every instance (it is derived from
    /// `KANARIE_SECRET_KEY`), or each instance counts under keys of its own.
    pub fn new(secret: &[u8; 32]) -> SignInThrottle {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(b"kanarie attempt counts");
        SignInThrottle {
            key: mac.finalize().into_bytes().into(),
        }
    }

    fn key(&self, kind: &str, value: &[u8]) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(kind.as_bytes());
        mac.update(b"|");
        mac.update(value);
        data_encoding::HEXLOWER.encode(&mac.finalize().into_bytes()[..16])
    }

    fn account_key(&self, kind: &str, account: &str) -> String {
        self.key(kind, account.trim().to_lowercase().as_bytes())
    }

    fn address_key(&self, address: IpAddr, now: i64) -> String {
        let day = now.div_euclid(86_400);
        match address {
            IpAddr::V4(v4) => self.key(&format!("sign-in address {day}"), &v4.octets()),
            // One IPv6 client usually holds a whole /64: count the /64.
            IpAddr::V6(v6) => self.key(&format!("sign-in address {day}"), &v6.octets()[..8]),
        }
    }

    /// Reserves a sign-in attempt for `account` from `address`, or refuses it.
    pub fn reserve(
        &self,
        conn: &mut DbConnection,
        account: &str,
        address: Option<IpAddr>,
        now: i64,
    ) -> diesel::QueryResult<Verdict> {
        let reservation = Reservation {
            account: self.account_key("sign-in account", account),
            address: address.map(|address| self.address_key(address, now)),
        };
        let mut keys = vec![reservation.account.clone()];
        keys.extend(reservation.address.clone());
        let window = LOCK_FOR.as_secs() as i64;
        let Some(count) = attempts::reserve(conn, &keys, i64::from(LOCK_AFTER), window, now)?
        else {
            return Ok(Verdict::Locked);
        };
        // `count` includes this attempt: earlier ones are failures or still being checked.
        let earlier = u32::try_from(count - 1).unwrap_or(u32::MAX);
        let delay = if earlier >= SLOW_AFTER {
            Duration::from_millis(250 * u64::from(earlier - SLOW_AFTER + 1))
        } else {
            Duration::ZERO
        };
        Ok(Verdict::Proceed(delay, reservation))
    }

    /// Counts a reset mail for `account` (as typed, known or not, so the answer does not
    /// tell which addresses have accounts); false when the account has had enough.
    pub fn allow_reset(
        &self,
        conn: &mut DbConnection,
        account: &str,
        now: i64,
    ) -> diesel::QueryResult<bool> {
        let key = self.account_key("reset account", account);
        let window = RESET_WINDOW.as_secs() as i64;
        Ok(attempts::reserve(conn, &[key], i64::from(RESETS_PER_ACCOUNT), window, now)?.is_some())
    }
}
