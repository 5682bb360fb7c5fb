//! Queries on doctors' settings, weekly hours, date overrides and time off.

use crate::domain::UserId;
use crate::domain::schedule::settings::DoctorSettings;
use crate::domain::schedule::{
    DateOverride, DayHours, DayRule, TimeOff, WallTime, WeeklyHours, WorkInterval,
};
use chrono::NaiveDate;
use sqlx::SqliteConnection;

pub use super::doctor_records::{DoctorRecord, find_doctor, listed_doctors};

/// A time-off range with its id and note.
#[derive(Debug, Clone)]
pub struct StoredTimeOff {
    pub id: i64,
    pub range: TimeOff,
    pub note: String,
}

fn interval(start: i64, end: i64) -> Option<WorkInterval> {
    let start = WallTime::from_minutes(u16::try_from(start).ok()?)?;
    let end = WallTime::from_minutes(u16::try_from(end).ok()?)?;
    WorkInterval::new(start, end).ok()
}

/// The weekly hours of a doctor.
pub async fn weekly_hours(
    conn: &mut SqliteConnection,
    doctor: UserId,
) -> Result<WeeklyHours, sqlx::Error> {
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT weekday, start_minute, end_minute FROM working_hours WHERE doctor_id = ?1",
    )
    .bind(doctor.0)
    .fetch_all(&mut *conn)
    .await?;
    Ok(weekly_from_rows(rows))
}

/// Weekly hours from `(weekday 1–7, start minute, end minute)` rows.
pub(super) fn weekly_from_rows(rows: Vec<(i64, i64, i64)>) -> WeeklyHours {
    let mut days: [Vec<WorkInterval>; 7] = Default::default();
    for (weekday, start, end) in rows {
        if let (Some(day), Some(interval)) =
            (days.get_mut((weekday - 1) as usize), interval(start, end))
        {
            day.push(interval);
        }
    }
    WeeklyHours(days.map(DayHours::from_stored))
}

/// Date overrides from `from` on.
pub async fn overrides(
    conn: &mut SqliteConnection,
    doctor: UserId,
    from: NaiveDate,
) -> Result<Vec<DateOverride>, sqlx::Error> {
    let rows: Vec<(String, bool, Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT o.date, o.is_day_off, h.start_minute, h.end_minute FROM date_overrides o \
         LEFT JOIN override_hours h ON h.doctor_id = o.doctor_id AND h.date = o.date \
         WHERE o.doctor_id = ?1 AND o.date >= ?2 ORDER BY o.date, h.start_minute",
    )
    .bind(doctor.0)
    .bind(from.to_string())
    .fetch_all(&mut *conn)
    .await?;
    Ok(overrides_from_rows(rows))
}

/// Date overrides from `(date, day off, start minute, end minute)` rows ordered by date.
pub(super) fn overrides_from_rows(
    rows: Vec<(String, bool, Option<i64>, Option<i64>)>,
) -> Vec<DateOverride> {
    let mut result: Vec<(NaiveDate, bool, Vec<WorkInterval>)> = Vec::new();
    for (date, day_off, start, end) in rows {
        let Ok(date) = NaiveDate::parse_from_str(&date, "%Y-%m-%d") else { continue };
        if result.last().map(|r| r.0) != Some(date) {
            result.push((date, day_off, Vec::new()));
        }
        if let (Some(last), Some(start), Some(end)) = (result.last_mut(), start, end) {
            last.2.extend(interval(start, end));
        }
    }
    result
        .into_iter()
        .map(|(date, day_off, hours)| DateOverride {
            date,
            rule: if day_off { DayRule::Off } else { DayRule::Hours(DayHours::from_stored(hours)) },
        })
        .collect()
}

/// Time off that has not ended before `from`.
pub async fn time_off(
    conn: &mut SqliteConnection,
    doctor: UserId,
    from: NaiveDate,
) -> Result<Vec<StoredTimeOff>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT id, first_day, last_day, note FROM time_off \
         WHERE doctor_id = ?1 AND last_day >= ?2 ORDER BY first_day",
    )
    .bind(doctor.0)
    .bind(from.to_string())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, first, last, note)| {
            Some(StoredTimeOff { id, range: time_off_range(&first, &last)?, note })
        })
        .collect())
}

/// A time-off range from its stored first and last days.
pub(super) fn time_off_range(first: &str, last: &str) -> Option<TimeOff> {
    let first = NaiveDate::parse_from_str(first, "%Y-%m-%d").ok()?;
    let last = NaiveDate::parse_from_str(last, "%Y-%m-%d").ok()?;
    TimeOff::new(first, last)
}

pub use super::schedule_read::schedule;

/// Replaces a doctor's weekly hours.
pub async fn replace_weekly_hours(
    conn: &mut SqliteConnection,
    doctor: UserId,
    week: &WeeklyHours,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM working_hours WHERE doctor_id = ?1")
        .bind(doctor.0)
        .execute(&mut *conn)
        .await?;
    for (index, day) in week.0.iter().enumerate() {
        for interval in day.intervals() {
            sqlx::query(
                "INSERT INTO working_hours (doctor_id, weekday, start_minute, end_minute) \
                 VALUES (?1, ?2, ?3, ?4)",
            )
            .bind(doctor.0)
            .bind(index as i64 + 1)
            .bind(i64::from(interval.start.minutes()))
            .bind(i64::from(interval.end.minutes()))
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// Sets (or replaces) the override of one date.
pub async fn put_override(
    conn: &mut SqliteConnection,
    doctor: UserId,
    rule: &DateOverride,
) -> Result<(), sqlx::Error> {
    let date = rule.date.to_string();
    sqlx::query("DELETE FROM date_overrides WHERE doctor_id = ?1 AND date = ?2")
        .bind(doctor.0)
        .bind(&date)
        .execute(&mut *conn)
        .await?;
    let day_off = matches!(rule.rule, DayRule::Off);
    sqlx::query("INSERT INTO date_overrides (doctor_id, date, is_day_off) VALUES (?1, ?2, ?3)")
        .bind(doctor.0)
        .bind(&date)
        .bind(day_off)
        .execute(&mut *conn)
        .await?;
    if let DayRule::Hours(hours) = &rule.rule {
        for interval in hours.intervals() {
            sqlx::query(
                "INSERT INTO override_hours (doctor_id, date, start_minute, end_minute) \
                 VALUES (?1, ?2, ?3, ?4)",
            )
            .bind(doctor.0)
            .bind(&date)
            .bind(i64::from(interval.start.minutes()))
            .bind(i64::from(interval.end.minutes()))
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// Removes the override of one date; false when there was none.
pub async fn remove_override(
    conn: &mut SqliteConnection,
    doctor: UserId,
    date: NaiveDate,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM date_overrides WHERE doctor_id = ?1 AND date = ?2")
        .bind(doctor.0)
        .bind(date.to_string())
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Adds a time-off range and returns its id.
pub async fn add_time_off(
    conn: &mut SqliteConnection,
    doctor: UserId,
    range: TimeOff,
    note: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO time_off (doctor_id, first_day, last_day, note) VALUES (?1, ?2, ?3, ?4) RETURNING id",
    )
    .bind(doctor.0)
    .bind(range.first_day.to_string())
    .bind(range.last_day.to_string())
    .bind(note)
    .fetch_one(conn)
    .await
}

/// Removes one of the doctor's time-off ranges; false when it is not theirs or does not exist.
pub async fn remove_time_off(
    conn: &mut SqliteConnection,
    doctor: UserId,
    id: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM time_off WHERE id = ?1 AND doctor_id = ?2")
        .bind(id)
        .bind(doctor.0)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Stores a doctor's settings.
pub async fn save_settings(
    conn: &mut SqliteConnection,
    doctor: UserId,
    settings: &DoctorSettings,
) -> Result<(), sqlx::Error> {
    let policy = settings.policy;
    sqlx::query(
        "UPDATE doctors SET time_zone = ?2, slot_minutes = ?3, buffer_before_minutes = ?4, \
         buffer_after_minutes = ?5, min_notice_minutes = ?6, horizon_days = ?7, fee_minor = ?8, \
         currency = ?9, bio = ?10, years_of_experience = ?11, location = ?12, auto_confirm = ?13 \
         WHERE user_id = ?1",
    )
    .bind(doctor.0)
    .bind(settings.zone.name())
    .bind(i64::from(policy.slot_minutes))
    .bind(i64::from(policy.buffer_before_minutes))
    .bind(i64::from(policy.buffer_after_minutes))
    .bind(i64::from(policy.min_notice_minutes))
    .bind(i64::from(policy.horizon_days))
    .bind(settings.fee.minor)
    .bind(settings.fee.currency.code())
    .bind(&settings.bio)
    .bind(i64::from(settings.years_of_experience))
    .bind(&settings.location)
    .bind(settings.auto_confirm)
    .execute(conn)
    .await?;
    Ok(())
}
