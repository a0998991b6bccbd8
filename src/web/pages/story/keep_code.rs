use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};

use super::check_status::typed_code;
use super::StoryPaths;
use crate::error::AppError;
use crate::questionnaire::WithdrawalCode;
use crate::state::AppState;
use crate::web::form_body::require_form;
use crate::web::path::LangPath;

/// "Bewaar als bestand": the code the thank-you page sent, back as a small text file to
/// keep. The server echoes what the page sent (only when it is shaped like a code, and
/// normalised), looks nothing up and keeps nothing; the code travels in the body, never
/// in a URL.
pub async fn keep_code(
    lang: LangPath,
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    require_form(&req)?;
    let lang = lang.lang();
    let Some(code) = WithdrawalCode::parse_typed(&typed_code(&body)) else {
        return Err(AppError::BadRequest);
    };
    let status_url = format!("{}{}", state.config.public_url, StoryPaths::of(lang).status);
    let text = rust_i18n::t!(
        "thanks.file.text",
        locale = lang.code(),
        code = code.to_string(),
        url = status_url
    )
    .into_owned();
    let file_name = rust_i18n::t!("thanks.file.name", locale = lang.code());
    Ok(HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file_name}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(text))
}
