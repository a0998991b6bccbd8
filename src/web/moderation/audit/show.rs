use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use crate::db::audit::{self, AuditAction};
use crate::db::review;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::moderation::amsterdam;
use crate::web::moderation::session::SignedIn;
use crate::web::moderation::story::{REJECTION_REASONS, TAKE_DOWN_REASONS};
use crate::web::moderation::ModerationChrome;
use crate::web::render::render_private;

/// Entries shown at most; filter to see older ones.
const LIMIT: i64 = 500;

/// One entry as the moderator reads it: labels in their language, Amsterdam time.
pub struct AuditRow {
    pub when: String,
    pub actor: String,
    pub action: String,
    pub story: Option<String>,
    /// True when the story is still there (pending or published), so its page opens.
    pub story_exists: bool,
    pub detail: String,
}

#[derive(Template)]
#[template(path = "moderation/audit.html")]
struct AuditPage {
    chrome: ModerationChrome,
    rows: Vec<AuditRow>,
    /// (code, label) of every action, for the filter.
    actions: Vec<(&'static str, String)>,
    action: String,
    actor: String,
}

#[derive(serde::Deserialize)]
pub struct AuditFilter {
    #[serde(default)]
    action: String,
    #[serde(default)]
    actor: String,
}

/// The label of an action: `mod.audit.action_<code>`.
pub fn action_label(chrome: &ModerationChrome, action: AuditAction) -> String {
    chrome.t(&format!("mod.audit.action_{}", action.as_str()))
}

/// A detail as words: a rejection or take-down reason by its label, an edit's count of
/// removed items as a sentence; anything else (older entries) as stored, since details
/// are codes and counts kanarie wrote, never story text.
fn detail_label(chrome: &ModerationChrome, action: AuditAction, detail: &str) -> String {
    match action {
        AuditAction::Rejected if REJECTION_REASONS.contains(&detail) => {
            chrome.t(&format!("mod.reject.{detail}"))
        }
        AuditAction::TakenDown if TAKE_DOWN_REASONS.contains(&detail) => {
            chrome.t(&format!("mod.take_down.{detail}"))
        }
        AuditAction::Edited => match detail
            .strip_prefix("removed ")
            .and_then(|n| n.parse::<u32>().ok())
        {
            Some(count) => chrome
                .t("mod.audit.detail_removed")
                .replace("%{count}", &count.to_string()),
            None => detail.to_owned(),
        },
        AuditAction::ApprovalsReset if detail == "title or themes changed" => {
            chrome.t("mod.audit.detail_changed")
        }
        _ => detail.to_owned(),
    }
}

pub async fn show_audit(
    req: HttpRequest,
    state: web::Data<AppState>,
    signed_in: SignedIn,
    filter: web::Query<AuditFilter>,
) -> Result<HttpResponse, AppError> {
    signed_in.require_admin()?;
    let AuditFilter { action, actor } = filter.into_inner();
    let action = AuditAction::parse(action.trim());
    let actor = actor.trim().to_lowercase();
    let query_actor = actor.clone();
    let (entries, existing) = crate::db::run(&state.pool, move |conn| {
        let actor = Some(query_actor.as_str()).filter(|a| !a.is_empty());
        let entries = audit::list(conn, action, actor, LIMIT)?;
        let refs: Vec<String> = entries.iter().filter_map(|e| e.story_ref.clone()).collect();
        Ok((entries, review::existing_public_ids(conn, &refs)?))
    })
    .await?;
    let chrome = ModerationChrome::new(&req, Some(&signed_in));
    let rows = entries
        .into_iter()
        .map(|entry| AuditRow {
            when: amsterdam::date_time(entry.at),
            action: action_label(&chrome, entry.action),
            detail: entry
                .detail
                .as_deref()
                .map(|d| detail_label(&chrome, entry.action, d))
                .unwrap_or_default(),
            story_exists: entry
                .story_ref
                .as_ref()
                .is_some_and(|id| existing.contains(id)),
            story: entry.story_ref,
            actor: entry.actor,
        })
        .collect();
    let actions = AuditAction::ALL
        .iter()
        .map(|a| (a.as_str(), action_label(&chrome, *a)))
        .collect();
    Ok(render_private(
        &AuditPage {
            rows,
            actions,
            action: action.map(|a| a.as_str().to_owned()).unwrap_or_default(),
            actor,
            chrome,
        },
        StatusCode::OK,
    ))
}
