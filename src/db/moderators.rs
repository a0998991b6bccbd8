//! Moderator accounts, their single-use links and their sessions.

use diesel::prelude::*;

use super::schema::{account_links, moderators, sessions};
use super::DbConnection;
use crate::accounts::{EmailAddress, Role};

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = moderators)]
pub struct Moderator {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub password_hash: Option<String>,
    pub totp_secret: Option<String>,
    pub disabled: bool,
    pub created_at: i64,
    /// The last two-step time step accepted; codes of this step or earlier are refused.
    pub totp_last_step: Option<i64>,
    /// A two-step secret shown on the set-up page and not yet confirmed with a code.
    pub totp_pending_secret: Option<String>,
}

impl Moderator {
    pub fn role(&self) -> Role {
        self.role
    }
}

text_enum! {
    /// Purpose of a single-use link; stored in `account_links.purpose`.
    pub enum LinkPurpose {
        Invite = "invite",
        Reset = "reset",
    }
}

pub fn create(
    conn: &mut DbConnection,
    email: &EmailAddress,
    role: Role,
    password_hash: Option<&str>,
    now: i64,
) -> QueryResult<i64> {
    diesel::insert_into(moderators::table)
        .values((
            moderators::email.eq(email.as_str()),
            moderators::role.eq(role),
            moderators::password_hash.eq(password_hash),
            moderators::disabled.eq(false),
            moderators::created_at.eq(now),
        ))
        .returning(moderators::id)
        .get_result(conn)
}

pub fn find_by_email(conn: &mut DbConnection, email: &str) -> QueryResult<Option<Moderator>> {
    moderators::table
        .filter(moderators::email.eq(email))
        .select(Moderator::as_select())
        .first(conn)
        .optional()
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Moderator>> {
    moderators::table
        .find(id)
        .select(Moderator::as_select())
        .first(conn)
        .optional()
}

pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<Moderator>> {
    moderators::table
        .order(moderators::email.asc())
        .select(Moderator::as_select())
        .load(conn)
}

/// Admins' and moderators' addresses for notices: active accounts that have signed up.
pub fn notice_recipients(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    moderators::table
        .filter(moderators::disabled.eq(false))
        .filter(moderators::password_hash.is_not_null())
        .select(moderators::email)
        .load(conn)
}

/// Disables an account and ends its sessions. Returns whether it existed.
pub fn disable(conn: &mut DbConnection, id: i64) -> QueryResult<bool> {
    conn.transaction(|conn| {
        let changed = diesel::update(moderators::table.find(id))
            .set(moderators::disabled.eq(true))
            .execute(conn)?;
        diesel::delete(sessions::table.filter(sessions::moderator_id.eq(id))).execute(conn)?;
        diesel::delete(account_links::table.filter(account_links::moderator_id.eq(id)))
            .execute(conn)?;
        Ok(changed > 0)
    })
}

/// Sets a password and ends every session of the account (a reset signs others out).
pub fn set_password(conn: &mut DbConnection, id: i64, hash: &str) -> QueryResult<()> {
    diesel::update(moderators::table.find(id))
        .set(moderators::password_hash.eq(hash))
        .execute(conn)?;
    diesel::delete(sessions::table.filter(sessions::moderator_id.eq(id))).execute(conn)?;
    Ok(())
}

/// Turns two-step sign-in on with `secret`, confirmed by a code of time step `step` (which
/// cannot be used again), or off with `None`. Any secret being set up is dropped.
pub fn set_totp_secret(
    conn: &mut DbConnection,
    id: i64,
    secret: Option<&str>,
    step: Option<i64>,
) -> QueryResult<()> {
    diesel::update(moderators::table.find(id))
        .set((
            moderators::totp_secret.eq(secret),
            moderators::totp_pending_secret.eq(None::<String>),
            moderators::totp_last_step.eq(step),
        ))
        .execute(conn)
        .map(drop)
}

/// Keeps the secret shown on the set-up page until a code from it confirms it.
pub fn set_pending_totp_secret(conn: &mut DbConnection, id: i64, secret: &str) -> QueryResult<()> {
    diesel::update(moderators::table.find(id))
        .set(moderators::totp_pending_secret.eq(secret))
        .execute(conn)
        .map(drop)
}

/// Records that a code of time step `step` was used, unless one of this step or a later
/// one was used already: then false, and the code must be refused. One statement, so two
/// requests with the same code cannot both pass.
pub fn accept_totp_step(conn: &mut DbConnection, id: i64, step: i64) -> QueryResult<bool> {
    let changed = diesel::update(
        moderators::table.find(id).filter(
            moderators::totp_last_step
                .is_null()
                .or(moderators::totp_last_step.lt(step)),
        ),
    )
    .set(moderators::totp_last_step.eq(step))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Stores a link. The account's earlier links of the same purpose stop working: only the
/// newest link someone was sent is valid.
pub fn create_link(
    conn: &mut DbConnection,
    token_hash: &str,
    moderator_id: i64,
    purpose: LinkPurpose,
    expires_at: i64,
) -> QueryResult<()> {
    diesel::delete(
        account_links::table
            .filter(account_links::moderator_id.eq(moderator_id))
            .filter(account_links::purpose.eq(purpose)),
    )
    .execute(conn)?;
    diesel::insert_into(account_links::table)
        .values((
            account_links::token_hash.eq(token_hash),
            account_links::moderator_id.eq(moderator_id),
            account_links::purpose.eq(purpose),
            account_links::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .map(drop)
}

/// The account a link belongs to, if the link exists, has this purpose and has not expired.
pub fn peek_link(
    conn: &mut DbConnection,
    token_hash: &str,
    purpose: LinkPurpose,
    now: i64,
) -> QueryResult<Option<Moderator>> {
    account_links::table
        .inner_join(moderators::table)
        .filter(account_links::token_hash.eq(token_hash))
        .filter(account_links::purpose.eq(purpose))
        .filter(account_links::expires_at.gt(now))
        .filter(moderators::disabled.eq(false))
        .select(Moderator::as_select())
        .first(conn)
        .optional()
}

/// Uses a link up: it is deleted whether or not it was still valid. Returns its account.
pub fn consume_link(
    conn: &mut DbConnection,
    token_hash: &str,
    purpose: LinkPurpose,
    now: i64,
) -> QueryResult<Option<Moderator>> {
    conn.transaction(|conn| {
        let moderator = peek_link(conn, token_hash, purpose, now)?;
        diesel::delete(account_links::table.filter(account_links::token_hash.eq(token_hash)))
            .execute(conn)?;
        Ok(moderator)
    })
}

/// A signed-in session as stored.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub token_hash: String,
    pub moderator_id: i64,
    pub csrf_token: String,
    pub created_at: i64,
    pub last_seen_at: i64,
}

pub fn create_session(
    conn: &mut DbConnection,
    token_hash: &str,
    moderator_id: i64,
    csrf_token: &str,
    now: i64,
) -> QueryResult<()> {
    diesel::insert_into(sessions::table)
        .values((
            sessions::token_hash.eq(token_hash),
            sessions::moderator_id.eq(moderator_id),
            sessions::csrf_token.eq(csrf_token),
            sessions::created_at.eq(now),
            sessions::last_seen_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

pub fn find_session(
    conn: &mut DbConnection,
    token_hash: &str,
) -> QueryResult<Option<(SessionRow, Moderator)>> {
    sessions::table
        .inner_join(moderators::table)
        .filter(sessions::token_hash.eq(token_hash))
        .select((SessionRow::as_select(), Moderator::as_select()))
        .first(conn)
        .optional()
}

pub fn touch_session(conn: &mut DbConnection, token_hash: &str, now: i64) -> QueryResult<()> {
    diesel::update(sessions::table.find(token_hash))
        .set(sessions::last_seen_at.eq(now))
        .execute(conn)
        .map(drop)
}

pub fn delete_session(conn: &mut DbConnection, token_hash: &str) -> QueryResult<()> {
    diesel::delete(sessions::table.find(token_hash))
        .execute(conn)
        .map(drop)
}

/// Removes sessions past either timeout and links past their expiry.
pub fn delete_expired(
    conn: &mut DbConnection,
    idle_before: i64,
    created_before: i64,
    now: i64,
) -> QueryResult<usize> {
    let sessions = diesel::delete(
        sessions::table.filter(
            sessions::last_seen_at
                .lt(idle_before)
                .or(sessions::created_at.lt(created_before)),
        ),
    )
    .execute(conn)?;
    let links = diesel::delete(account_links::table.filter(account_links::expires_at.le(now)))
        .execute(conn)?;
    Ok(sessions + links)
}
