//! Moving a booked appointment to another free slot of the same doctor, atomically: the new
//! time is checked and taken and the old one freed in one write transaction.

use crate::domain::AppointmentId;
use crate::domain::booking::slot_request::{check_requested_slot, parse_start};
use crate::domain::booking::{AppointmentStatus, actor_for};
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::error::{Doing, ServerResult};
use crate::server::services::availability::listed_doctor;
use crate::server::state::AppState;
use crate::server::{appointments, db, schedules};
use chrono::{DateTime, Duration, Utc};

/// Moves `appointment` to the slot starting at `start` (RFC 3339). Its status stays as it is:
/// the new time is one the doctor publishes as free. Returns the new start.
pub async fn reschedule_appointment(
    state: &AppState,
    user: &SessionUser,
    appointment: AppointmentId,
    start: &str,
) -> ServerResult<DateTime<Utc>> {
    let start = parse_start(start).map_err(AppError::SlotRefused)?;
    // The doctor's settings come from the pool before the write transaction starts.
    let doctor = {
        let mut conn = state.db.acquire().await.doing("rescheduling")?;
        let facts = appointments::facts(&mut conn, appointment).await.doing("rescheduling")?;
        facts
            .filter(|f| actor_for(user.role, user.id, f.patient, f.doctor).is_some())
            .ok_or(AppError::NotFound)?
            .doctor
    };
    let record = listed_doctor(state, doctor).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.writer).await.doing("rescheduling")?;
    appointments::release_expired_holds(&mut tx, now).await.doing("rescheduling")?;
    let facts = appointments::facts(&mut tx, appointment).await.doing("rescheduling")?;
    let (facts, actor) = facts
        .and_then(|f| actor_for(user.role, user.id, f.patient, f.doctor).map(|a| (f, a)))
        .ok_or(AppError::NotFound)?;
    if !matches!(facts.status, AppointmentStatus::Pending | AppointmentStatus::Confirmed) {
        return Err(AppError::AppointmentChanged.into());
    }
    if now >= facts.start {
        return Err(AppError::VisitStarted.into());
    }
    if facts.start == start {
        return Ok(start);
    }
    let today = record.settings.zone.local(now).date() - Duration::days(1);
    let schedule = schedules::schedule(&mut tx, doctor, &record.settings, today)
        .await
        .doing("rescheduling")?;
    let margin = Duration::days(1);
    let busy = appointments::busy_for_doctor(
        &mut *tx,
        doctor,
        start - margin,
        start + margin,
        now,
        Some(appointment),
    )
    .await
    .doing("rescheduling")?;
    let slot = check_requested_slot(&schedule, &busy, start, now).map_err(AppError::SlotRefused)?;
    let blocked = slot.blocked(&record.settings.policy);
    let time = appointments::NewTime {
        start: slot.start,
        end: slot.end,
        blocked_from: blocked.start,
        blocked_until: blocked.end,
    };
    appointments::move_to(&mut tx, appointment, &time, actor, now)
        .await
        .map_err(|e| db::refusal_or_failure(e, "moving an appointment"))?;
    tx.commit().await.doing("rescheduling")?;
    Ok(slot.start)
}
