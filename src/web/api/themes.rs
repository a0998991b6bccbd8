use actix_web::{web, HttpRequest, HttpResponse};

use crate::state::AppState;
use crate::web::api::cached;

/// `GET /api/v1/themes`: the themes stories are tagged with, and their labels.
pub async fn list_themes(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let catalog = state.publisher.catalog();
    let (body, etag) = catalog.themes_json();
    cached(&req, "application/json", body.clone(), etag)
}
