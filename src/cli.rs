//! The `kanarie` command line.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::accounts::invite::{InviteError, NewPasswordError};
use crate::accounts::EmailAddress;
use crate::anonymiser::scrub::{self, ScrubMode};
use crate::config::Config;
use crate::db::audit::AuditAction;
use crate::db::connection::OpenError;
use crate::db::MigrationError;
use crate::error::Chain;
use crate::lang::Lang;
use crate::server::Application;
use crate::startup::{self, StartError};

type PooledConnection = diesel::r2d2::PooledConnection<crate::db::connection::ConnectionManager>;

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
    /// Anonymise text from standard input and write it to standard output.
    Scrub {
        /// Read JSON objects, one per line, and anonymise each one's "text" field,
        /// keeping every other field (its "lang" field, when "nl" or "en", picks the language).
        #[arg(long)]
        jsonl: bool,
        /// The language of the text (nl or en).
        #[arg(long, default_value = "nl", value_parser = parse_lang)]
        lang: Lang,
    },
    /// Fill the database with clearly fictional, approved stories (refuses real data).
    DemoData {
        /// How many stories to add.
        #[arg(long, default_value_t = 200)]
        stories: usize,
    },
    /// Copy a live SQLite database consistently to PATH (PostgreSQL: use pg_dump).
    Backup { path: std::path::PathBuf },
    /// Write the published stories and statistics as JSON and CSV into DIR.
    Export { dir: std::path::PathBuf },
    /// Manage moderator accounts.
    Moderator {
        #[command(subcommand)]
        action: ModeratorCommand,
    },
}

#[derive(Subcommand, Debug)]
enum ModeratorCommand {
    /// Create an account and send an invitation link (printed when no SMTP is configured).
    Add {
        #[arg(long)]
        email: String,
        #[arg(long, value_parser = ["admin", "moderator"])]
        role: String,
        /// Read the password from standard input instead of inviting (for automation).
        #[arg(long)]
        password_stdin: bool,
    },
    /// List the accounts.
    List,
    /// Disable an account; its sessions end at once.
    Disable {
        #[arg(long)]
        email: String,
    },
}

fn parse_lang(value: &str) -> Result<Lang, &'static str> {
    Lang::parse(value).ok_or("expected nl or en")
}

/// Why a command failed; printed as one line with its causes (`error::Chain`).
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Start(#[from] StartError),
    #[error(transparent)]
    Open(#[from] OpenError),
    #[error("no database connection")]
    Connect(#[from] diesel::r2d2::PoolError),
    #[error("cannot apply migrations")]
    Migrate(#[source] MigrationError),
    #[error("the server stopped with an error")]
    Serve(#[source] std::io::Error),
    #[error("{0}")]
    Usage(&'static str),
    #[error("no account for {0}")]
    NoAccount(EmailAddress),
    #[error("reading the password from standard input")]
    ReadPassword(#[source] std::io::Error),
    #[error(transparent)]
    Password(#[from] NewPasswordError),
    #[error(transparent)]
    Invite(#[from] InviteError),
    #[error("a database query failed")]
    Database(#[from] diesel::result::Error),
    #[error(transparent)]
    Backup(#[from] crate::operations::backup::BackupError),
    #[error(transparent)]
    Export(#[from] crate::operations::export::ExportError),
    #[error(transparent)]
    Demo(#[from] crate::demo::DemoError),
}

/// Exit code for a configuration the program cannot use.
const EXIT_CONFIG: u8 = 2;

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    crate::telemetry::init();
    // Scrubbing needs no configuration or database: it only reads and writes streams.
    if let Some(Command::Scrub { jsonl, lang }) = cli.command {
        return scrub(jsonl, lang);
    }
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
        Command::Scrub { .. } => Ok(()),
        Command::Moderator { action } => moderator(config, action),
        Command::DemoData { stories } => demo_data(config, stories),
        Command::Backup { path } => with_connection(&config, |conn| {
            crate::operations::backup::backup(conn, &path)?;
            println!(
                "Backed up {} to {}.",
                config.database.describe(),
                path.display()
            );
            Ok(())
        }),
        Command::Export { dir } => with_connection(&config, |conn| {
            let (stories, cells) =
                crate::operations::export::export(conn, &config.stats, &config.public_url, &dir)?;
            println!(
                "Wrote {stories} stories and {cells} statistics cells to {}.",
                dir.display()
            );
            Ok(())
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("kanarie: {}", Chain(&error));
            ExitCode::FAILURE
        }
    }
}

fn serve(config: Config) -> Result<(), CliError> {
    actix_web::rt::System::new().block_on(async move {
        let bind = config.bind;
        tracing::info!(database = %config.database.describe(), "starting kanarie");
        let app = Application::build(config).await?;
        tracing::info!(
            address = %format!("{}:{}", bind.ip(), app.port()),
            "kanarie listening"
        );
        app.run_until_stopped().await.map_err(CliError::Serve)
    })
}

fn scrub(jsonl: bool, lang: Lang) -> ExitCode {
    let mode = if jsonl {
        ScrubMode::JsonLines
    } else {
        ScrubMode::Plain
    };
    let stdin = std::io::stdin().lock();
    let stdout = std::io::BufWriter::new(std::io::stdout().lock());
    match scrub::run(stdin, stdout, mode, lang) {
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("kanarie scrub: {error}");
            ExitCode::FAILURE
        }
    }
}

fn moderator(config: Config, action: ModeratorCommand) -> Result<(), CliError> {
    use crate::accounts::invite::{hash_new_password, invite, Invited};
    use crate::accounts::Role;
    use crate::db::{audit, moderators};

    let mut conn = open(&config)?;
    match action {
        ModeratorCommand::Add {
            email,
            role,
            password_stdin,
        } => {
            let email = EmailAddress::parse(&email)
                .ok_or(CliError::Usage("--email: expected an e-mail address"))?;
            let role =
                Role::parse(&role).ok_or(CliError::Usage("--role: expected admin or moderator"))?;
            let hash = if password_stdin {
                let mut password = zeroize::Zeroizing::new(String::new());
                std::io::stdin()
                    .read_line(&mut password)
                    .map_err(CliError::ReadPassword)?;
                Some(hash_new_password(
                    password.trim_end_matches(['\r', '\n']).to_owned(),
                )?)
            } else {
                None
            };
            let invited = invite(
                &mut conn,
                &email,
                role,
                hash.as_deref(),
                &config.public_url,
                config.mail.is_configured(),
                "cli",
            )?;
            match invited {
                Invited::Link(link) => {
                    println!("Created {role} {email}. No SMTP is configured: send them this link (valid for 3 days, once):");
                    println!("{link}");
                }
                Invited::Mailed => {
                    println!("Created {role} {email}; the invitation is in the outbox.")
                }
                Invited::PasswordSet => println!("Created {role} {email} with the given password."),
            }
        }
        ModeratorCommand::List => {
            for m in moderators::list(&mut conn)? {
                let state = if m.disabled {
                    "disabled"
                } else if m.password_hash.is_none() {
                    "invited"
                } else {
                    "active"
                };
                let two_step = if m.totp_secret.is_some() {
                    "two-step"
                } else {
                    ""
                };
                println!("{}\t{}\t{}\t{}", m.email, m.role, state, two_step);
            }
        }
        ModeratorCommand::Disable { email } => {
            let email = EmailAddress::parse(&email)
                .ok_or(CliError::Usage("--email: expected an e-mail address"))?;
            let found = moderators::find_by_email(&mut conn, email.as_str())?
                .ok_or_else(|| CliError::NoAccount(email.clone()))?;
            moderators::disable(&mut conn, found.id)?;
            audit::record(
                &mut conn,
                "cli",
                AuditAction::AccountDisabled,
                None,
                Some(email.as_str()),
            )?;
            println!("Disabled {email}.");
        }
    }
    Ok(())
}

/// Opens the database and applies migrations: one connection for a command.
fn open(config: &Config) -> Result<PooledConnection, CliError> {
    let pool = crate::db::connect_pool(&config.database)?;
    let mut conn = pool.get()?;
    crate::db::run_migrations(&mut conn).map_err(CliError::Migrate)?;
    Ok(conn)
}

/// Opens the database, applies migrations, and runs `work` on one connection.
fn with_connection(
    config: &Config,
    work: impl FnOnce(&mut crate::db::DbConnection) -> Result<(), CliError>,
) -> Result<(), CliError> {
    work(&mut *open(config)?)
}

fn demo_data(config: Config, count: usize) -> Result<(), CliError> {
    let mut conn = open(&config)?;
    let added = crate::demo::add_demo_stories(&mut conn, count)?;
    println!(
        "Added {added} fictional, approved stories to {}.",
        config.database.describe()
    );
    Ok(())
}

fn migrate(config: Config) -> Result<(), CliError> {
    actix_web::rt::System::new().block_on(async move {
        let pool = crate::db::connect_pool(&config.database)?;
        let applied = startup::migrate(&pool).await?;
        println!(
            "{applied} migration(s) applied to {}",
            config.database.describe()
        );
        Ok(())
    })
}
