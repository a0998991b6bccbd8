use actix_web::{web, HttpResponse};

use crate::db::audit::AuditAction;
use crate::db::{audit, review};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form_body::FormFields;
use crate::web::moderation::change::{AdminForm, ChangeForm};
use crate::web::render::see_other;

/// The toggle form: whether the theme is to be offered.
pub struct ThemeSwitch {
    active: bool,
}

impl ChangeForm for ThemeSwitch {
    fn from_fields(fields: FormFields) -> Result<ThemeSwitch, AppError> {
        Ok(ThemeSwitch {
            active: fields.get("active") == "true",
        })
    }
}

/// Switches a theme off (no longer offered; stories keep it) or on again.
pub async fn toggle_theme(
    state: web::Data<AppState>,
    change: AdminForm<ThemeSwitch>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let AdminForm { signed_in, form } = change;
    let active = form.active;
    let id = id.into_inner();
    crate::db::run(&state.pool, move |conn| {
        if !review::set_theme_active(conn, id, active)? {
            return Err(AppError::NotFound);
        }
        let action = if active {
            AuditAction::ThemeEnabled
        } else {
            AuditAction::ThemeDisabled
        };
        audit::record(conn, signed_in.email(), action, None, Some(&id.to_string()))?;
        Ok(())
    })
    .await?;
    Ok(see_other(crate::web::moderation::paths::THEMES))
}
