use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use crate::db::review::{self, Theme};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::moderation::session::SignedIn;
use crate::web::moderation::ModerationChrome;
use crate::web::render::render_private;

#[derive(Template)]
#[template(path = "moderation/themes.html")]
pub struct ThemesPage {
    pub chrome: ModerationChrome,
    pub themes: Vec<Theme>,
    pub error: Option<String>,
}

impl ThemesPage {
    pub async fn load(
        req: &HttpRequest,
        state: &AppState,
        signed_in: &SignedIn,
    ) -> Result<ThemesPage, AppError> {
        let themes = crate::db::run(&state.pool, |conn| Ok(review::themes(conn)?)).await?;
        Ok(ThemesPage {
            chrome: ModerationChrome::new(req, Some(signed_in)),
            themes,
            error: None,
        })
    }
}

pub async fn show_themes(
    req: HttpRequest,
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    signed_in.require_admin()?;
    Ok(render_private(
        &ThemesPage::load(&req, &state, &signed_in).await?,
        StatusCode::OK,
    ))
}
