//! Inviting a moderator: the account, a single-use link, the mail, the audit entry, in one
//! transaction. Used by `kanarie moderator add` and by the admin page.

use diesel::result::{DatabaseErrorKind, Error as DieselError};
use diesel::Connection;

use super::{links, now, password::NewPassword, EmailAddress, Role};
use crate::db::audit::AuditAction;
use crate::db::moderators::{self, LinkPurpose};
use crate::db::{audit, DbConnection};

#[derive(Debug, thiserror::Error)]
pub enum InviteError {
    #[error("an account with this e-mail address exists already")]
    Exists,
    #[error(transparent)]
    Database(#[from] DieselError),
}

/// What happened to the invitation.
pub enum Invited {
    /// The link, to show to whoever invited (no mail server configured, so nothing was sent).
    Link(String),
    /// The invitation is in the outbox; the link is not shown.
    Mailed,
    /// A password was set directly (`--password-stdin`): no link at all.
    PasswordSet,
}

/// Creates the account. With `password_hash` it is ready at once; otherwise an invitation
/// link is made and mailed (when `mail_configured`) or returned to show.
pub fn invite(
    conn: &mut DbConnection,
    email: &EmailAddress,
    role: Role,
    password_hash: Option<&str>,
    public_url: &str,
    mail_configured: bool,
    actor: &str,
) -> Result<Invited, InviteError> {
    conn.transaction(|conn| {
        let id = match moderators::create(conn, email, role, password_hash, now()) {
            Ok(id) => id,
            Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {
                return Err(InviteError::Exists)
            }
            Err(error) => return Err(error.into()),
        };
        audit::record(
            conn,
            actor,
            AuditAction::AccountCreated,
            None,
            Some(&format!("{role} {email}")),
        )?;
        if password_hash.is_some() {
            return Ok(Invited::PasswordSet);
        }
        let link = links::issue(conn, id, LinkPurpose::Invite, public_url)?;
        if mail_configured {
            let role_label = match role {
                Role::Admin => "beheerder / admin",
                Role::Moderator => "moderator",
            };
            crate::mail::enqueue(
                conn,
                &crate::mail::invitation(email.as_str(), &link, role_label),
            )?;
            Ok(Invited::Mailed)
        } else {
            Ok(Invited::Link(link))
        }
    })
}

/// A password given on the command line that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum NewPasswordError {
    #[error(
        "the password is too short (at least {} characters)",
        super::password::MIN_CHARS
    )]
    TooShort,
    #[error(
        "the password is too long (at most {} characters)",
        super::password::MAX_CHARS
    )]
    TooLong,
    #[error("hashing the password failed: {0}")]
    Hash(argon2::password_hash::Error),
}

/// Hashes a password for `--password-stdin` (off any async worker: the CLI is blocking).
pub fn hash_new_password(input: String) -> Result<String, NewPasswordError> {
    let password = NewPassword::parse(input).map_err(|problem| match problem {
        super::password::PasswordProblem::TooShort => NewPasswordError::TooShort,
        super::password::PasswordProblem::TooLong => NewPasswordError::TooLong,
    })?;
    password.hash().map_err(NewPasswordError::Hash)
}
