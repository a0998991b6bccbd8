use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::shown;
use super::view::StoryFormPage;
use crate::error::AppError;
use crate::protection::form_token::TokenCheck;
use crate::questionnaire::StoryForm;
use crate::state::AppState;
use crate::web::form_body::require_form;
use crate::web::path::LangPath;

/// Step 1, "Bekijk je verhaal": shows exactly what would be stored, asks the parent about
/// the words the anonymiser kept but is unsure of, and removes what they tick or type.
/// Stores nothing.
///
/// The page carries a seal of what it showed; "Verstuur" anonymises again from what is
/// sent and stores only when that is what this page showed (see `shown`).
pub async fn preview(
    lang: LangPath,
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    require_form(&req)?;
    let lang = lang.lang();
    // The anonymiser runs on up to 20,000 characters here: limited like sending.
    state.limit_previews(&req)?;
    let form = StoryForm::parse(&body);
    // Only a form kanarie served (and not expired) gets a preview; anything else comes
    // back filled in, with a notice and a fresh token, without running the anonymiser.
    // A valid token is kept as it is, so the minimum fill time counts from the first
    // serving.
    if !matches!(
        state.form_signer.check(&form.token),
        TokenCheck::Valid { .. }
    ) {
        return Ok(
            StoryFormPage::build(lang, &form, state.form_signer.issue(), &[])
                .with_notice("form.notice.preview_refused")
                .respond(StatusCode::BAD_REQUEST),
        );
    }
    match form.validate() {
        Ok(answers) => {
            let story = shown::anonymise(lang, &form);
            let seal = shown::seal(&state.form_signer, lang, &form, &story, &answers);
            Ok(StoryFormPage::build(lang, &form, form.token.clone(), &[])
                .with_preview(&form, &story, seal)
                .respond(StatusCode::OK))
        }
        Err(errors) => Ok(
            StoryFormPage::build(lang, &form, form.token.clone(), &errors)
                .respond(StatusCode::UNPROCESSABLE_ENTITY),
        ),
    }
}
