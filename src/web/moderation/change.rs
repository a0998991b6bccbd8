//! The only way into a moderator's change: `ModeratorForm` (and `AdminForm` for admin
//! changes) yield the signed-in moderator and the parsed form only after every check a
//! change needs, so a handler cannot forget one.
//!
//! In order: a live session (else the sign-in page), a form body (415), for `AdminForm`
//! the admin role (403), and this session's CSRF token sent from a same-site page (403,
//! see `SignedIn::verify_change`).

use std::future::Future;
use std::pin::Pin;

use actix_web::{web, FromRequest, HttpRequest};

use super::pending::PendingChange;
use super::session::{ExpiredSession, SignedIn};
use crate::error::AppError;
use crate::web::form_body::{require_form, FormFields};

/// A form a change is made from, read from the fields of a checked request.
pub trait ChangeForm: Sized + 'static {
    fn from_fields(fields: FormFields) -> Result<Self, AppError>;
}

impl ChangeForm for FormFields {
    fn from_fields(fields: FormFields) -> Result<FormFields, AppError> {
        Ok(fields)
    }
}

/// A change by a signed-in moderator (any role), after the CSRF and origin checks.
pub struct ModeratorForm<T: ChangeForm = FormFields> {
    pub signed_in: SignedIn,
    pub form: T,
}

/// A change by an admin, after the role, CSRF and origin checks.
pub struct AdminForm<T: ChangeForm = FormFields> {
    pub signed_in: SignedIn,
    pub form: T,
}

type Checked<T> = Pin<Box<dyn Future<Output = Result<T, actix_web::Error>>>>;

/// The checks both extractors share; `admin` adds the role check.
fn checked<T: ChangeForm>(
    req: &HttpRequest,
    payload: &mut actix_web::dev::Payload,
    admin: bool,
) -> Checked<(SignedIn, T)> {
    let req = req.clone();
    let signed_in = SignedIn::from_request(&req, payload);
    let body = web::Bytes::from_request(&req, payload);
    Box::pin(async move {
        let signed_in = match signed_in.await {
            Ok(signed_in) => signed_in,
            Err(AppError::SignInRequired) => {
                let body = body.await?;
                return Err(keep_through_sign_in(&req, &body));
            }
            Err(error) => return Err(error.into()),
        };
        let body = body.await?;
        require_form(&req)?;
        if admin {
            signed_in.require_admin()?;
        }
        let fields = FormFields::parse(&body);
        signed_in.verify_change(&req, fields.get("csrf"))?;
        Ok((signed_in, T::from_fields(fields)?))
    })
}

/// The answer to a change whose session just ended: the sign-in page carrying the change
/// (pending.rs), when the ended session vouches for it and it is a story change; else the
/// usual redirect to the sign-in page.
fn keep_through_sign_in(req: &HttpRequest, body: &[u8]) -> actix_web::Error {
    use actix_web::HttpMessage;
    let ended = req.extensions().get::<ExpiredSession>().cloned();
    let mut fields = FormFields::parse(body);
    let vouched = ended.is_some_and(|ended| {
        require_form(req).is_ok() && ended.vouches_for(req, fields.get("csrf"))
    });
    let pending = vouched
        .then(|| PendingChange::read(req.path(), &mut fields, ""))
        .flatten();
    drop(fields);
    match pending {
        Some(pending) => {
            let response = super::sign_in::sign_in_page_keeping(req, pending);
            actix_web::error::InternalError::from_response(AppError::SignInRequired, response)
                .into()
        }
        None => AppError::SignInRequired.into(),
    }
}

impl<T: ChangeForm> FromRequest for ModeratorForm<T> {
    type Error = actix_web::Error;
    type Future = Checked<ModeratorForm<T>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let checked = checked::<T>(req, payload, false);
        Box::pin(async move {
            let (signed_in, form) = checked.await?;
            Ok(ModeratorForm { signed_in, form })
        })
    }
}

impl<T: ChangeForm> FromRequest for AdminForm<T> {
    type Error = actix_web::Error;
    type Future = Checked<AdminForm<T>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let checked = checked::<T>(req, payload, true);
        Box::pin(async move {
            let (signed_in, form) = checked.await?;
            Ok(AdminForm { signed_in, form })
        })
    }
}
