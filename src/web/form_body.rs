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

/// The fields of a small form (moderation pages), by name. Values are kept as sent.
pub struct FormFields(Vec<(String, String)>);

impl FormFields {
    pub fn parse(body: &[u8]) -> FormFields {
        FormFields(
            form_urlencoded::parse(body)
                .take(256)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The first value of `name`, or "".
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// Every value of `name` (checkboxes).
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Takes a value out, so a secret (a password) is not kept around in the form.
    pub fn take(&mut self, name: &str) -> String {
        self.0
            .iter_mut()
            .find(|(k, _)| k == name)
            .map(|(_, v)| std::mem::take(v))
            .unwrap_or_default()
    }
}
