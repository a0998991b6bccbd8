use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

use super::view::StoryFormPage;
use crate::questionnaire::StoryForm;
use crate::state::AppState;
use crate::web::path::LangPath;

/// The empty questionnaire, with a freshly signed form token.
pub async fn show_form(lang: LangPath, state: web::Data<AppState>) -> HttpResponse {
    let form = StoryForm::empty(String::new());
    StoryFormPage::build(lang.lang(), &form, state.form_signer.issue(), &[]).respond(StatusCode::OK)
}
