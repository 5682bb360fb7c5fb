//! The MediBook server binary: `serve` (default), `create-admin`, `seed`, `migrate`.

use clap::Parser;
use medibook::server::cli::{self, Cli};
use medibook::server::config::Config;
use medibook::server::telemetry;
use std::process::ExitCode;

/// Keeps large blocks out of glibc's heap. Each Argon2 hash allocates a 19 MiB block; glibc's
/// dynamic mmap threshold rises after the first one is freed and then serves such blocks from
/// per-thread heaps that fragment and never shrink (the server grew to ~300 MiB after a burst of
/// sign-ins). A fixed 1 MiB threshold maps every such block on its own and unmaps it when freed.
/// Also caps glibc at two heaps ("arenas"): by default every thread that allocates (the runtime's
/// workers, one thread per SQLite connection, blocking threads) may get a heap of its own, up to
/// eight per core, each keeping freed memory; two heaps keep a page render's garbage in common.
/// Called first thing, before any thread starts (as `MALLOC_MMAP_THRESHOLD_=1048576` would).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_large_blocks_out_of_the_heap() {
    // SAFETY: mallopt only changes allocator settings; it is called before other threads exist.
    #[allow(unsafe_code)]
    let done = unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1024 * 1024) + libc::mallopt(libc::M_ARENA_MAX, 2)
    };
    if done != 2 {
        eprintln!("medibook: could not set the allocator's limits; memory may grow under load");
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_large_blocks_out_of_the_heap() {}

fn main() -> ExitCode {
    keep_large_blocks_out_of_the_heap();
    match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => {
            let code = runtime.block_on(run());
            // A task stuck at shutdown must not keep a stopped server (and its port) alive.
            runtime.shutdown_timeout(std::time::Duration::from_secs(5));
            code
        }
        Err(error) => {
            eprintln!("medibook: could not start the runtime: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> ExitCode {
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
