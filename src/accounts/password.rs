//! Passwords: argon2id with OWASP's baseline (m = 19 MiB, t = 2, p = 1), which is
//! `Argon2::default()`. Hashing takes tens of milliseconds on purpose, so callers run it
//! on the blocking pool, never on an async worker.

use std::sync::LazyLock;

use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
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
        self.hash_in(&mut Argon2Memory::default())
    }

    /// The same, with argon2's working memory from `memory` (see `PasswordWork`).
    pub fn hash_in(
        &self,
        memory: &mut Argon2Memory,
    ) -> Result<String, argon2::password_hash::Error> {
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        let salt_string = SaltString::encode_b64(&salt)?;
        let params = Params::DEFAULT;
        let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
        let blocks = memory
            .blocks(&params)
            .ok_or(argon2::password_hash::Error::ParamsMaxExceeded)?;
        let output = Output::init_with(Params::DEFAULT_OUTPUT_LEN, |out| {
            Ok(argon2.hash_password_into_with_memory(self.0.as_bytes(), &salt, out, blocks)?)
        })?;
        Ok(PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: ParamsString::try_from(&params)?,
            salt: Some(salt_string.as_salt()),
            hash: Some(output),
        }
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

/// argon2's working memory (19 MiB with kanarie's parameters), kept and reused by each
/// argon2 thread so that a run allocates nothing: the allocator never has 19 MiB chunks to
/// spread over its arenas and keep.
#[derive(Default)]
pub struct Argon2Memory(Vec<Block>);

impl Argon2Memory {
    /// Stored hashes with more memory than this are refused rather than run.
    const MAX_BLOCKS: usize = 64 * 1024;

    fn blocks(&mut self, params: &Params) -> Option<&mut [Block]> {
        let count = params.block_count();
        if count > Self::MAX_BLOCKS {
            return None;
        }
        if self.0.len() < count {
            self.0.resize(count, Block::default());
        }
        Some(&mut self.0[..count])
    }
}

/// Checks `attempt` against `stored`; with `None` it checks against the decoy and fails.
pub fn verify(attempt: &str, stored: Option<&str>) -> bool {
    verify_in(&mut Argon2Memory::default(), attempt, stored)
}

/// The same, with argon2's working memory from `memory` (see `PasswordWork`).
pub fn verify_in(memory: &mut Argon2Memory, attempt: &str, stored: Option<&str>) -> bool {
    let (hash, real) = match stored {
        Some(hash) => (hash, true),
        None => (DECOY_HASH.as_str(), false),
    };
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let matches = matches_hash(memory, attempt.as_bytes(), &parsed).unwrap_or(false);
    matches && real
}

/// What `PasswordVerifier::verify_password` does, with memory that is not allocated per run.
fn matches_hash(
    memory: &mut Argon2Memory,
    password: &[u8],
    parsed: &PasswordHash<'_>,
) -> Option<bool> {
    let algorithm = Algorithm::try_from(parsed.algorithm).ok()?;
    let version = match parsed.version {
        Some(version) => Version::try_from(version).ok()?,
        None => Version::default(),
    };
    let params = Params::try_from(parsed).ok()?;
    let (salt, expected) = (parsed.salt?, parsed.hash?);
    let mut salt_buffer = [0u8; 64];
    let salt = salt.decode_b64(&mut salt_buffer).ok()?;
    let argon2 = Argon2::new(algorithm, version, params.clone());
    let blocks = memory.blocks(&params)?;
    let computed = Output::init_with(expected.len(), |out| {
        Ok(argon2.hash_password_into_with_memory(password, salt, out, blocks)?)
    })
    .ok()?;
    // `Output`'s equality takes the same time wherever the bytes differ.
    Some(computed == expected)
}

/// Runs argon2 (hashing or checking) off the async workers, at most one at a time per core,
/// on threads of its own.
///
/// Each run holds 19 MiB for its duration. On the shared blocking pool a burst of requests
/// starts as many runs as that pool has threads (hundreds), and each thread's allocator
/// arena keeps its 19 MiB afterwards. Here there are as many argon2 threads as slots, so
/// the memory argon2 holds, during a burst and after it, is bounded by the core count. A
/// request that finds every slot taken waits up to `WAIT`, then is answered `503`
/// (`AppError::Busy`) without any work.
pub struct PasswordWork {
    slots: tokio::sync::Semaphore,
    jobs: std::sync::mpsc::Sender<Job>,
    runs: std::sync::atomic::AtomicU64,
    refused: std::sync::atomic::AtomicU64,
}

type Job = Box<dyn FnOnce(&mut Argon2Memory) + Send>;

impl PasswordWork {
    const WAIT: std::time::Duration = std::time::Duration::from_secs(2);

    /// One slot per core this process may use.
    pub fn for_this_machine() -> PasswordWork {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        PasswordWork::with_slots(cores)
    }

    pub fn with_slots(slots: usize) -> PasswordWork {
        let slots = slots.max(1);
        let (jobs, queue) = std::sync::mpsc::channel::<Job>();
        let queue = std::sync::Arc::new(std::sync::Mutex::new(queue));
        for n in 0..slots {
            let queue = std::sync::Arc::clone(&queue);
            let started = std::thread::Builder::new()
                .name(format!("argon2-{n}"))
                .spawn(move || {
                    let mut memory = Argon2Memory::default();
                    loop {
                        // The threads end when the sender (this `PasswordWork`) is dropped.
                        let job = match queue.lock() {
                            Ok(queue) => queue.recv(),
                            Err(_) => return,
                        };
                        match job {
                            Ok(job) => job(&mut memory),
                            Err(_) => return,
                        }
                    }
                });
            if let Err(error) = started {
                tracing::error!(%error, "cannot start an argon2 thread");
            }
        }
        PasswordWork {
            slots: tokio::sync::Semaphore::new(slots),
            jobs,
            runs: std::sync::atomic::AtomicU64::new(0),
            refused: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// Runs `work` (which calls argon2) in a slot, on an argon2 thread.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Argon2Memory) -> T + Send + 'static,
    ) -> Result<T, crate::error::AppError> {
        use crate::error::AppError;
        use std::sync::atomic::Ordering;
        let permit = match tokio::time::timeout(Self::WAIT, self.slots.acquire()).await {
            Ok(Ok(permit)) => permit,
            _ => {
                self.refused.fetch_add(1, Ordering::Relaxed);
                return Err(AppError::Busy);
            }
        };
        self.runs.fetch_add(1, Ordering::Relaxed);
        let (done, result) = tokio::sync::oneshot::channel();
        let span = tracing::Span::current();
        let job: Job = Box::new(move |memory| {
            let _entered = span.enter();
            let outcome =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || work(memory)));
            let _ = done.send(outcome.ok());
        });
        self.jobs
            .send(job)
            .map_err(|_| AppError::Internal("the argon2 threads have stopped".into()))?;
        let result = result.await.ok().flatten();
        drop(permit);
        result.ok_or_else(|| AppError::Internal("an argon2 run failed".into()))
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

    #[actix_web::test]
    async fn password_work_beyond_the_slots_is_refused_as_busy() {
        let work = PasswordWork::with_slots(1);
        let (release, wait) = std::sync::mpsc::channel::<()>();
        let (started, has_started) = tokio::sync::oneshot::channel();
        let busy = async {
            work.run(move |_| {
                let _ = started.send(());
                let _ = wait.recv();
                1
            })
            .await
        };
        let second = async {
            let _ = has_started.await;
            let outcome = work.run(|_| 2).await;
            let _ = release.send(());
            outcome
        };
        let (first, second) = tokio::join!(busy, second);
        assert_eq!(first.unwrap(), 1);
        assert!(matches!(second, Err(crate::error::AppError::Busy)));
        assert_eq!(work.run(|_| 3).await.unwrap(), 3, "free again afterwards");
        assert!(work
            .render_metrics()
            .contains("kanarie_password_work_refused_total 1"));
    }

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
