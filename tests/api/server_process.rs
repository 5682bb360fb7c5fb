//! The real server binary as a separate process, so that a test can kill it (SIGKILL) and start
//! it again on the same database.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// A running `medibook` process; killed when dropped.
pub struct ServerProcess {
    child: Child,
    pub address: String,
}

/// The settings a test server runs with: `db`, a free port, no seed, a fast worker, plus `extra`.
fn command(db: &Path, extra: &[(&str, String)]) -> (Command, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let address = format!("127.0.0.1:{port}");
    let mut command = Command::new(env!("CARGO_BIN_EXE_medibook"));
    command
        .env("MEDIBOOK_CONFIG", concat!(env!("CARGO_MANIFEST_DIR"), "/Leptos.toml"))
        .env("MEDIBOOK_DATABASE_PATH", db)
        .env("MEDIBOOK_SITE_ADDRESS", &address)
        .env("MEDIBOOK_SITE_ROOT", db.parent().unwrap_or(Path::new(".")))
        .env("MEDIBOOK_SITE_MODE", "demo")
        .env("MEDIBOOK_SEED_ON_FIRST_START", "false")
        .env("MEDIBOOK_JOBS_POLL_MS", "20")
        .env("MEDIBOOK_LOG_FILTER", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (key, value) in extra {
        command.env(key, value);
    }
    (command, address)
}

/// Creates (migrates) the database at `db` without serving.
pub fn migrate(db: &Path) {
    let (mut command, _) = command(db, &[]);
    let status = command.arg("migrate").status().expect("run medibook migrate");
    assert!(status.success(), "medibook migrate failed");
}

/// Runs `medibook <args>` on `db` (with the test settings) and returns what it printed.
pub fn run_command(db: &Path, args: &[&str]) -> std::process::Output {
    let (mut command, _) = command(db, &[]);
    command.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    command.output().expect("run medibook")
}

impl ServerProcess {
    /// Starts the server on `db` and waits until it answers.
    pub async fn start(db: &Path, extra: &[(&str, String)]) -> ServerProcess {
        let server = ServerProcess::spawn(db, extra);
        let client = reqwest::Client::new();
        for _ in 0..300 {
            if client.get(format!("{}/login", server.address)).send().await.is_ok() {
                return server;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the server did not start");
    }

    /// Starts the server on `db` without waiting for it (its workers may run before it answers).
    pub fn spawn(db: &Path, extra: &[(&str, String)]) -> ServerProcess {
        let (mut command, address) = command(db, extra);
        let child = command.spawn().expect("start medibook");
        ServerProcess { child, address: format!("http://{address}") }
    }

    /// Kills the process at once (SIGKILL: no clean shutdown).
    pub fn kill(mut self) {
        self.child.kill().expect("kill");
        self.child.wait().expect("wait");
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A temporary directory with the path of a database file in it.
pub fn fresh_database() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("restart.db");
    (dir, db)
}
