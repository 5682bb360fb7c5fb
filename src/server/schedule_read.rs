//! A doctor's whole schedule (weekly hours, date overrides, time off) in one statement.
//!
//! sqlx runs each SQLite connection on a thread of its own and hands every statement to it, so
//! each statement costs two thread wake-ups; the availability engine's inputs are read with one.

use super::schedules::{overrides_from_rows, time_off_range, weekly_from_rows};
use crate::domain::UserId;
use crate::domain::schedule::Schedule;
use crate::domain::schedule::settings::DoctorSettings;
use chrono::NaiveDate;
use sqlx::SqliteConnection;

/// Each part as a JSON array of rows, in the order the row conversions expect.
const SCHEDULE_SELECT: &str = "SELECT \
     (SELECT json_group_array(json_array(weekday, start_minute, end_minute)) \
        FROM working_hours WHERE doctor_id = ?1), \
     (SELECT json_group_array(json_array(o.date, o.is_day_off, h.start_minute, h.end_minute) \
        ORDER BY o.date, h.start_minute) \
        FROM date_overrides o LEFT JOIN override_hours h \
          ON h.doctor_id = o.doctor_id AND h.date = o.date \
        WHERE o.doctor_id = ?1 AND o.date >= ?2), \
     (SELECT json_group_array(json_array(first_day, last_day) ORDER BY first_day) \
        FROM time_off WHERE doctor_id = ?1 AND last_day >= ?2)";

/// Everything the availability engine needs about a doctor, from `from` on, read in one
/// statement (inside a write transaction, pass the transaction's own connection: a second pool
/// connection could starve while every other one waits for the write lock).
pub async fn schedule(
    conn: &mut SqliteConnection,
    doctor: UserId,
    settings: &DoctorSettings,
    from: NaiveDate,
) -> Result<Schedule, sqlx::Error> {
    let (weekly, overrides, time_off): (String, String, String) = sqlx::query_as(SCHEDULE_SELECT)
        .bind(doctor.0)
        .bind(from.to_string())
        .fetch_one(&mut *conn)
        .await?;
    let weekly: Vec<(i64, i64, i64)> = parse(&weekly)?;
    let overrides: Vec<(String, i64, Option<i64>, Option<i64>)> = parse(&overrides)?;
    let time_off: Vec<(String, String)> = parse(&time_off)?;
    Ok(Schedule {
        zone: settings.zone,
        weekly: weekly_from_rows(weekly),
        overrides: overrides_from_rows(
            overrides
                .into_iter()
                .map(|(date, off, start, end)| (date, off != 0, start, end))
                .collect(),
        ),
        time_off: time_off.iter().filter_map(|(first, last)| time_off_range(first, last)).collect(),
        policy: settings.policy,
    })
}

fn parse<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, sqlx::Error> {
    serde_json::from_str(json).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}
