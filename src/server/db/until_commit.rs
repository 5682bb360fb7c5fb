//! Reads of tables that rarely change (the specialties, the place pickers), kept in memory
//! until the database's next commit, so a page render does not ask SQLite for them again.
//!
//! A value is kept only if no commit landed while it was read, and everything kept is dropped
//! at the next commit (whatever it wrote) or after `max_age` (for writes by another process,
//! such as `medibook seed --locations`, which this process's commit count does not see).

use super::commits::Commits;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Values by key, valid until the next commit.
pub struct UntilCommit<K, V> {
    commits: Commits,
    max_age: Duration,
    capacity: usize,
    kept: Mutex<Kept<K, V>>,
}

struct Kept<K, V> {
    commits: u64,
    since: Instant,
    values: HashMap<K, V>,
}

impl<K: Eq + Hash, V: Clone> UntilCommit<K, V> {
    /// At most `capacity` values of the database whose `commits` it watches.
    pub fn new(commits: Commits, max_age: Duration, capacity: usize) -> Self {
        let kept = Kept { commits: commits.count(), since: Instant::now(), values: HashMap::new() };
        UntilCommit { commits, max_age, capacity, kept: Mutex::new(kept) }
    }

    /// The value kept for `key`, or the one `load` reads (kept if no commit landed meanwhile).
    pub async fn get_or_load<E>(
        &self,
        key: K,
        load: impl Future<Output = Result<V, E>>,
    ) -> Result<V, E> {
        let commits = self.commits.count();
        if let Some(value) = self.kept(&key, commits) {
            return Ok(value);
        }
        let value = load.await?;
        self.keep(key, value.clone(), commits);
        Ok(value)
    }

    fn kept(&self, key: &K, commits: u64) -> Option<V> {
        let mut kept = self.kept.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if kept.commits != commits || kept.since.elapsed() > self.max_age {
            kept.values.clear();
            kept.commits = commits;
            kept.since = Instant::now();
            return None;
        }
        kept.values.get(key).cloned()
    }

    fn keep(&self, key: K, value: V, commits_before: u64) {
        let mut kept = self.kept.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let unchanged = self.commits.count() == commits_before && kept.commits == commits_before;
        if unchanged && kept.values.len() < self.capacity {
            kept.values.insert(key, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn cache(name: &str) -> (Commits, UntilCommit<u8, u32>) {
        let commits = Commits::of(Path::new(name));
        (commits, UntilCommit::new(commits, Duration::from_secs(60), 2))
    }

    async fn get(cache: &UntilCommit<u8, u32>, key: u8, loaded: u32) -> u32 {
        cache.get_or_load(key, async { Ok::<_, ()>(loaded) }).await.unwrap_or_default()
    }

    #[tokio::test]
    async fn a_value_is_read_once_until_a_commit() {
        let (commits, cache) = cache("until-commit-a");
        assert_eq!(get(&cache, 1, 10).await, 10);
        assert_eq!(get(&cache, 1, 11).await, 10, "kept");
        commits.add_one();
        assert_eq!(get(&cache, 1, 12).await, 12, "read again after a commit");
        assert_eq!(get(&cache, 1, 13).await, 12);
    }

    #[tokio::test]
    async fn a_value_read_while_a_commit_landed_is_not_kept() {
        let (commits, cache) = cache("until-commit-b");
        let loaded = cache
            .get_or_load(1, async {
                commits.add_one();
                Ok::<_, ()>(20)
            })
            .await;
        assert_eq!(loaded, Ok(20), "answered");
        assert_eq!(get(&cache, 1, 21).await, 21, "but not kept");
        assert_eq!(get(&cache, 1, 22).await, 21);
    }

    #[tokio::test]
    async fn at_most_capacity_values_and_errors_are_not_kept() {
        let (_, cache) = cache("until-commit-c");
        assert_eq!(cache.get_or_load(1, async { Err::<u32, _>("failed") }).await, Err("failed"));
        assert_eq!(get(&cache, 1, 30).await, 30);
        assert_eq!(get(&cache, 2, 31).await, 31);
        assert_eq!(get(&cache, 3, 32).await, 32);
        assert_eq!(get(&cache, 3, 33).await, 33, "beyond capacity: read each time");
        assert_eq!(get(&cache, 1, 34).await, 30);
    }
}
