//! The audit trail: who did what, when. Never story text: the detail is a code or a count.
//! Rows can only be added; triggers refuse updates and deletes on both backends.

use diesel::prelude::*;

use super::schema::audit_log;
use super::DbConnection;

text_enum! {
    /// What was done; stored in `audit_log.action`.
    pub enum AuditAction {
        SignedIn = "signed_in",
        SignedOut = "signed_out",
        SignInFailed = "sign_in_failed",
        TwoStepEnabled = "two_step_enabled",
        TwoStepReplaced = "two_step_replaced",
        TwoStepRemoved = "two_step_removed",
        AccountCreated = "account_created",
        AccountDisabled = "account_disabled",
        InvitationAccepted = "invitation_accepted",
        PasswordResetRequested = "password_reset_requested",
        PasswordReset = "password_reset",
        Edited = "edited",
        ApprovalRecorded = "approval_recorded",
        ApprovalsReset = "approvals_reset",
        ApprovedForPublication = "approved_for_publication",
        ApprovedForCounting = "approved_for_counting",
        Rejected = "rejected",
        TakenDown = "taken_down",
        ThemeAdded = "theme_added",
        ThemeEnabled = "theme_enabled",
        ThemeDisabled = "theme_disabled",
        MailRetried = "mail_retried",
        MailDiscarded = "mail_discarded",
    }
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    pub actor: String,
    pub action: AuditAction,
    pub story_ref: Option<String>,
    pub detail: Option<String>,
}

pub fn record(
    conn: &mut DbConnection,
    actor: &str,
    action: AuditAction,
    story_ref: Option<&str>,
    detail: Option<&str>,
) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::at.eq(crate::accounts::now()),
            audit_log::actor.eq(actor),
            audit_log::action.eq(action),
            audit_log::story_ref.eq(story_ref),
            audit_log::detail.eq(detail),
        ))
        .execute(conn)
        .map(drop)
}

/// The newest entries first, optionally only one action or one actor.
pub fn list(
    conn: &mut DbConnection,
    action: Option<AuditAction>,
    actor: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<AuditEntry>> {
    let mut query = audit_log::table.into_boxed();
    if let Some(action) = action {
        query = query.filter(audit_log::action.eq(action));
    }
    if let Some(actor) = actor {
        query = query.filter(audit_log::actor.eq(actor.to_owned()));
    }
    query
        .order(audit_log::id.desc())
        .limit(limit)
        .select(AuditEntry::as_select())
        .load(conn)
}
