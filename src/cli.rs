//! The `kanarie` command line.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::anonymiser::scrub::{self, ScrubMode};
use crate::config::Config;
use crate::db::audit::AuditAction;
use crate::lang::Lang;
use crate::server::Application;
use crate::startup;

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

fn parse_lang(value: &str) -> Result<Lang, String> {
    Lang::parse(value).ok_or_else(|| "expected nl or en".to_owned())
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
            crate::operations::backup::backup(conn, &path).map_err(|e| e.to_string())?;
            println!(
                "Backed up {} to {}.",
                config.database.describe(),
                path.display()
            );
            Ok(())
        }),
        Command::Export { dir } => with_connection(&config, |conn| {
            let (stories, cells) = crate::operations::export::export(conn, &config.stats, &dir)
                .map_err(|e| e.to_string())?;
            println!(
                "Wrote {stories} stories and {cells} statistics cells to {}.",
                dir.display()
            );
            Ok(())
        }),
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

fn moderator(config: Config, action: ModeratorCommand) -> Result<(), String> {
    use crate::accounts::invite::{hash_new_password, invite, Invited};
    use crate::accounts::{EmailAddress, Role};
    use crate::db::{audit, moderators};

    let pool = crate::db::connect_pool(&config.database).map_err(|e| e.to_string())?;
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    crate::db::run_migrations(&mut conn).map_err(|e| e.to_string())?;
    match action {
        ModeratorCommand::Add {
            email,
            role,
            password_stdin,
        } => {
            let email = EmailAddress::parse(&email).ok_or("--email: expected an e-mail address")?;
            let role = Role::parse(&role).ok_or("--role: expected admin or moderator")?;
            let hash = if password_stdin {
                let mut password = zeroize::Zeroizing::new(String::new());
                std::io::stdin()
                    .read_line(&mut password)
                    .map_err(|e| format!("reading the password: {e}"))?;
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
            )
            .map_err(|e| e.to_string())?;
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
            for m in moderators::list(&mut conn).map_err(|e| e.to_string())? {
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
            let email = EmailAddress::parse(&email).ok_or("--email: expected an e-mail address")?;
            let found = moderators::find_by_email(&mut conn, email.as_str())
                .map_err(|e| e.to_string())?
                .ok_or_else(|| format!("no account for {email}"))?;
            moderators::disable(&mut conn, found.id).map_err(|e| e.to_string())?;
            audit::record(
                &mut conn,
                "cli",
                AuditAction::AccountDisabled,
                None,
                Some(email.as_str()),
            )
            .map_err(|e| e.to_string())?;
            println!("Disabled {email}.");
        }
    }
    Ok(())
}

/// Opens the database, applies migrations, and runs `work` on one connection.
fn with_connection(
    config: &Config,
    work: impl FnOnce(&mut crate::db::DbConnection) -> Result<(), String>,
) -> Result<(), String> {
    let pool = crate::db::connect_pool(&config.database).map_err(|e| e.to_string())?;
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    crate::db::run_migrations(&mut conn).map_err(|e| e.to_string())?;
    work(&mut conn)
}

fn demo_data(config: Config, count: usize) -> Result<(), String> {
    let pool = crate::db::connect_pool(&config.database).map_err(|e| e.to_string())?;
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    crate::db::run_migrations(&mut conn).map_err(|e| e.to_string())?;
    let added = crate::demo::add_demo_stories(&mut conn, count).map_err(|e| e.to_string())?;
    println!(
        "Added {added} fictional, approved stories to {}.",
        config.database.describe()
    );
    Ok(())
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
