//! Every doctor's working hours over a period, read in three statements for all of them
//! (weekly hours, custom days, time off), so a clinic-wide report does not read each doctor's
//! schedule on its own.

use crate::domain::report;
use crate::domain::schedule::{Schedule, SlotPolicy, TimeZone};
use crate::server::schedules::{overrides_from_rows, time_off_range, weekly_from_rows};
use chrono::NaiveDate;
use sqlx::SqlitePool;
use std::collections::HashMap;

/// Minutes of working hours from `first_day` to `last_day` (inclusive) of each doctor in
/// `doctors` (id and zone).
pub async fn offered_minutes(
    db: &SqlitePool,
    doctors: &[(i64, TimeZone)],
    first_day: NaiveDate,
    last_day: NaiveDate,
) -> Result<HashMap<i64, u32>, sqlx::Error> {
    let (first, last) = (first_day.to_string(), last_day.to_string());
    let mut weekly: HashMap<i64, Vec<(i64, i64, i64)>> = HashMap::new();
    let rows: Vec<(i64, i64, i64, i64)> =
        sqlx::query_as("SELECT doctor_id, weekday, start_minute, end_minute FROM working_hours")
            .fetch_all(db)
            .await?;
    for (doctor, weekday, start, end) in rows {
        weekly.entry(doctor).or_default().push((weekday, start, end));
    }
    let mut overrides: HashMap<i64, Vec<(String, bool, Option<i64>, Option<i64>)>> = HashMap::new();
    let rows: Vec<(i64, String, bool, Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT o.doctor_id, o.date, o.is_day_off, h.start_minute, h.end_minute FROM date_overrides o \
         LEFT JOIN override_hours h ON h.doctor_id = o.doctor_id AND h.date = o.date \
         WHERE o.date BETWEEN ?1 AND ?2 ORDER BY o.doctor_id, o.date, h.start_minute",
    )
    .bind(&first)
    .bind(&last)
    .fetch_all(db)
    .await?;
    for (doctor, date, off, start, end) in rows {
        overrides.entry(doctor).or_default().push((date, off, start, end));
    }
    let mut time_off: HashMap<i64, Vec<(String, String)>> = HashMap::new();
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT doctor_id, first_day, last_day FROM time_off WHERE last_day >= ?1 AND first_day <= ?2",
    )
    .bind(&first)
    .bind(&last)
    .fetch_all(db)
    .await?;
    for (doctor, from, to) in rows {
        time_off.entry(doctor).or_default().push((from, to));
    }
    Ok(doctors
        .iter()
        .map(|(doctor, zone)| {
            let schedule = Schedule {
                zone: *zone,
                weekly: weekly_from_rows(weekly.remove(doctor).unwrap_or_default()),
                overrides: overrides_from_rows(overrides.remove(doctor).unwrap_or_default()),
                time_off: time_off
                    .remove(doctor)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|(from, to)| time_off_range(from, to))
                    .collect(),
                policy: SlotPolicy::default(),
            };
            let days = first_day.iter_days().take_while(|d| *d <= last_day);
            (*doctor, report::offered_minutes(&schedule, days))
        })
        .collect())
}
