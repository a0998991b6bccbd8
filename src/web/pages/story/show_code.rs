use actix_web::{web, HttpRequest, HttpResponse};

use super::check_status::typed_code;
use super::thanks::{Received, ThanksPage};
use crate::error::AppError;
use crate::questionnaire::WithdrawalCode;
use crate::state::AppState;
use crate::web::form_body::require_form;
use crate::web::path::LangPath;

/// The thank-you page in this language with the code its other-language version sent:
/// the language switch there is a form, so the code stays in a body and never enters a
/// URL. Echoes a code-shaped value only; looks nothing up and stores nothing.
pub async fn show_code(
    lang: LangPath,
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    require_form(&req)?;
    let Some(code) = WithdrawalCode::parse_typed(&typed_code(&body)) else {
        return Err(AppError::BadRequest);
    };
    Ok(ThanksPage::new(
        lang.lang(),
        &state.config,
        Received::Shown,
        Some(code.to_string()),
    )
    .respond())
}
