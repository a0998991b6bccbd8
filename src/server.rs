//! A running kanarie: `startup` prepares the instance, `web::app` is the application, and
//! this serves one with the other. Used by `main` and by the tests alike.

use actix_web::dev::Server;
use actix_web::{web, HttpServer};

use crate::config::Config;
use crate::startup::{prepare, StartError};

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
        let server = HttpServer::new(move || crate::web::app(state.clone()))
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
