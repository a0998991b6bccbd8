//! The one error type handlers return, and the closed set of codes a user can see.
//!
//! A user sees a code's translated title and message (an HTML page, or JSON under `/api`),
//! never the internal cause. Internal causes are logged here, and never carry user input:
//! variants hold our own descriptions or library errors about our own queries.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

/// What went wrong, as a user may be told. The snake_case names are i18n keys
/// (`error.<code>.title`, `error.<code>.message`) and API error codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    BadRequest,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    PayloadTooLarge,
    UnsupportedMediaType,
    TooManyRequests,
    RequestTimeout,
    Internal,
    NotImplemented,
    Unavailable,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 11] = [
        ErrorCode::BadRequest,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::PayloadTooLarge,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::TooManyRequests,
        ErrorCode::RequestTimeout,
        ErrorCode::Internal,
        ErrorCode::NotImplemented,
        ErrorCode::Unavailable,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::TooManyRequests => "too_many_requests",
            ErrorCode::RequestTimeout => "request_timeout",
            ErrorCode::Internal => "internal",
            ErrorCode::NotImplemented => "not_implemented",
            ErrorCode::Unavailable => "unavailable",
        }
    }

    pub fn status(self) -> StatusCode {
        match self {
            ErrorCode::BadRequest => StatusCode::BAD_REQUEST,
            ErrorCode::Forbidden => StatusCode::FORBIDDEN,
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::NotImplemented => StatusCode::NOT_IMPLEMENTED,
            ErrorCode::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The code for an error response that did not come from `AppError` (actix's own
    /// answers to a bad body, a wrong method or an unknown route).
    pub fn from_status(status: StatusCode) -> ErrorCode {
        match status.as_u16() {
            403 => ErrorCode::Forbidden,
            404 => ErrorCode::NotFound,
            405 => ErrorCode::MethodNotAllowed,
            408 => ErrorCode::RequestTimeout,
            413 => ErrorCode::PayloadTooLarge,
            415 => ErrorCode::UnsupportedMediaType,
            429 => ErrorCode::TooManyRequests,
            501 => ErrorCode::NotImplemented,
            503 => ErrorCode::Unavailable,
            400..=499 => ErrorCode::BadRequest,
            _ => ErrorCode::Internal,
        }
    }
}

/// A more specific message than the code's own, as an i18n key under `error.query.`.
#[derive(Clone, Copy, Debug)]
pub struct MessageKey(pub &'static str);

/// Where a visitor without a moderator session is sent.
pub const SIGN_IN_PATH: &str = "/moderation/sign-in";
/// Where an admin without two-step sign-in is sent when it is required.
pub const TWO_STEP_PATH: &str = "/moderation/two-step";

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("the request cannot be understood")]
    BadRequest,
    /// A query parameter with a value kanarie cannot use; the key names the message
    /// (`error.query.<key>`), never the value.
    #[error("invalid query parameter {0}")]
    InvalidQuery(&'static str),
    #[error("the request is refused")]
    Forbidden,
    /// A signed-in moderator asked for an admin's page or change: a 403 that says an admin
    /// can do it (reloading would not help).
    #[error("only admins may do this")]
    AdminOnly,
    #[error("not found")]
    NotFound,
    #[error("the body is not a form")]
    UnsupportedMediaType,
    #[error("too many requests")]
    TooManyRequests,
    /// A response format kanarie does not make (oEmbed's `format=xml`): 501, as oEmbed asks.
    #[error("response format not implemented")]
    UnsupportedFormat,
    /// The request did not arrive within `KANARIE_REQUEST_TIMEOUT_SECONDS`.
    #[error("the request took too long to arrive")]
    RequestTimeout,
    /// Not signed in (or the session ended): answered with a redirect to the sign-in page.
    #[error("sign-in required")]
    SignInRequired,
    /// An admin must set up two-step sign-in first: answered with a redirect to its page.
    #[error("two-step sign-in required")]
    TwoStepRequired,
    /// Every argon2 slot is busy: answered 503 with `Retry-After`, nothing was done.
    #[error("too busy checking passwords")]
    Busy,
    #[error("no database connection")]
    Pool(#[source] diesel::r2d2::PoolError),
    /// The database does not answer even a trivial query (readiness).
    #[error("the database does not answer")]
    DatabaseUnavailable(#[source] diesel::result::Error),
    #[error("a database query failed")]
    Database(#[from] diesel::result::Error),
    #[error("a blocking task failed")]
    Blocking(#[source] actix_web::error::BlockingError),
    /// Something kanarie itself got wrong, described in our own words (never user input).
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn pool(error: diesel::r2d2::PoolError) -> AppError {
        AppError::Pool(error)
    }

    pub fn blocking(error: actix_web::error::BlockingError) -> AppError {
        AppError::Blocking(error)
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::BadRequest | AppError::InvalidQuery(_) => ErrorCode::BadRequest,
            AppError::Forbidden | AppError::AdminOnly => ErrorCode::Forbidden,
            AppError::NotFound => ErrorCode::NotFound,
            AppError::UnsupportedMediaType => ErrorCode::UnsupportedMediaType,
            AppError::TooManyRequests => ErrorCode::TooManyRequests,
            AppError::UnsupportedFormat => ErrorCode::NotImplemented,
            AppError::RequestTimeout => ErrorCode::RequestTimeout,
            AppError::SignInRequired | AppError::TwoStepRequired => ErrorCode::Forbidden,
            AppError::Pool(_) | AppError::DatabaseUnavailable(_) | AppError::Busy => {
                ErrorCode::Unavailable
            }
            AppError::Database(_) | AppError::Blocking(_) | AppError::Internal(_) => {
                ErrorCode::Internal
            }
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::SignInRequired | AppError::TwoStepRequired => StatusCode::SEE_OTHER,
            _ => self.code().status(),
        }
    }

    fn error_response(&self) -> HttpResponse {
        let redirect = match self {
            AppError::SignInRequired => Some(SIGN_IN_PATH),
            AppError::TwoStepRequired => Some(TWO_STEP_PATH),
            _ => None,
        };
        if let Some(location) = redirect {
            return HttpResponse::SeeOther()
                .insert_header((actix_web::http::header::LOCATION, location))
                .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
                .finish();
        }
        let code = self.code();
        // Busy is expected under a burst, and logging each one would let the burst fill the log.
        if code.status().is_server_error() && !matches!(self, AppError::Busy) {
            tracing::error!(error = %Chain(self), "request failed");
        }
        // The body is a placeholder: the error-page middleware renders the real one in the
        // visitor's language, as HTML or JSON, from this code.
        let mut builder = HttpResponse::build(code.status());
        if let AppError::Busy = self {
            builder.insert_header((actix_web::http::header::RETRY_AFTER, "5"));
        }
        let mut response = builder
            .content_type("text/plain; charset=utf-8")
            .body(code.key());
        response.extensions_mut().insert(code);
        match self {
            AppError::InvalidQuery(key) => {
                response.extensions_mut().insert(MessageKey(key));
            }
            AppError::Busy => {
                response.extensions_mut().insert(MessageKey("busy"));
            }
            AppError::AdminOnly => {
                response.extensions_mut().insert(MessageKey("admin_only"));
            }
            _ => {}
        }
        response
    }
}

/// An error with its causes, `outer: inner: innermost`, for a log line or the command
/// line. Error types keep their cause as `#[source]` and do not repeat it in their own
/// message, so this is where the whole story is told once.
pub struct Chain<'a>(pub &'a (dyn std::error::Error + 'static));

impl std::fmt::Display for Chain<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)?;
        let mut cause = self.0.source();
        while let Some(error) = cause {
            write!(f, ": {error}")?;
            cause = error.source();
        }
        Ok(())
    }
}

impl From<diesel::r2d2::PoolError> for AppError {
    fn from(error: diesel::r2d2::PoolError) -> AppError {
        AppError::pool(error)
    }
}
