use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::view::StoryFormPage;
use crate::anonymiser::anonymise_story;
use crate::error::AppError;
use crate::protection::form_token::TokenCheck;
use crate::questionnaire::StoryForm;
use crate::state::AppState;
use crate::web::form_body::require_form;
use crate::web::path::LangPath;

/// Step 1, "Bekijk je verhaal": shows exactly what would be stored. Stores nothing.
///
/// The texts are anonymised here to show them, and again from what is sent in step 2:
/// the server never trusts a preview the browser sends back.
pub async fn preview(
    lang: LangPath,
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    require_form(&req)?;
    let lang = lang.lang();
    let form = StoryForm::parse(&body);
    // Keep the original token, so the minimum fill time counts from the first serving;
    // a broken one is replaced rather than failing a parent's preview.
    let token = match state.form_signer.check(&form.token) {
        TokenCheck::Valid { .. } => form.token.clone(),
        TokenCheck::Expired | TokenCheck::Invalid => state.form_signer.issue(),
    };
    match form.validate() {
        Ok(_) => {
            let story = anonymise_story(lang, &form.texts());
            Ok(StoryFormPage::build(lang, &form, token, &[])
                .with_preview(&form, &story)
                .respond(StatusCode::OK))
        }
        Err(errors) => Ok(StoryFormPage::build(lang, &form, token, &errors)
            .respond(StatusCode::UNPROCESSABLE_ENTITY)),
    }
}
