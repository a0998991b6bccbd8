//! Logging. Logs go to standard error, so commands such as `kanarie scrub` keep standard
//! output for their result. What may be logged is decided where events are written (see
//! `web::middleware::access_log`): never user text, addresses or user agents.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

/// Installs the log subscriber; `RUST_LOG` overrides the default level (info).
pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    // A second call (tests) keeps the first subscriber.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(true)
        .try_init();
}
