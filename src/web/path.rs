//! Extractors for the parts of a path every localised route shares.

use std::future::{ready, Ready};

use actix_web::{dev::Payload, FromRequest, HttpRequest};

use crate::error::AppError;
use crate::lang::Lang;

/// The `{lang}` segment of a localised route (`/nl/...`, `/en/...`).
#[derive(Clone, Copy, Debug)]
pub struct LangPath(Lang);

impl LangPath {
    pub fn lang(self) -> Lang {
        self.0
    }
}

impl FromRequest for LangPath {
    type Error = AppError;
    type Future = Ready<Result<LangPath, AppError>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        ready(
            req.match_info()
                .get("lang")
                .and_then(Lang::parse)
                .map(LangPath)
                .ok_or(AppError::NotFound),
        )
    }
}
