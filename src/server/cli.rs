//! Command-line subcommands of the server binary.

use super::clock::SystemClock;
use super::config::Config;
use super::seed;
use super::services::create_admin::{self, AdminInput};
use super::startup::{Application, build_state};
use crate::server::error::ServerError;
use clap::{Parser, Subcommand};
use std::io::{BufRead, IsTerminal, Write};
use std::sync::Arc;

/// MediBook server.
#[derive(Debug, Parser)]
#[command(name = "medibook", version, about = "MediBook: medical appointment booking")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What to do (default: serve).
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app (migrates the database, seeds demo data on first start if configured).
    Serve,
    /// Create an admin account. Missing values are asked for; the password comes from
    /// MEDIBOOK_ADMIN_PASSWORD, a hidden prompt, or the first line of standard input.
    CreateAdmin {
        #[arg(long)]
        username: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        name: Option<String>,
    },
    /// Insert demo data: verified doctors, sample patients and an admin. Safe to repeat.
    Seed {
        /// How many doctors (the first five are the named specialists).
        #[arg(long, default_value_t = 5)]
        doctors: u32,
        /// Only (re)load the shipped location hierarchy (idempotent), no demo accounts.
        #[arg(long)]
        locations: bool,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Write a consistent copy of the database to FILE while the server keeps running
    /// (restore: stop the server and put the copy in place of database.path).
    Backup {
        /// Where the copy goes; must not exist yet.
        file: std::path::PathBuf,
    },
}

/// Runs the chosen subcommand.
pub async fn run(cli: Cli, config: Config) -> anyhow::Result<()> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config).await,
        Command::CreateAdmin { username, email, name } => {
            let state = build_state(config, Arc::new(SystemClock)).await?;
            let input = AdminInput {
                username: ask("Username", username)?,
                email: ask("Email", email)?,
                full_name: ask("Full name", name)?,
                password: admin_password()?,
            };
            match create_admin::create_admin(&state, &input).await {
                Ok(id) => {
                    println!("Admin '{}' created (id {id}).", input.username.trim());
                    Ok(())
                }
                Err(ServerError::App(crate::error::AppError::Invalid(errors))) => {
                    for e in errors {
                        eprintln!("{}: {}", e.field.as_str(), e.message());
                    }
                    anyhow::bail!("admin not created")
                }
                Err(ServerError::App(refusal)) => {
                    anyhow::bail!("admin not created: {}", refusal.message())
                }
                Err(ServerError::Failed(failure)) => Err(failure
                    .cause
                    .context(format!("admin not created: {} failed", failure.doing))),
            }
        }
        Command::Seed { locations: true, .. } => {
            let writer = super::db::connect_and_migrate(&config.database).await?;
            let report = super::locations::import::load_shipped(&writer, true).await?;
            let report = report.unwrap_or_default();
            println!(
                "Locations loaded: {} added, {} renamed, {} unchanged.",
                report.added, report.renamed, report.unchanged
            );
            Ok(())
        }
        Command::Seed { doctors, .. } => {
            let password = config.seed.demo_password.clone();
            let state = build_state(config, Arc::new(SystemClock)).await?;
            let report = seed::run(&state, doctors, &password).await?;
            println!(
                "Seed done: {} created, {} already present.",
                report.created.len(),
                report.existing.len()
            );
            Ok(())
        }
        Command::Backup { file } => {
            let report = super::backup::take(&config.database, &file).await?;
            println!(
                "Backup written to {} ({} KiB): {} users, {} appointments, {} ledger transactions.",
                report.path.display(),
                report.bytes.div_ceil(1024),
                report.users,
                report.appointments,
                report.ledger_transactions
            );
            Ok(())
        }
        Command::Migrate => {
            build_state(config, Arc::new(SystemClock)).await?;
            println!("Database is up to date.");
            Ok(())
        }
    }
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let demo = config.seed.on_first_start.then(|| config.seed.demo_password.clone());
    let app = Application::build(config).await?;
    let address = app.address();
    println!("MediBook is serving at http://{address}");
    if let Some(password) = demo {
        print_demo_logins(&password);
    }
    app.run_until(shutdown_signal()).await?;
    Ok(())
}

fn print_demo_logins(password: &str) {
    println!("Demo logins (password \"{password}\" unless changed):");
    println!("  admin     {}", seed::ADMIN_USERNAME);
    let doctors: Vec<String> = (0..5).map(|n| seed::doctor(n).username).collect();
    println!("  doctors   {}", doctors.join(", "));
    println!("  patients  alice, bob, carol");
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
    tracing::info!("shutting down");
}

fn ask(label: &str, given: Option<String>) -> anyhow::Result<String> {
    if let Some(value) = given {
        return Ok(value);
    }
    print!("{label}: ");
    std::io::stdout().flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn admin_password() -> anyhow::Result<String> {
    if let Ok(password) = std::env::var("MEDIBOOK_ADMIN_PASSWORD") {
        return Ok(password);
    }
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ")?;
        let second = rpassword::prompt_password("Repeat password: ")?;
        anyhow::ensure!(first == second, "the passwords do not match");
        return Ok(first);
    }
    ask("Password", None)
}
