//! The specialty list and the place pickers, read once per commit (see [`UntilCommit`]): the
//! directory, registration and profile pages show them on every render, and they change only
//! when an admin edits a specialty or the places are loaded again.

use super::db::commits::Commits;
use super::db::until_commit::UntilCommit;
use super::{doctors, locations::queries};
use crate::dto::location_view::PickerLevel;
use crate::dto::specialty::Specialty;
use sqlx::SqlitePool;
use std::time::Duration;

/// How long a read is trusted without a commit (writes by another process are not counted).
const MAX_AGE: Duration = Duration::from_secs(10);
/// Pickers kept at most (one per place chosen; a few KiB each).
const PICKERS: usize = 256;

/// The reads kept for one database.
pub struct ReferenceCache {
    specialties: UntilCommit<(), Vec<Specialty>>,
    pickers: UntilCommit<Option<i64>, Vec<PickerLevel>>,
}

impl ReferenceCache {
    /// An empty cache of the database whose `commits` it watches.
    pub fn new(commits: Commits) -> ReferenceCache {
        ReferenceCache {
            specialties: UntilCommit::new(commits, MAX_AGE, 1),
            pickers: UntilCommit::new(commits, MAX_AGE, PICKERS),
        }
    }

    /// Every specialty, by name ([`doctors::list_specialties`]).
    pub async fn specialties(&self, db: &SqlitePool) -> sqlx::Result<Vec<Specialty>> {
        self.specialties.get_or_load((), doctors::list_specialties(db)).await
    }

    /// The place pickers with `selected` chosen ([`queries::picker`]).
    pub async fn picker(
        &self,
        db: &SqlitePool,
        selected: Option<i64>,
    ) -> sqlx::Result<Vec<PickerLevel>> {
        self.pickers.get_or_load(selected, queries::picker(db, selected)).await
    }
}
