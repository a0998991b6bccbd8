//! Form bodies read as bytes, so repeated fields (checkboxes) and raw text are handled by
//! the questionnaire's own parser rather than a generic deserialiser whose error messages
//! could quote what was typed.

use actix_web::http::header;
use actix_web::HttpRequest;

use crate::error::AppError;

/// Refuses a body that does not claim to be a form (415).
pub fn require_form(req: &HttpRequest) -> Result<(), AppError> {
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim())
        .is_some_and(|v| v.eq_ignore_ascii_case("application/x-www-form-urlencoded"));
    if is_form {
        Ok(())
    } else {
        Err(AppError::UnsupportedMediaType)
    }
}
