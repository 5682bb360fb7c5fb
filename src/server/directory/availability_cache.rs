//! Keeps `doctor_availability` (each doctor's first free slot) and `doctor_free_days` true to the
//! availability engine, so the directory sorts by "soonest available" and filters by "free on
//! date" without computing anyone's availability per request.
//!
//! How it stays correct: every write that can move a doctor's free times (hours, overrides,
//! time off, settings, verification, activation, any appointment insert or status/time change)
//! bumps the doctor's `version` in a trigger, in the writing transaction, whatever code writes.
//! Time alone moves free times too, so each answer carries `fresh_until`: the instant its first
//! slot falls inside the notice period, the next free slot comes inside the booking horizon, the
//! earliest live hold of the doctor expires, or an hour passes, whichever is first. This worker recomputes every
//! doctor whose `computed_version` is behind `version` or whose `fresh_until` has passed, with
//! the same engine and inputs the booking pages use, and stores the answer only if `version` did
//! not move while it computed (else the doctor stays due and is computed again).

use crate::domain::UserId;
use crate::server::error::{Doing, ServerResult};
use crate::server::services::availability;
use crate::server::state::AppState;
use crate::server::{db, schedules};
use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use std::collections::BTreeSet;

/// Doctors recomputed per poll (in one write transaction).
const BATCH: i64 = 100;
/// The longest an answer is trusted without a change.
const MAX_FRESH: Duration = Duration::hours(1);

/// Recomputes one batch of due doctors every `poll`, for the life of the server. A burst is
/// spread over several polls: every doctor on the same slot grid goes stale at the same slot
/// boundary (10,000 at once in the directory benchmark), and recomputing them all in one go
/// would take both cores for seconds while requests wait. Doctors whose data changed come
/// before those whose answer merely aged, so a booking or an edit is seen within a poll or two
/// even during such a burst.
pub async fn run_worker(state: AppState, poll: std::time::Duration) {
    loop {
        if let Err(e) = refresh_batch(&state).await {
            tracing::error!(error = %e, "availability cache refresh failed");
        }
        tokio::time::sleep(poll).await;
    }
}

/// Recomputes up to [`BATCH`] due doctors in one write; returns (due, stored).
async fn refresh_batch(state: &AppState) -> ServerResult<(usize, usize)> {
    let now = state.clock.now();
    let due: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT doctor_id, version FROM ( \
           SELECT doctor_id, version, 0 AS aged FROM doctor_availability \
            WHERE computed_version < version \
           UNION ALL SELECT doctor_id, version, 1 FROM doctor_availability \
            WHERE fresh_until <= ?1 AND computed_version = version) \
         ORDER BY aged LIMIT ?2",
    )
    .bind(now.timestamp())
    .bind(BATCH)
    .fetch_all(&state.db)
    .await
    .doing("finding stale availability")?;
    if due.is_empty() {
        return Ok((0, 0));
    }
    let mut answers = Vec::with_capacity(due.len());
    for (doctor, version) in &due {
        let answer = compute(state, UserId(*doctor), now).await?;
        answers.push(json!({
            "doctor": doctor,
            "version": version,
            "next": answer.next_free_at.map(|at| at.timestamp()),
            "fresh": answer.fresh_until.timestamp(),
            "days": answer.free_days,
        }));
    }
    let rows = db::write_at_once(
        &state.writer,
        sqlx::query(crate::immediate_transaction!(
            "DELETE FROM doctor_free_days WHERE doctor_id IN ( \
               SELECT a.doctor_id FROM json_each(?1) j JOIN doctor_availability a \
                 ON a.doctor_id = j.value ->> 'doctor' AND a.version = j.value ->> 'version'); \
             INSERT INTO doctor_free_days (doctor_id, day) \
               SELECT a.doctor_id, d.value FROM json_each(?1) j JOIN doctor_availability a \
                 ON a.doctor_id = j.value ->> 'doctor' AND a.version = j.value ->> 'version', \
                 json_each(j.value -> 'days') d; \
             UPDATE doctor_availability SET computed_version = version, \
                 next_free_at = j.value ->> 'next', fresh_until = j.value ->> 'fresh' \
               FROM json_each(?1) j \
              WHERE doctor_availability.doctor_id = j.value ->> 'doctor' \
                AND doctor_availability.version = j.value ->> 'version' \
             RETURNING doctor_id"
        ))
        .bind(serde_json::Value::Array(answers).to_string()),
    )
    .await
    .doing("storing availability")?;
    Ok((due.len(), rows.len()))
}

/// A doctor's free times as the directory needs them.
pub struct Answer {
    pub next_free_at: Option<DateTime<Utc>>,
    /// Local days (the doctor's zone) with a free slot, `YYYY-MM-DD`, ascending.
    pub free_days: Vec<String>,
    pub fresh_until: DateTime<Utc>,
}

/// Computes a doctor's answer now, from the same inputs and engine as the booking pages.
/// Doctors patients cannot see have no free times.
pub async fn compute(state: &AppState, doctor: UserId, now: DateTime<Utc>) -> ServerResult<Answer> {
    let mut conn = state.db.acquire().await.doing("loading schedule")?;
    let record = schedules::find_doctor(&mut *conn, doctor).await.doing("loading doctor")?;
    let Some(record) = record.filter(|r| r.listed) else {
        let never = DateTime::<Utc>::MAX_UTC.with_timezone(&Utc);
        let far = DateTime::from_timestamp(i64::from(i32::MAX), 0).unwrap_or(never);
        return Ok(Answer { next_free_at: None, free_days: Vec::new(), fresh_until: far });
    };
    let zone = record.settings.zone;
    let next_hold_expiry: Option<i64> = sqlx::query_scalar(
        "SELECT min(hold_expires_at) FROM appointments \
         WHERE doctor_id = ?1 AND status = 'held' AND hold_expires_at > ?2",
    )
    .bind(doctor.0)
    .bind(now.timestamp())
    .fetch_one(&mut *conn)
    .await
    .doing("loading holds")?;
    drop(conn);
    let (slots, next_entry) =
        availability::free_slots_to_horizon(state, &record, MAX_FRESH).await?;
    let free_days: BTreeSet<String> =
        slots.iter().map(|s| zone.local(s.start).date().format("%Y-%m-%d").to_string()).collect();
    let notice = Duration::minutes(i64::from(record.settings.policy.min_notice_minutes));
    let mut fresh_until = now + MAX_FRESH;
    if let Some(first) = slots.first() {
        fresh_until = fresh_until.min(first.start - notice + Duration::seconds(1));
    }
    if let Some(entry) = next_entry {
        fresh_until = fresh_until.min(entry);
    }
    if let Some(expiry) = next_hold_expiry.and_then(|at| DateTime::from_timestamp(at, 0)) {
        fresh_until = fresh_until.min(expiry);
    }
    Ok(Answer {
        next_free_at: slots.first().map(|s| s.start),
        free_days: free_days.into_iter().collect(),
        fresh_until: fresh_until.max(now + Duration::seconds(1)),
    })
}
