//! A doctor editing their own schedule: weekly hours, settings, date overrides, time off.

use crate::domain::calendar_date::parse_calendar_date;
use crate::domain::schedule::settings::{DoctorSettings, SettingsInput};
use crate::domain::schedule::{DateOverride, DayHours, DayRule, TimeOff, WeeklyHours};
use crate::domain::{Field, FieldError, FieldErrorCode};
use crate::dto::my_schedule_view::{MyScheduleView, OverrideView, TimeOffView};
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::error::Doing;
use crate::server::error::ServerResult;
use crate::server::schedules::{self, DoctorRecord};
use crate::server::state::AppState;
use crate::server::{appointments, db};
use chrono::{Duration, NaiveDate};

/// How far ahead overrides and time off may be planned.
const PLANNING_DAYS: i64 = 2 * 366;
/// Longest single time-off range.
const MAX_TIME_OFF_DAYS: i64 = 366;

async fn own_record(state: &AppState, doctor: &SessionUser) -> ServerResult<DoctorRecord> {
    schedules::find_doctor(&state.db, doctor.id)
        .await
        .doing("loading own doctor record")?
        .ok_or_else(|| AppError::Forbidden.into())
}

/// The doctor's schedule as the editor shows it.
pub async fn my_schedule(state: &AppState, doctor: &SessionUser) -> ServerResult<MyScheduleView> {
    let record = own_record(state, doctor).await?;
    let now = state.clock.now();
    let today = record.settings.zone.local(now).date();
    let mut conn = state.db.acquire().await.doing("loading schedule")?;
    let schedule = schedules::schedule(&mut conn, doctor.id, &record.settings, today)
        .await
        .doing("loading schedule")?;
    let time_off =
        schedules::time_off(&mut conn, doctor.id, today).await.doing("loading schedule")?;
    drop(conn);
    Ok(MyScheduleView {
        weekly: std::array::from_fn(|i| schedule.weekly.0[i].to_string()),
        settings: settings_form(&record.settings),
        overrides: schedule
            .overrides
            .iter()
            .map(|o| OverrideView {
                date: o.date,
                day_off: matches!(o.rule, DayRule::Off),
                hours: match &o.rule {
                    DayRule::Off => String::new(),
                    DayRule::Hours(hours) => hours.to_string(),
                },
            })
            .collect(),
        time_off: time_off
            .into_iter()
            .map(|t| TimeOffView {
                id: t.id,
                first_day: t.range.first_day,
                last_day: t.range.last_day,
                note: t.note,
            })
            .collect(),
        busy: appointments::busy_for_doctor(
            &state.db,
            doctor.id,
            now,
            now + Duration::days(8),
            now,
            None,
        )
        .await
        .doing("loading busy times")?,
        schedule,
        verified: record.listed,
    })
}

fn settings_form(settings: &DoctorSettings) -> SettingsInput {
    let policy = settings.policy;
    SettingsInput {
        time_zone: settings.zone.name().to_owned(),
        slot_minutes: policy.slot_minutes.to_string(),
        buffer_before: policy.buffer_before_minutes.to_string(),
        buffer_after: policy.buffer_after_minutes.to_string(),
        min_notice: policy.min_notice_minutes.to_string(),
        horizon: policy.horizon_days.to_string(),
        fee: settings.fee.decimal(),
        currency: settings.fee.currency.code().to_owned(),
        bio: settings.bio.clone(),
        years_of_experience: settings.years_of_experience.to_string(),
        location: settings.location.clone(),
        auto_confirm: settings.auto_confirm,
    }
}

/// Replaces the weekly hours (one text per weekday, Monday first).
pub async fn save_weekly_hours(
    state: &AppState,
    doctor: &SessionUser,
    days: &[String; 7],
) -> ServerResult<()> {
    let record = own_record(state, doctor).await?;
    let week = WeeklyHours::parse(days, record.settings.policy.slot_minutes)?;
    let mut tx = db::begin_write(&state.writer).await.doing("starting hours")?;
    schedules::replace_weekly_hours(&mut tx, doctor.id, &week).await.doing("storing hours")?;
    tx.commit().await.doing("committing hours")
}

/// Saves the settings; a slot length that no longer fits some working interval is refused.
pub async fn save_settings(
    state: &AppState,
    doctor: &SessionUser,
    input: &SettingsInput,
) -> ServerResult<()> {
    let settings = input.parse()?;
    let record = own_record(state, doctor).await?;
    let today = settings.zone.local(state.clock.now()).date();
    // Check and save in one write transaction, reading on its own connection.
    let mut tx = db::begin_write(&state.writer).await.doing("starting settings")?;
    let schedule = schedules::schedule(&mut tx, doctor.id, &record.settings, today)
        .await
        .doing("loading schedule")?;
    if !schedule.slot_fits_every_interval(settings.policy.slot_minutes) {
        return Err(AppError::field(Field::SlotMinutes, FieldErrorCode::SlotTooLong).into());
    }
    schedules::save_settings(&mut tx, doctor.id, &settings).await.doing("storing settings")?;
    tx.commit().await.doing("committing settings")
}

/// Sets a date override: `kind` is `off` or `hours` (then `hours` holds the intervals).
pub async fn put_override(
    state: &AppState,
    doctor: &SessionUser,
    date: &str,
    kind: &str,
    hours: &str,
) -> ServerResult<()> {
    let record = own_record(state, doctor).await?;
    let today = record.settings.zone.local(state.clock.now()).date();
    let mut errors = Vec::new();
    let date = future_date(date, today, Field::OverrideDate).map_err(|e| errors.push(e)).ok();
    let rule = match kind {
        "off" => Some(DayRule::Off),
        "hours" => {
            DayHours::parse(hours, record.settings.policy.slot_minutes, Field::OverrideHours)
                .and_then(|h| {
                    if h.is_off() {
                        Err(FieldError::new(Field::OverrideHours, FieldErrorCode::Required))
                    } else {
                        Ok(h)
                    }
                })
                .map(DayRule::Hours)
                .map_err(|e| errors.push(e))
                .ok()
        }
        _ => {
            errors.push(FieldError::new(Field::OverrideHours, FieldErrorCode::Unknown));
            None
        }
    };
    let (Some(date), Some(rule)) = (date, rule) else {
        return Err(AppError::Invalid(errors).into());
    };
    let mut tx = db::begin_write(&state.writer).await.doing("starting override")?;
    schedules::put_override(&mut tx, doctor.id, &DateOverride { date, rule })
        .await
        .doing("storing override")?;
    tx.commit().await.doing("committing override")
}

/// Removes the override of a date.
pub async fn remove_override(
    state: &AppState,
    doctor: &SessionUser,
    date: &str,
) -> ServerResult<()> {
    let date = parse_date(date, Field::OverrideDate)?;
    let mut tx = db::begin_write(&state.writer).await.doing("starting removal")?;
    let removed =
        schedules::remove_override(&mut tx, doctor.id, date).await.doing("removing override")?;
    if !removed {
        return Err(AppError::NotFound.into());
    }
    tx.commit().await.doing("committing removal")
}

/// Adds time off from `first` to `last` (both included).
pub async fn add_time_off(
    state: &AppState,
    doctor: &SessionUser,
    first: &str,
    last: &str,
    note: &str,
) -> ServerResult<i64> {
    let record = own_record(state, doctor).await?;
    let today = record.settings.zone.local(state.clock.now()).date();
    let mut errors = Vec::new();
    let first =
        parse_date(first, Field::TimeOffStart).map_err(|e| errors.extend(field_errors(e))).ok();
    let last = future_date(last, today, Field::TimeOffEnd).map_err(|e| errors.push(e)).ok();
    let note = note.trim();
    if note.chars().count() > 200 || note.chars().any(char::is_control) {
        errors.push(FieldError::new(Field::Note, FieldErrorCode::TooLong));
    }
    let range = match (first, last) {
        (Some(first), Some(last)) if last < first => {
            errors.push(FieldError::new(Field::TimeOffEnd, FieldErrorCode::EndBeforeStart));
            None
        }
        (Some(first), Some(last)) if (last - first).num_days() >= MAX_TIME_OFF_DAYS => {
            errors.push(FieldError::new(Field::TimeOffEnd, FieldErrorCode::OutOfRange));
            None
        }
        (Some(first), Some(last)) => TimeOff::new(first, last),
        _ => None,
    };
    let Some(range) = range.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors).into());
    };
    let mut tx = db::begin_write(&state.writer).await.doing("starting time off")?;
    let id =
        schedules::add_time_off(&mut tx, doctor.id, range, note).await.doing("storing time off")?;
    tx.commit().await.doing("committing time off")?;
    Ok(id)
}

/// Removes one of the doctor's own time-off ranges (another doctor's is "not found").
pub async fn remove_time_off(state: &AppState, doctor: &SessionUser, id: i64) -> ServerResult<()> {
    let mut tx = db::begin_write(&state.writer).await.doing("starting removal")?;
    let removed =
        schedules::remove_time_off(&mut tx, doctor.id, id).await.doing("removing time off")?;
    if !removed {
        return Err(AppError::NotFound.into());
    }
    tx.commit().await.doing("committing removal")
}

fn parse_date(raw: &str, field: Field) -> Result<NaiveDate, AppError> {
    parse_calendar_date(raw).ok_or(AppError::field(field, FieldErrorCode::InvalidFormat))
}

fn field_errors(error: AppError) -> Vec<FieldError> {
    match error {
        AppError::Invalid(errors) => errors,
        _ => Vec::new(),
    }
}

/// A date from today (in the doctor's zone) up to the planning limit.
fn future_date(raw: &str, today: NaiveDate, field: Field) -> Result<NaiveDate, FieldError> {
    let date =
        parse_calendar_date(raw).ok_or(FieldError::new(field, FieldErrorCode::InvalidFormat))?;
    if date < today {
        return Err(FieldError::new(field, FieldErrorCode::InPast));
    }
    if date > today + Duration::days(PLANNING_DAYS) {
        return Err(FieldError::new(field, FieldErrorCode::InFuture));
    }
    Ok(date)
}
