//! Counts requests per client address without keeping addresses.
//!
//! An address is reduced to an HMAC under a salt that exists only in this process's
//! memory and is replaced (with every count) at the start of each UTC day, so the keys
//! cannot be reversed or linked across days, and nothing about them is ever written down.
//! Limits are per instance: behind a load balancer with N instances, a client can reach N
//! times the limit. That is acceptable for a kindness limit and keeps instances stateless.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

/// Entries kept at most; beyond it, expired windows are swept.
const SWEEP_ABOVE: usize = 100_000;

pub struct RateLimiter {
    limit: u32,
    window: Duration,
    state: Mutex<State>,
}

struct State {
    day: u64,
    salt: [u8; 32],
    windows: HashMap<[u8; 16], (Instant, u32)>,
}

impl RateLimiter {
    /// Allows `limit` requests per client in every `window`.
    pub fn new(limit: u32, window: Duration) -> RateLimiter {
        RateLimiter {
            limit,
            window,
            state: Mutex::new(State {
                day: current_day(),
                salt: fresh_salt(),
                windows: HashMap::new(),
            }),
        }
    }

    /// Counts one request from the client of `req` (see `client_address`) and refuses it
    /// with a 429 when that client is over the limit.
    pub fn check(
        &self,
        req: &actix_web::HttpRequest,
        client_ip_header: Option<&str>,
    ) -> Result<(), crate::error::AppError> {
        match super::client_address::client_address(req, client_ip_header) {
            Some(client) if !self.allow(client) => Err(crate::error::AppError::TooManyRequests),
            _ => Ok(()),
        }
    }

    /// Counts one request from `client`; false when it is over the limit.
    pub fn allow(&self, client: IpAddr) -> bool {
        let Ok(mut state) = self.state.lock() else {
            // A poisoned lock means a panic elsewhere; failing open keeps parents able
            // to send their story.
            return true;
        };
        let today = current_day();
        if state.day != today {
            state.day = today;
            state.salt = fresh_salt();
            state.windows.clear();
        }
        let key = keyed_hash(&state.salt, client);
        let now = Instant::now();
        if state.windows.len() > SWEEP_ABOVE {
            let window = self.window;
            state
                .windows
                .retain(|_, (start, _)| now.duration_since(*start) < window);
        }
        let entry = state.windows.entry(key).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        entry.1 += 1;
        entry.1 <= self.limit
    }
}

fn keyed_hash(salt: &[u8; 32], client: IpAddr) -> [u8; 16] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(salt)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    match client {
        IpAddr::V4(v4) => mac.update(&v4.octets()),
        // One IPv6 client usually holds a whole /64: count the /64.
        IpAddr::V6(v6) => mac.update(&v6.octets()[..8]),
    }
    let digest = mac.finalize().into_bytes();
    let mut key = [0u8; 16];
    key.copy_from_slice(&digest[..16]);
    key
}

fn fresh_salt() -> [u8; 32] {
    let mut salt = [0u8; 32];
    rand::rng().fill_bytes(&mut salt);
    salt
}

fn current_day() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_client_gets_its_own_allowance() {
        let limiter = RateLimiter::new(2, Duration::from_secs(3600));
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        assert!(limiter.allow(a));
        assert!(limiter.allow(a));
        assert!(!limiter.allow(a));
        assert!(limiter.allow(b));
        let v6a: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let v6b: IpAddr = "2001:db8:1:2::99".parse().unwrap();
        assert!(limiter.allow(v6a));
        assert!(limiter.allow(v6b));
        assert!(!limiter.allow(v6a), "one /64 is one client");
    }

    #[test]
    fn a_window_ends() {
        let limiter = RateLimiter::new(1, Duration::from_millis(20));
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        assert!(limiter.allow(a));
        assert!(!limiter.allow(a));
        std::thread::sleep(Duration::from_millis(30));
        assert!(limiter.allow(a));
    }
}
