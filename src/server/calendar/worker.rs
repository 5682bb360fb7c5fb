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
                    // Each sync on a task of its own: whatever a remote calendar holds, a panic
                    // reading it ends that sync only, recorded, and the calendar waits its turn.
                    let worker = state.clone();
                    match tokio::spawn(async move { sync::sync_now(&worker, id).await }).await {
                        Ok(Ok(_)) => {}
                        Ok(Err(error)) => {
                            tracing::warn!(calendar = id, %error, "storing a calendar sync failed")
                        }
                        Err(_) => record_crash(&state, id).await,
                    }
                }
            }
            Err(error) => tracing::warn!(%error, "looking for calendars to sync failed"),
        }
        tokio::time::sleep(every).await;
    }
}

/// A sync that panicked: recorded as unreadable, tried again after the usual interval.
async fn record_crash(state: &AppState, id: i64) {
    let now = state.clock.now();
    let next = now + chrono::Duration::minutes(state.config.calendar.sync_minutes);
    let detail = "the calendar could not be read (the reader stopped on it)";
    if let Err(error) =
        sources::store_failure(&state.writer, id, ("malformed", detail), now, next).await
    {
        tracing::warn!(calendar = id, %error, "recording a failed calendar sync failed");
    }
}
