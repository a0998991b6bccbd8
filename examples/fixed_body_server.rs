//! The benchmark's yardstick: the smallest actix-web server, answering every GET with the
//! bytes of one file (`BODY_FILE`) and one content type (`CONTENT_TYPE`). `bench/read-path.sh`
//! fills it with kanarie's own answer to the measured URL, so both servers send the same bytes
//! in the same run, on the same machine, with the same wrk settings.
//!
//!   BIND=127.0.0.1:18090 BODY_FILE=body.json CONTENT_TYPE=application/json fixed_body_server

use actix_web::{web, App, HttpResponse, HttpServer};

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let bind = std::env::var("BIND").unwrap_or_else(|_| "127.0.0.1:18090".to_owned());
    let file = std::env::var("BODY_FILE")
        .map_err(|_| std::io::Error::other("BODY_FILE names the file whose bytes are served"))?;
    let content_type =
        std::env::var("CONTENT_TYPE").unwrap_or_else(|_| "application/json".to_owned());
    // `Bytes` clones are a reference count, like kanarie's cached bodies.
    let body = web::Bytes::from(std::fs::read(file)?);
    HttpServer::new(move || {
        let body = body.clone();
        let content_type = content_type.clone();
        App::new().default_service(web::to(move || {
            let body = body.clone();
            let content_type = content_type.clone();
            async move { HttpResponse::Ok().content_type(content_type).body(body) }
        }))
    })
    .bind(bind)?
    .run()
    .await
}
