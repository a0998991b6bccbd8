use actix_web::{web, HttpRequest, HttpResponse};

use super::check_status::typed_code;
use super::show_status::StatusPage;
use crate::db::stories::{checkpoint_after_delete, delete_by_code, story_by_code};
use crate::error::AppError;
use crate::questionnaire::WithdrawalCodeHash;
use crate::state::AppState;
use crate::web::form_body::require_form;
use crate::web::path::LangPath;

/// Withdraws a story: the story and its answers are deleted, not flagged, and on SQLite
/// the freed pages are overwritten and the write-ahead log emptied.
pub async fn withdraw(
    lang: LangPath,
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    require_form(&req)?;
    let lang = lang.lang();
    state.limit_code_lookups(&req)?;
    let typed = typed_code(&body);
    let confirmed =
        form_urlencoded::parse(&body).any(|(name, value)| name == "confirm" && value == "yes");
    let mut page = StatusPage::ask(lang);
    page.typed_code = typed.clone();
    let Some(hash) = WithdrawalCodeHash::parse_typed(&typed) else {
        page.error = Some(page.page.t("status.error.malformed"));
        return Ok(page.respond());
    };
    if !confirmed {
        let story =
            crate::db::run(&state.pool, move |conn| Ok(story_by_code(conn, &hash)?)).await?;
        let found = story.is_some();
        if let Some(story) = story {
            page = page.with_story(story);
        }
        page.error = Some(page.page.t(if found {
            "status.error.confirm"
        } else {
            "status.error.unknown"
        }));
        return Ok(page.respond());
    }
    let deleted = crate::db::run(&state.pool, move |conn| {
        let deleted = delete_by_code(conn, &hash)?;
        if deleted {
            checkpoint_after_delete(conn)?;
        }
        Ok(deleted)
    })
    .await?;
    // This instance serves the change at once; others within `publishing::REFRESH_EVERY`.
    state.refresh_published().await;
    if deleted {
        crate::metrics::record_event("withdrawals");
        page.typed_code.clear();
        page.withdrawn = true;
    } else {
        page.error = Some(page.page.t("status.error.unknown"));
    }
    Ok(page.respond())
}
