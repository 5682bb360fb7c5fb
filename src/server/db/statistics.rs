//! The query planner's table statistics, and every connection planning with the latest.
//!
//! SQLite reads `sqlite_stat1` when a connection loads the schema, and `ANALYZE` reloads it only
//! in the connection that ran it: the others keep planning with what they read when they opened
//! (no schema change tells them). A reader opened before the statistics of a freshly grown table
//! chose a plan that ran the directory's text search once per candidate doctor, and made one
//! request in eight several times slower (issue 16's benchmark). So each pool retires, when it is
//! next taken, a connection opened before the latest [`optimize`] of its database; the pool
//! opens a new one, which reads the new statistics.

use sqlx::SqlitePool;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};

/// The instant every `Analyzed` is measured from.
static EPOCH: LazyLock<Instant> = LazyLock::new(Instant::now);

/// When each database file this process opened was last analysed (tests open many).
static LAST: LazyLock<Mutex<HashMap<PathBuf, &'static AtomicU64>>> = LazyLock::new(Mutex::default);

/// When one database file's statistics last changed, in nanoseconds after [`EPOCH`] (0: not in
/// the life of this process).
#[derive(Debug, Clone, Copy)]
pub struct Analyzed(&'static AtomicU64);

impl Analyzed {
    /// The record of the database at `path` (the same for every pool opened on it).
    pub fn of(path: &Path) -> Analyzed {
        LazyLock::force(&EPOCH);
        Analyzed(super::commits::per_file(&LAST, path))
    }

    /// Whether a connection `age` old was opened after the latest statistics (and so plans
    /// with them).
    pub fn is_current(self, age: Duration) -> bool {
        let at = self.0.load(Ordering::SeqCst);
        at == 0 || EPOCH.elapsed().saturating_sub(age) > Duration::from_nanos(at)
    }

    fn mark_now(self) {
        let now = u64::try_from(EPOCH.elapsed().as_nanos()).unwrap_or(u64::MAX).max(1);
        self.0.store(now, Ordering::SeqCst);
    }
}

/// Refreshes the query planner's table statistics where tables have changed a lot since last
/// measured (`PRAGMA optimize`; with `all_tables`, every table is checked, as at start-up), then
/// has the pools of `path` replace their older connections. The directory's plans depend on
/// them: without statistics SQLite would walk a barely selective index.
pub async fn optimize(pool: &SqlitePool, path: &Path, all_tables: bool) -> Result<(), sqlx::Error> {
    let pragma = if all_tables { "PRAGMA optimize = 0x10002" } else { "PRAGMA optimize" };
    sqlx::raw_sql(&format!("PRAGMA analysis_limit = 1000; {pragma}")).execute(pool).await?;
    Analyzed::of(path).mark_now();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connections_opened_before_the_latest_statistics_are_not_current() {
        let analyzed = Analyzed::of(Path::new("/statistics-test.db"));
        assert!(analyzed.is_current(Duration::from_secs(3600)), "never analysed");
        std::thread::sleep(Duration::from_millis(5));
        analyzed.mark_now();
        assert!(!analyzed.is_current(Duration::from_millis(10)), "opened before");
        std::thread::sleep(Duration::from_millis(5));
        assert!(analyzed.is_current(Duration::from_millis(1)), "opened after");
    }
}
