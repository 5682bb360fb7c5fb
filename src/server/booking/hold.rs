//! A patient picks a slot: it is re-validated and held for them for a few minutes.

use crate::domain::UserId;
use crate::domain::booking::slot_request::{check_requested_slot, parse_start};
use crate::dto::hold_view::HoldView;
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::error::{Doing, ServerResult};
use crate::server::services::availability::listed_doctor_in;
use crate::server::state::AppState;
use crate::server::{appointments, db, schedules};
use chrono::Duration;

/// Holds the slot starting at `start` (RFC 3339) with `doctor` for `patient`, whose email
/// address must be verified.
///
/// The doctor's record and schedule are read before the write lock: nothing that changes them
/// (schedule edits, verification) looks at appointments, so a hold checked against the schedule
/// of a moment ago is the same as a hold placed just before that edit. The `BEGIN IMMEDIATE`
/// write transaction is one INSERT: its trigger releases lapsed holds and the patient's previous hold, then
/// refuses the hold if the doctor's or the patient's time is occupied ("just taken" /
/// "patient busy"), so no overlap check has to be read first.
pub async fn hold_slot(
    state: &AppState,
    patient: &SessionUser,
    doctor: UserId,
    start: &str,
) -> ServerResult<HoldView> {
    if !patient.email_verified {
        return Err(AppError::EmailNotVerified.into());
    }
    let start = parse_start(start).map_err(AppError::SlotRefused)?;
    let mut conn = state.db.acquire().await.doing("holding a slot")?;
    let record = listed_doctor_in(&mut *conn, doctor).await?;
    let now = state.clock.now();
    let today = record.settings.zone.local(now).date() - Duration::days(1);
    let schedule = schedules::schedule(&mut conn, doctor, &record.settings, today)
        .await
        .doing("holding a slot")?;
    drop(conn);
    let slot = check_requested_slot(&schedule, &[], start, now).map_err(AppError::SlotRefused)?;
    let blocked = slot.blocked(&record.settings.policy);
    let hold = appointments::NewHold {
        doctor,
        patient: patient.id,
        start: slot.start,
        end: slot.end,
        blocked_from: blocked.start,
        blocked_until: blocked.end,
        expires_at: now + Duration::minutes(state.config.booking.hold_minutes),
        fee: record.profile.fee,
    };
    let id = appointments::insert_hold(&state.writer, &hold, now)
        .await
        .map_err(|e| db::refusal_or_failure(e, "storing a hold"))?;
    Ok(HoldView {
        appointment_id: id,
        doctor_id: doctor,
        doctor_name: record.profile.full_name,
        start: slot.start,
        end: slot.end,
        expires_at: hold.expires_at,
        fee: record.profile.fee,
        doctor_time_zone: record.profile.time_zone,
    })
}
