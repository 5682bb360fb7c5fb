//! `medibook backup FILE`: an online, consistent copy of the database, taken while the server
//! goes on serving. SQLite's `VACUUM INTO` writes the copy from one read transaction, so it is
//! the database as of one instant (every committed booking and ledger posting before it, none
//! after), compacted. The copy is written beside `FILE`, checked, and only then renamed to it.

use super::config::DatabaseConfig;
use anyhow::{Context, bail};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a backup holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupReport {
    pub path: PathBuf,
    pub bytes: u64,
    pub users: i64,
    pub appointments: i64,
    pub ledger_transactions: i64,
}

/// Copies the database of `database` to `target`, which must not exist yet.
pub async fn take(database: &DatabaseConfig, target: &Path) -> anyhow::Result<BackupReport> {
    if target.exists() {
        bail!("{} exists already: choose a new file (a backup never overwrites)", target.display());
    }
    if !database.path.exists() {
        bail!("there is no database at {}", database.path.display());
    }
    let partial = PathBuf::from(format!("{}.partial", target.display()));
    let _ = std::fs::remove_file(&partial);
    let mut source = SqliteConnectOptions::new()
        .filename(&database.path)
        .create_if_missing(false)
        .busy_timeout(Duration::from_millis(database.busy_timeout_ms))
        .connect()
        .await
        .with_context(|| format!("opening {}", database.path.display()))?;
    let written = sqlx::query("VACUUM INTO ?1")
        .bind(partial.to_string_lossy().into_owned())
        .execute(&mut source)
        .await
        .with_context(|| format!("copying into {}", partial.display()));
    source.close().await.ok();
    if let Err(error) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(error);
    }
    let report = check(&partial).await;
    let report = match report {
        Ok(report) => report,
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            return Err(error);
        }
    };
    std::fs::File::open(&partial)?.sync_all()?;
    std::fs::rename(&partial, target)
        .with_context(|| format!("renaming {} to {}", partial.display(), target.display()))?;
    Ok(BackupReport { path: target.to_path_buf(), ..report })
}

/// Opens the copy read-only, runs SQLite's integrity check and counts what it holds.
async fn check(copy: &Path) -> anyhow::Result<BackupReport> {
    let mut conn = SqliteConnectOptions::new()
        .filename(copy)
        .read_only(true)
        .connect()
        .await
        .with_context(|| format!("opening the copy {}", copy.display()))?;
    let integrity: String =
        sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&mut conn).await?;
    if integrity != "ok" {
        bail!("the copy failed SQLite's integrity check: {integrity}");
    }
    let count = |table: &'static str| format!("SELECT COUNT(*) FROM {table}");
    let users = sqlx::query_scalar(&count("users")).fetch_one(&mut conn).await?;
    let appointments = sqlx::query_scalar(&count("appointments")).fetch_one(&mut conn).await?;
    let ledger_transactions =
        sqlx::query_scalar(&count("ledger_transactions")).fetch_one(&mut conn).await?;
    conn.close().await.ok();
    Ok(BackupReport {
        path: copy.to_path_buf(),
        bytes: std::fs::metadata(copy)?.len(),
        users,
        appointments,
        ledger_transactions,
    })
}
