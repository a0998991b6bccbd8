//! The `kanarie` command line.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::startup::{self, Application};

#[derive(Parser, Debug)]
#[command(
    name = "kanarie",
    version,
    about = "Deel jouw verhaal: anonymous stories about thuiszitters"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Start the web server (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
}

/// Exit code for a configuration the program cannot use.
const EXIT_CONFIG: u8 = 2;

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    crate::telemetry::init();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("kanarie: {error}");
            return ExitCode::from(EXIT_CONFIG);
        }
    };
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config),
        Command::Migrate => migrate(config),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("kanarie: {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve(config: Config) -> Result<(), String> {
    actix_web::rt::System::new().block_on(async move {
        let bind = config.bind;
        tracing::info!(database = %config.database.describe(), "starting kanarie");
        let app = Application::build(config)
            .await
            .map_err(|e| e.to_string())?;
        tracing::info!(
            address = %format!("{}:{}", bind.ip(), app.port()),
            "kanarie listening"
        );
        app.run_until_stopped().await.map_err(|e| e.to_string())
    })
}

fn migrate(config: Config) -> Result<(), String> {
    actix_web::rt::System::new().block_on(async move {
        let pool = crate::db::connect_pool(&config.database).map_err(|e| e.to_string())?;
        let applied = startup::migrate(&pool).await.map_err(|e| e.to_string())?;
        println!(
            "{applied} migration(s) applied to {}",
            config.database.describe()
        );
        Ok(())
    })
}
