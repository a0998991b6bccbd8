//! A running kanarie: `startup` prepares the instance, `web::app` is the application, and
//! this serves one with the other. Used by `main` and by the tests alike.

use std::time::Duration;

use actix_web::dev::Server;
use actix_web::{web, HttpServer};

use crate::config::Config;
use crate::startup::{prepare, StartError};
use crate::web::middleware::connection_watch;

/// A running server and where it listens.
pub struct Application {
    port: u16,
    server: Server,
}

impl Application {
    /// Opens the database, applies migrations and binds the listener.
    pub async fn build(config: Config) -> Result<Application, StartError> {
        let prepared = prepare(config).await?;
        let state = web::Data::new(prepared.state);
        let request_timeout = state.config.request_timeout;
        let head_timeout = request_timeout.min(Duration::from_secs(5));
        let server = HttpServer::new(move || crate::web::app(state.clone()))
            // The headers of a connection's first request (actix-web's default is 5 s);
            // bodies have their own deadline (`web::middleware::request_deadline`).
            .client_request_timeout(head_timeout)
            // ...and those of the requests after it on a kept-alive connection.
            .keep_alive(connection_watch::KEEP_ALIVE)
            .on_connect(connection_watch::watch_connections(request_timeout))
            .listen(prepared.listener)
            .map_err(|source| StartError::Bind {
                address: "listener".to_owned(),
                source,
            })?
            // Lets in-flight requests finish on SIGTERM before the process exits.
            .shutdown_timeout(30)
            .run();
        Ok(Application {
            port: prepared.port,
            server,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
