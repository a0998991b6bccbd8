use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::show::ThemesPage;
use crate::db::audit::AuditAction;
use crate::db::{audit, review};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::moderation::change::AdminForm;
use crate::web::render::{render_private, see_other};

/// Adds a theme with a Dutch and an English label; its slug (used in feed URLs) is made
/// from the Dutch label.
pub async fn add_theme(
    req: HttpRequest,
    state: web::Data<AppState>,
    change: AdminForm,
) -> Result<HttpResponse, AppError> {
    let AdminForm {
        signed_in,
        form: fields,
    } = change;
    let label_nl = fields.get("label_nl").trim().to_owned();
    let label_en = fields.get("label_en").trim().to_owned();
    let slug = slug(&label_nl);
    let valid = !slug.is_empty()
        && (1..=60).contains(&label_nl.chars().count())
        && (1..=60).contains(&label_en.chars().count());
    if !valid {
        let mut page = ThemesPage::load(&req, &state, &signed_in).await?;
        page.error = Some(page.chrome.t("mod.themes.invalid"));
        let mut response = render_private(&page, StatusCode::UNPROCESSABLE_ENTITY);
        response
            .extensions_mut()
            .insert(crate::web::middleware::OwnErrorPage);
        return Ok(response);
    }
    let added = crate::db::run(&state.pool, move |conn| {
        match review::add_theme(conn, &slug, &label_nl, &label_en) {
            Ok(()) => {
                audit::record(
                    conn,
                    signed_in.email(),
                    AuditAction::ThemeAdded,
                    None,
                    Some(&slug),
                )?;
                Ok(true)
            }
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => Ok(false),
            Err(error) => Err(error.into()),
        }
    })
    .await?;
    if !added {
        return Err(AppError::BadRequest);
    }
    Ok(see_other(crate::web::moderation::paths::THEMES))
}

/// Lower-case ASCII words joined by dashes: "Druk om te presteren" → "druk-om-te-presteren".
fn slug(label: &str) -> String {
    let mut slug = String::new();
    for c in label.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            other => other,
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').chars().take(60).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs_are_url_safe() {
        assert_eq!(super::slug("Druk om te presteren"), "druk-om-te-presteren");
        assert_eq!(super::slug("  Ziekte & zorg! "), "ziekte-zorg");
        assert_eq!(super::slug("Één"), "een");
        assert_eq!(super::slug("!!!"), "");
    }
}
