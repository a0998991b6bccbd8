use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use crate::db::audit::{self, AuditAction, AuditEntry};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::moderation::session::SignedIn;
use crate::web::moderation::ModerationChrome;
use crate::web::render::render_private;

/// Entries shown at most; filter to see older ones.
const LIMIT: i64 = 500;

#[derive(Template)]
#[template(path = "moderation/audit.html")]
struct AuditPage {
    chrome: ModerationChrome,
    entries: Vec<(String, AuditEntry)>,
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

pub async fn show_audit(
    req: HttpRequest,
    state: web::Data<AppState>,
    signed_in: SignedIn,
    filter: web::Query<AuditFilter>,
) -> Result<HttpResponse, AppError> {
    signed_in.require_admin()?;
    let AuditFilter { action, actor } = filter.into_inner();
    let (action, actor) = (action.trim().to_owned(), actor.trim().to_lowercase());
    let (query_action, query_actor) = (action.clone(), actor.clone());
    let entries = crate::db::run(&state.pool, move |conn| {
        let action = match query_action.as_str() {
            "" => None,
            // An action kanarie never records matches no entry.
            typed => match AuditAction::parse(typed) {
                Some(action) => Some(action),
                None => return Ok(Vec::new()),
            },
        };
        let actor = Some(query_actor.as_str()).filter(|a| !a.is_empty());
        Ok(audit::list(conn, action, actor, LIMIT)?)
    })
    .await?;
    let entries = entries
        .into_iter()
        .map(|entry| {
            let when = chrono::DateTime::from_timestamp(entry.at, 0)
                .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
                .unwrap_or_default();
            (when, entry)
        })
        .collect();
    Ok(render_private(
        &AuditPage {
            chrome: ModerationChrome::new(&req, Some(&signed_in)),
            entries,
            action,
            actor,
        },
        StatusCode::OK,
    ))
}
