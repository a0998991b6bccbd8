use actix_web::HttpResponse;
pub async fn openapi() -> HttpResponse {
    HttpResponse::NotFound().finish()
}
