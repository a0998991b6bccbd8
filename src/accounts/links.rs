//! Single-use, expiring links for invitations and password resets.

use secrecy::ExposeSecret;

use super::secret_token::SecretToken;
use crate::db::moderators::{self, LinkPurpose};
use crate::db::DbConnection;

/// An invitation link stays valid for three days: volunteers do not read mail hourly.
pub const INVITATION_VALID_SECONDS: i64 = 3 * 24 * 60 * 60;
/// A reset link is valid for an hour: whoever asked for it is waiting for it.
pub const RESET_VALID_SECONDS: i64 = 60 * 60;

/// Stores a new link for `moderator_id` and returns its full address (shown or mailed once).
pub fn issue(
    conn: &mut DbConnection,
    moderator_id: i64,
    purpose: LinkPurpose,
    public_url: &str,
) -> diesel::QueryResult<String> {
    let token = SecretToken::generate();
    let (valid, path) = match purpose {
        LinkPurpose::Invite => (INVITATION_VALID_SECONDS, "invitation"),
        LinkPurpose::Reset => (RESET_VALID_SECONDS, "password-reset"),
    };
    moderators::create_link(
        conn,
        &token.hash,
        moderator_id,
        purpose,
        super::now() + valid,
    )?;
    Ok(format!(
        "{public_url}/moderation/{path}/{}",
        token.plain.expose_secret()
    ))
}
