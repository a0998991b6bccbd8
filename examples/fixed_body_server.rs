//! The benchmark's yardstick: the smallest actix-web server, answering every GET with a
//! fixed 2 KB body. `bench/read-path.sh` measures kanarie's read path against it in the
//! same run, on the same machine, with the same wrk settings.

use actix_web::{web, App, HttpResponse, HttpServer};

const BODY: &str = include_str!("../static/favicon.svg");

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let bind = std::env::var("BIND").unwrap_or_else(|_| "127.0.0.1:18090".to_owned());
    let body: String = BODY.repeat(2048 / BODY.len() + 1)[..2048].to_owned();
    HttpServer::new(move || {
        let body = body.clone();
        App::new().default_service(web::to(move || {
            let body = body.clone();
            async move { HttpResponse::Ok().content_type("text/plain").body(body) }
        }))
    })
    .bind(bind)?
    .run()
    .await
}
