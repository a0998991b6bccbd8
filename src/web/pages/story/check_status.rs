use actix_web::{web, HttpRequest, HttpResponse};

use super::show_status::StatusPage;
use crate::db::stories::story_by_code;
use crate::error::AppError;
use crate::questionnaire::WithdrawalCodeHash;
use crate::state::AppState;
use crate::web::form_body::require_form;
use crate::web::path::LangPath;

/// Looks up a story by its withdrawal code. The code travels in the body, never in the
/// URL, so it cannot end up in a proxy's log or a browser's history.
pub async fn check_status(
    lang: LangPath,
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    require_form(&req)?;
    let lang = lang.lang();
    state.limit_code_lookups(&req)?;
    let typed = typed_code(&body);
    let mut page = StatusPage::ask(lang);
    let Some(hash) = WithdrawalCodeHash::parse_typed(&typed) else {
        page.error = Some(page.page.t("status.error.malformed"));
        page.typed_code = typed;
        return Ok(page.respond());
    };
    let story = crate::db::run(&state.pool, move |conn| Ok(story_by_code(conn, &hash)?)).await?;
    page.typed_code = typed;
    match story {
        Some(story) => page = page.with_story(story),
        None => page.error = Some(page.page.t("status.error.unknown")),
    }
    Ok(page.respond())
}

/// The `code` field of a form body, trimmed and bounded.
pub fn typed_code(body: &[u8]) -> String {
    form_urlencoded::parse(body)
        .find(|(name, _)| name == "code")
        .map(|(_, value)| value.trim().chars().take(64).collect())
        .unwrap_or_default()
}
