//! Syncs doctors' calendars when they are due (`external_calendars.next_sync_at`, kept in
//! SQLite, so a restart resumes where it was), a few at a time, one after another, and sends
//! the write-back queue.

use super::{push, sources, sync};
use crate::server::state::AppState;
use std::time::Duration;

/// Calendars synced per look.
const PER_LOOK: i64 = 5;

/// Runs for the life of the server (pushes cut short by the last stop are queued again first).
pub async fn run(state: AppState, every: Duration) {
    if let Err(error) = push::recover(&state).await {
        tracing::warn!(%error, "requeueing interrupted calendar pushes failed");
    }
    loop {
        if let Err(error) = push::run_due(&state).await {
            tracing::warn!(%error, "sending calendar pushes failed");
        }
        let now = state.clock.now();
        match sources::due(&state.db, now, PER_LOOK).await {
            Ok(due) => {
                for id in due {
                    if let Err(error) = sync::sync_now(&state, id).await {
                        tracing::warn!(calendar = id, %error, "storing a calendar sync failed");
                    }
                }
            }
            Err(error) => tracing::warn!(%error, "looking for calendars to sync failed"),
        }
        tokio::time::sleep(every).await;
    }
}
