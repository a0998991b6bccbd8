use actix_web::{web, HttpRequest, HttpResponse};

use crate::state::AppState;
use crate::web::api::cached_body;

/// `GET /api/v1/themes`: the themes stories are tagged with, and their labels.
pub async fn list_themes(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let catalog = state.publisher.catalog();
    cached_body(&req, "application/json", catalog.themes_json())
}
