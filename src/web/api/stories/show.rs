use actix_web::{web, HttpRequest, HttpResponse};

use crate::error::AppError;
use crate::state::AppState;
use crate::web::api::cached_body;

/// `GET /api/v1/stories/{id}`. A story that is pending, rejected, withdrawn or never
/// existed is the same 404: the API says nothing about stories it does not publish.
pub async fn show_story(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let catalog = state.publisher.catalog();
    let story = catalog.story(&id).ok_or(AppError::NotFound)?;
    Ok(cached_body(&req, "application/json", &story.json))
}
