//! Counts the commits that changed a database, so that anything derived from its data (the page
//! cache) can tell whether it may be out of date.
//!
//! Every connection of this process reports its commits through SQLite's WAL hook, which runs
//! after a transaction has committed and the write lock is released, and only for transactions
//! that wrote something. So a reader that notes the count before it reads and finds the same
//! count later has read nothing older than the latest commit it could have seen; and a caller
//! whose write has returned knows the count has already moved. (SQLite's commit hook would run
//! before the commit becomes visible, which leaves a window for a reader to note the new count
//! and still read the old data.)
//!
//! Registering a WAL hook replaces SQLite's automatic checkpoint, which is itself such a hook,
//! so [`after_commit`] checkpoints as it would: once the log holds 1,000 pages.

use libsqlite3_sys::{SQLITE_OK, sqlite3, sqlite3_wal_checkpoint, sqlite3_wal_hook};
use sqlx::SqliteConnection;
use std::collections::HashMap;
use std::ffi::{c_char, c_int, c_void};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex};

/// SQLite's default `wal_autocheckpoint`, in pages.
const CHECKPOINT_PAGES: c_int = 1000;

/// The commit count of each database file this process opened (tests open many; each keeps its
/// own count, so one test's writes do not make another's pages stale).
static COUNTS: LazyLock<Mutex<HashMap<PathBuf, &'static AtomicU64>>> =
    LazyLock::new(Mutex::default);

/// The number in `registry` for the database file at `path`, created at 0 on first use: one small
/// counter per file for the life of the process.
pub(super) fn per_file(
    registry: &Mutex<HashMap<PathBuf, &'static AtomicU64>>,
    path: &Path,
) -> &'static AtomicU64 {
    let mut counters = registry.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    counters.entry(path.to_path_buf()).or_insert_with(|| Box::leak(Box::default()))
}

/// The count of commits that wrote to one database file.
#[derive(Debug, Clone, Copy)]
pub struct Commits(&'static AtomicU64);

impl Commits {
    /// The count of the database at `path` (the same for every pool opened on it).
    pub fn of(path: &Path) -> Commits {
        Commits(per_file(&COUNTS, path))
    }

    /// The number of commits so far.
    pub fn count(self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }

    /// Counts a commit as the hook would (for tests without a database).
    #[cfg(test)]
    pub fn add_one(self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// Makes `conn` add its commits to `commits` (call once per connection, before it is used).
pub async fn report_commits(
    conn: &mut SqliteConnection,
    commits: Commits,
) -> Result<(), sqlx::Error> {
    let mut handle = conn.lock_handle().await?;
    let counter: *const AtomicU64 = commits.0;
    #[allow(unsafe_code)]
    // SAFETY: the handle is a live connection, locked for the duration of the call; the hook's
    // data is a counter that lives as long as the process.
    unsafe {
        sqlite3_wal_hook(
            handle.as_raw_handle().as_ptr(),
            Some(after_commit),
            counter as *mut c_void,
        );
    }
    Ok(())
}

/// Counts a commit, then checkpoints as SQLite's own hook would.
#[allow(unsafe_code)]
unsafe extern "C" fn after_commit(
    counter: *mut c_void,
    db: *mut sqlite3,
    name: *const c_char,
    pages: c_int,
) -> c_int {
    // SAFETY: `counter` is the `&'static AtomicU64` given in `report_commits`.
    let counter = unsafe { &*(counter as *const AtomicU64) };
    counter.fetch_add(1, Ordering::SeqCst);
    if pages >= CHECKPOINT_PAGES {
        // SAFETY: called by SQLite with its own live connection and database name, the way its
        // default hook calls it. A checkpoint that cannot run now (readers) runs at a later one.
        unsafe {
            sqlite3_wal_checkpoint(db, name);
        }
    }
    SQLITE_OK
}
