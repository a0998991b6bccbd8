use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::view::StoryFormPage;
use crate::error::AppError;
use crate::protection::form_token::TokenCheck;
use crate::questionnaire::StoryForm;
use crate::state::AppState;
use crate::web::form_body::require_form;
use crate::web::path::LangPath;

/// "Pas aan" on the preview: the questionnaire again, filled in with what was sent (the
/// words to remove kept), so the preview need not repeat the whole form below itself.
/// Runs no anonymiser and stores nothing.
pub async fn edit(
    lang: LangPath,
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    require_form(&req)?;
    let form = StoryForm::parse(&body);
    // The token is kept when it is still good (the minimum fill time counts from the first
    // serving); an expired or unknown one is replaced, as on a refused preview.
    let token = match state.form_signer.check(&form.token) {
        TokenCheck::Valid { .. } => form.token.clone(),
        TokenCheck::Expired | TokenCheck::Invalid => state.form_signer.issue(),
    };
    Ok(StoryFormPage::build(lang.lang(), &form, token, &[]).respond(StatusCode::OK))
}
