//! Free slots of listed doctors, for patients.

use crate::domain::calendar_date::parse_calendar_date;
use crate::domain::schedule::calendar::{Month, count_by_local_date, day_window, month_window};
use crate::domain::schedule::{
    Busy, Schedule, Slot, TimeZone, available_slots, next_slot_entering_horizon,
};
use crate::domain::{Field, FieldErrorCode, UserId};
use crate::dto::availability_views::{DayAvailability, DaySlotsView, MonthAvailabilityView};
use crate::dto::doctor_card::DoctorCard;
use crate::error::AppError;
use crate::server::appointments;
use crate::server::error::Doing;
use crate::server::error::ServerResult;
use crate::server::schedules::{self, DoctorRecord};
use crate::server::state::AppState;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sqlx::SqliteExecutor;

/// A doctor patients may see; unknown, unverified and deactivated doctors are "not found".
pub async fn listed_doctor(state: &AppState, doctor: UserId) -> ServerResult<DoctorRecord> {
    listed_doctor_in(&state.db, doctor).await
}

/// [`listed_doctor`] read through `db` (e.g. a connection that reads the schedule next).
pub async fn listed_doctor_in(
    db: impl SqliteExecutor<'_>,
    doctor: UserId,
) -> ServerResult<DoctorRecord> {
    schedules::find_doctor(db, doctor)
        .await
        .doing("loading doctor")?
        .filter(|record| record.listed)
        .ok_or_else(|| AppError::NotFound.into())
}

/// Free slots of a doctor starting in `[from, to)`.
pub async fn free_slots(
    state: &AppState,
    doctor: &DoctorRecord,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> ServerResult<Vec<Slot>> {
    let (schedule, busy, now) = engine_inputs(state, doctor, from, to).await?;
    Ok(available_slots(&schedule, &busy, from, to, now))
}

/// A doctor's free slots from now to the booking horizon, and the first instant within `within`
/// at which time alone brings another free slot inside the horizon: from one load of inputs.
pub async fn free_slots_to_horizon(
    state: &AppState,
    doctor: &DoctorRecord,
    within: Duration,
) -> ServerResult<(Vec<Slot>, Option<DateTime<Utc>>)> {
    let now = state.clock.now();
    let horizon = now + Duration::days(i64::from(doctor.settings.policy.horizon_days));
    let (schedule, busy, now) = engine_inputs(state, doctor, now, horizon + within).await?;
    let slots = available_slots(&schedule, &busy, now, horizon, now);
    Ok((slots, next_slot_entering_horizon(&schedule, &busy, now, within)))
}

/// The schedule, the busy times around `[from, to)` and the instant they were read for.
async fn engine_inputs(
    state: &AppState,
    doctor: &DoctorRecord,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> ServerResult<(Schedule, Vec<Busy>, DateTime<Utc>)> {
    let now = state.clock.now();
    let today = doctor.settings.zone.local(now).date() - Duration::days(1);
    // One connection for both reads: each checkout costs a round trip to its thread on return.
    let mut conn = state.db.acquire().await.doing("loading schedule")?;
    let schedule = schedules::schedule(&mut conn, doctor.profile.id, &doctor.settings, today)
        .await
        .doing("loading schedule")?;
    // Widen the busy window by the largest buffer so appointments just outside still count.
    let margin = Duration::minutes(120);
    let busy = appointments::busy_for_doctor(
        &mut *conn,
        doctor.profile.id,
        from - margin,
        to + margin,
        now,
        None,
    )
    .await
    .doing("loading busy times")?;
    Ok((schedule, busy, now))
}

/// Free-slot counts per day of `month` (default: the current month), with days in the viewer's
/// `zone` (default: the doctor's).
pub async fn month_overview(
    state: &AppState,
    doctor: UserId,
    month: Option<&str>,
    zone: Option<&str>,
) -> ServerResult<MonthAvailabilityView> {
    let month = given(month)
        .map(|m| {
            Month::parse(m).ok_or(AppError::field(Field::Month, FieldErrorCode::InvalidFormat))
        })
        .transpose()?;
    let zone = given(zone).map(parse_zone).transpose()?;
    let record = listed_doctor(state, doctor).await?;
    let zone = zone.unwrap_or(record.settings.zone);
    let today = zone.local(state.clock.now()).date();
    let month = month.unwrap_or(Month::of(today));
    let (from, to) = month_window(zone, month);
    let counts = count_by_local_date(&free_slots(state, &record, from, to).await?, zone);
    Ok(MonthAvailabilityView {
        month: month.key(),
        time_zone: zone,
        today,
        days: month
            .days()
            .map(|date| DayAvailability {
                date,
                free_slots: counts.get(&date).copied().unwrap_or(0),
            })
            .collect(),
    })
}

/// An optional form field: absent or blank is "not given".
fn given(raw: Option<&str>) -> Option<&str> {
    raw.map(str::trim).filter(|r| !r.is_empty())
}

/// The free slots of local `date` in the viewer's `zone`.
pub async fn day_slots(
    state: &AppState,
    doctor: UserId,
    date: &str,
    zone: &str,
) -> ServerResult<DaySlotsView> {
    let date = parse_calendar_date(date)
        .ok_or(AppError::field(Field::Date, FieldErrorCode::InvalidFormat))?;
    let zone = parse_zone(zone)?;
    let record = listed_doctor(state, doctor).await?;
    let (from, to) = day_window(zone, date);
    Ok(DaySlotsView {
        date,
        time_zone: zone,
        doctor_time_zone: record.settings.zone,
        slots: free_slots(state, &record, from, to).await?,
    })
}

/// The first day with a free slot (in the doctor's zone) within the booking horizon: one load
/// of the schedule and busy times, one engine call (~0.1 ms for 60 days).
pub async fn next_free_day(
    state: &AppState,
    record: &DoctorRecord,
) -> ServerResult<Option<NaiveDate>> {
    let now = state.clock.now();
    let horizon = now + Duration::days(i64::from(record.settings.policy.horizon_days));
    let slots = free_slots(state, record, now, horizon).await?;
    Ok(slots.first().map(|first| record.settings.zone.local(first.start).date()))
}

/// The directory of listed doctors, optionally of one specialty, with their next free day.
pub async fn directory(state: &AppState, specialty: Option<i64>) -> ServerResult<Vec<DoctorCard>> {
    let records = schedules::listed_doctors(&state.db, specialty).await.doing("listing doctors")?;
    let mut cards = Vec::with_capacity(records.len());
    for record in records {
        let next_free_day = next_free_day(state, &record).await?;
        cards.push(DoctorCard {
            id: record.profile.id,
            full_name: record.profile.full_name,
            specialty: record.profile.specialty,
            fee: record.profile.fee,
            next_free_day,
        });
    }
    Ok(cards)
}

fn parse_zone(raw: &str) -> Result<TimeZone, AppError> {
    TimeZone::parse(raw).ok_or(AppError::field(Field::TimeZone, FieldErrorCode::Unknown))
}
