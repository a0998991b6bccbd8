//! How long a moderator session lasts. The cookie and the checks are in
//! `web::moderation::session`; expired rows are swept by `startup`.

/// A session ends after this long without a request.
pub const IDLE_TIMEOUT_SECONDS: i64 = 30 * 60;
/// And after this long in any case.
pub const ABSOLUTE_TIMEOUT_SECONDS: i64 = 12 * 60 * 60;
/// `last_seen_at` is written at most this often, to spare the database a write per page.
pub const TOUCH_EVERY_SECONDS: i64 = 60;

/// Whether a session created at `created_at` and last used at `last_seen_at` (unix
/// seconds) has ended by `now`.
pub fn expired(created_at: i64, last_seen_at: i64, now: i64) -> bool {
    now - last_seen_at > IDLE_TIMEOUT_SECONDS || now - created_at > ABSOLUTE_TIMEOUT_SECONDS
}
