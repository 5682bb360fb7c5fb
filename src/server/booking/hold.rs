//! A patient picks a slot: it is re-validated and held for them for a few minutes.

use crate::domain::UserId;
use crate::domain::booking::slot_request::{check_requested_slot, parse_start};
use crate::domain::idempotency_key::IdempotencyKey;
use crate::dto::hold_view::HoldView;
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::appointments::KeyedHold;
use crate::server::error::{Doing, ServerResult};
use crate::server::services::availability::listed_doctor_in;
use crate::server::state::AppState;
use crate::server::{appointments, db, schedules};
use chrono::{DateTime, Duration};

/// Holds the slot starting at `start` (RFC 3339) with `doctor` for `patient`, whose email
/// address must be verified.
///
/// With an idempotency key (the REST API's), a key already used answers the hold it placed
/// while that is still held, "hold expired" once it is not; sent with another doctor or time,
/// it is a bad request.
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
    key: Option<&str>,
) -> ServerResult<HoldView> {
    let key = key.map(|k| IdempotencyKey::parse(k).ok_or(AppError::BadRequest)).transpose()?;
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
    let mut fee = record.profile.fee;
    let (id, start, end, expires_at) = match key {
        None => {
            let id = appointments::insert_hold(&state.writer, &hold, now)
                .await
                .map_err(|e| db::refusal_or_failure(e, "storing a hold"))?;
            (id, slot.start, slot.end, hold.expires_at)
        }
        Some(key) => {
            let keyed = appointments::insert_keyed_hold(&state.writer, &hold, key.as_str(), now)
                .await
                .map_err(|e| db::refusal_or_failure(e, "storing a hold"))?;
            match keyed {
                KeyedHold::Placed(id) => (id, slot.start, slot.end, hold.expires_at),
                KeyedHold::Earlier { doctor: d, start: s, .. }
                    if d != doctor || s != slot.start.timestamp() =>
                {
                    return Err(AppError::BadRequest.into());
                }
                KeyedHold::Earlier { held_until: None, .. } => {
                    return Err(AppError::HoldExpired.into());
                }
                KeyedHold::Earlier { id, held_until: Some(until), fee_minor, .. } => {
                    fee.minor = fee_minor;
                    let until = DateTime::from_timestamp(until, 0).unwrap_or(hold.expires_at);
                    (id, slot.start, slot.end, until)
                }
            }
        }
    };
    Ok(HoldView {
        appointment_id: id,
        doctor_id: doctor,
        doctor_name: record.profile.full_name,
        start,
        end,
        expires_at,
        fee,
        doctor_time_zone: record.profile.time_zone,
    })
}
