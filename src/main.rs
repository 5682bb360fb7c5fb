//! The MediBook server binary: `serve` (default), `create-admin`, `seed`, `migrate`.

use clap::Parser;
use medibook::server::cli::{self, Cli};
use medibook::server::config::Config;
use medibook::server::telemetry;
use std::process::ExitCode;

/// mimalloc rather than glibc's malloc: each Argon2 hash allocates a 19 MiB block, and glibc
/// keeps such blocks in per-thread arenas it rarely gives back, so the server grew to ~300 MiB
/// after a burst of sign-ins. mimalloc returns freed pages to the system on its own.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::from_environment() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("medibook: configuration error: {error}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(&config.log.filter);
    match cli::run(cli, config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("medibook: {error:#}");
            ExitCode::FAILURE
        }
    }
}
