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

use super::session::SignedIn;
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
        let signed_in = signed_in.await?;
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
