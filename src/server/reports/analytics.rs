//! The analytics dashboard's series for a range of clinic days, each one aggregate statement
//! over an index (bookings by when they were made, visits by when they start, the ledger by
//! when money moved): the clinic's, or a doctor's own slice.

use super::reading::{Range, scope};
use super::{cancellations, offered_hours};
use crate::domain::Role;
use crate::domain::money::{Currency, Money};
use crate::domain::schedule::TimeZone;
use crate::domain::schedule::calendar::{Month, day_window};
use crate::dto::analytics_view::{
    AnalyticsView, DayCount, DoctorUtilisation, LabelledCount, MonthRevenue, UTILISATION_SHOWN,
};
use crate::dto::session_user::SessionUser;
use crate::server::error::{Doing, ServerResult};
use crate::server::state::AppState;
use chrono::{Datelike, Duration, NaiveDate};
use sqlx::SqlitePool;
use std::collections::HashMap;

/// Lead-time buckets: (upper bound in days, label).
const LEAD_TIMES: [(i64, &str); 6] = [
    (1, "Under a day"),
    (3, "1–2 days"),
    (7, "3–6 days"),
    (14, "1–2 weeks"),
    (30, "2–4 weeks"),
    (i64::MAX, "Over 4 weeks"),
];

/// `[start, end)` instants of each window, as the JSON array the statements walk.
fn windows(zone: TimeZone, starts: &[NaiveDate], end: NaiveDate) -> String {
    let mut bounds: Vec<[i64; 2]> = Vec::with_capacity(starts.len());
    for (i, start) in starts.iter().enumerate() {
        let next = starts.get(i + 1).copied().unwrap_or(end);
        bounds.push([day_window(zone, *start).0.timestamp(), day_window(zone, next).0.timestamp()]);
    }
    serde_json::to_string(&bounds).unwrap_or_default()
}

/// A count as the view holds it (a negative one, impossible, reads as zero).
pub(super) fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

/// The series for `viewer` over `range` (a doctor sees their own slice).
pub async fn analytics(
    state: &AppState,
    viewer: &SessionUser,
    range: Range,
) -> ServerResult<AnalyticsView> {
    let only = scope(viewer, None)?.map(|d| d.0);
    let db = &state.db;
    let zone = state.config.clinic.time_zone;
    let (first, last) = (range.first_day, range.last_day);
    let after = last.succ_opt().unwrap_or(last);
    let (from, to) = (day_window(zone, first).0.timestamp(), day_window(zone, last).1.timestamp());
    // Independent statements, run at once on the read pool (each on its own connection).
    let (
        bookings_per_day,
        lead_times,
        (utilisation, doctors),
        (cancellations, cancellation_reasons),
        revenue,
        new_patients,
    ) = tokio::try_join!(
        bookings_per_day(db, zone, only, first, last),
        lead_times(db, only, from, to),
        utilisation(db, only, from, to, first, last),
        cancellations::of_range(db, only, from, to),
        revenue(db, zone, state.config.payments.currency, only, first, after),
        new_patients(db, zone, viewer, first, after),
    )?;
    Ok(AnalyticsView {
        from: first,
        to: last,
        own_slice: viewer.role == Role::Doctor,
        bookings_per_day,
        lead_times,
        utilisation,
        doctors,
        cancellations,
        cancellation_reasons,
        revenue,
        new_patients,
    })
}

/// Bookings made on each day of the range.
async fn bookings_per_day(
    db: &SqlitePool,
    zone: TimeZone,
    only: Option<i64>,
    first: NaiveDate,
    last: NaiveDate,
) -> ServerResult<Vec<DayCount>> {
    let after = last.succ_opt().unwrap_or(last);
    let days: Vec<NaiveDate> = first.iter_days().take_while(|d| *d <= last).collect();
    let booked: Vec<i64> = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM appointments a \
                 WHERE a.created_at >= w.value ->> 0 AND a.created_at < w.value ->> 1 \
                   AND a.status NOT IN ('held', 'released') AND (?2 IS NULL OR a.doctor_id = ?2)) \
         FROM json_each(?1) w ORDER BY w.key",
    )
    .bind(windows(zone, &days, after))
    .bind(only)
    .fetch_all(db)
    .await
    .doing("counting bookings")?;
    Ok(days.iter().zip(booked).map(|(date, n)| DayCount { date: *date, count: count(n) }).collect())
}

/// How far ahead the range's bookings were made, in [`LEAD_TIMES`] buckets.
async fn lead_times(
    db: &SqlitePool,
    only: Option<i64>,
    from: i64,
    to: i64,
) -> ServerResult<Vec<LabelledCount>> {
    let leads: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT CASE WHEN d < 86400 THEN 0 WHEN d < 3 * 86400 THEN 1 WHEN d < 7 * 86400 THEN 2 \
                     WHEN d < 14 * 86400 THEN 3 WHEN d < 30 * 86400 THEN 4 ELSE 5 END, count(*) \
         FROM (SELECT start_at - created_at AS d FROM appointments \
               WHERE created_at >= ?1 AND created_at < ?2 AND status NOT IN ('held', 'released') \
                 AND (?3 IS NULL OR doctor_id = ?3)) GROUP BY 1",
    )
    .bind(from)
    .bind(to)
    .bind(only)
    .fetch_all(db)
    .await
    .doing("measuring lead times")?;
    Ok(LEAD_TIMES
        .iter()
        .enumerate()
        .map(|(i, (_, label))| LabelledCount {
            label: (*label).to_owned(),
            count: leads.iter().find(|(b, _)| *b == i as i64).map_or(0, |(_, n)| count(*n)),
        })
        .collect())
}

/// The verified doctors (id, name, zone) and the minutes each offered in the range.
async fn doctors_and_offered(
    db: &SqlitePool,
    only: Option<i64>,
    first: NaiveDate,
    last: NaiveDate,
) -> ServerResult<(Vec<(i64, String, TimeZone)>, HashMap<i64, u32>)> {
    let doctors: Vec<(i64, String, TimeZone)> = sqlx::query_as(
        "SELECT d.user_id, u.full_name, d.time_zone FROM doctors d JOIN users u ON u.id = d.user_id \
         WHERE d.verified_at IS NOT NULL AND (?1 IS NULL OR d.user_id = ?1)",
    )
    .bind(only)
    .fetch_all(db)
    .await
    .doing("listing doctors")?;
    let zones: Vec<(i64, TimeZone)> = doctors.iter().map(|d| (d.0, d.2)).collect();
    let offered = offered_hours::offered_minutes(db, &zones, first, last)
        .await
        .doing("reading working hours")?;
    Ok((doctors, offered))
}

/// Minutes booked with each doctor in the range.
async fn booked_minutes(
    db: &SqlitePool,
    only: Option<i64>,
    from: i64,
    to: i64,
) -> ServerResult<HashMap<i64, i64>> {
    // The clinic's: one pass over the covering start index (the planner would rather skip-scan
    // appointments_by_doctor, twice as slow here); a doctor's: their own index.
    Ok(sqlx::query_as::<_, (i64, i64)>(match only {
        None => {
            "SELECT doctor_id, sum(end_at - start_at) / 60 \
             FROM appointments INDEXED BY appointments_by_start \
             WHERE start_at >= ?1 AND start_at < ?2 \
               AND status IN ('pending', 'confirmed', 'completed', 'no_show') AND ?3 IS NULL \
             GROUP BY doctor_id"
        }
        Some(_) => {
            "SELECT doctor_id, sum(end_at - start_at) / 60 FROM appointments \
             WHERE doctor_id = ?3 AND start_at >= ?1 AND start_at < ?2 \
               AND status IN ('pending', 'confirmed', 'completed', 'no_show') GROUP BY doctor_id"
        }
    })
    .bind(from)
    .bind(to)
    .bind(only)
    .fetch_all(db)
    .await
    .doing("measuring utilisation")?
    .into_iter()
    .collect())
}

/// Booked against offered minutes for the busiest doctors, and how many doctors there are.
async fn utilisation(
    db: &SqlitePool,
    only: Option<i64>,
    from: i64,
    to: i64,
    first: NaiveDate,
    last: NaiveDate,
) -> ServerResult<(Vec<DoctorUtilisation>, u32)> {
    let ((doctors, offered), booked) = tokio::try_join!(
        doctors_and_offered(db, only, first, last),
        booked_minutes(db, only, from, to)
    )?;
    let mut rows: Vec<DoctorUtilisation> = doctors
        .into_iter()
        .map(|(id, name, _)| {
            let offered = offered.get(&id).copied().unwrap_or(0);
            let booked = u32::try_from(booked.get(&id).copied().unwrap_or(0)).unwrap_or(0);
            DoctorUtilisation {
                doctor_name: name,
                booked_minutes: booked,
                offered_minutes: offered,
                permille: (offered > 0).then(|| {
                    u16::try_from(u64::from(booked) * 1000 / u64::from(offered)).unwrap_or(u16::MAX)
                }),
            }
        })
        .collect();
    let total = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    rows.sort_by(|a, b| {
        b.permille.cmp(&a.permille).then_with(|| a.doctor_name.cmp(&b.doctor_name))
    });
    rows.truncate(UTILISATION_SHOWN);
    Ok((rows, total))
}

/// Revenue settled in each clinic month of the range (the months cut to the range).
async fn revenue(
    db: &SqlitePool,
    zone: TimeZone,
    currency: Currency,
    only: Option<i64>,
    first: NaiveDate,
    after: NaiveDate,
) -> ServerResult<Vec<MonthRevenue>> {
    let mut starts = vec![first];
    let mut month = Month::of(first).next();
    while month.first_day() < after {
        starts.push(month.first_day());
        month = month.next();
    }
    // revenue_facts (migration 23): one row per posted settlement or refund, kept by trigger.
    let sums: Vec<(i64, i64)> = sqlx::query_as(match only {
        None => {
            "SELECT \
               (SELECT ifnull(sum(net), 0) FROM revenue_facts WHERE currency = ?2 \
                  AND at >= w.value ->> 0 AND at < w.value ->> 1 AND ?3 IS NULL), \
               (SELECT ifnull(sum(gross), 0) FROM revenue_facts WHERE currency = ?2 \
                  AND at >= w.value ->> 0 AND at < w.value ->> 1 AND ?3 IS NULL) \
             FROM json_each(?1) w ORDER BY w.key"
        }
        Some(_) => {
            "SELECT \
               (SELECT ifnull(sum(net), 0) FROM revenue_facts WHERE doctor_id = ?3 \
                  AND currency = ?2 AND at >= w.value ->> 0 AND at < w.value ->> 1), \
               (SELECT ifnull(sum(gross), 0) FROM revenue_facts WHERE doctor_id = ?3 \
                  AND currency = ?2 AND at >= w.value ->> 0 AND at < w.value ->> 1) \
             FROM json_each(?1) w ORDER BY w.key"
        }
    })
    .bind(windows(zone, &starts, after))
    .bind(currency.code())
    .bind(only)
    .fetch_all(db)
    .await
    .doing("summing revenue")?;
    Ok(starts
        .iter()
        .zip(sums)
        .map(|(start, (net, gross))| MonthRevenue {
            month: start.format("%Y-%m").to_string(),
            gross: Money { minor: gross, currency },
            net: Money { minor: net, currency },
        })
        .collect())
}

/// First-time patients per week (Monday to Sunday, the first week cut to the range): new
/// registrations for the clinic; for a doctor, patients booking them for the first time.
async fn new_patients(
    db: &SqlitePool,
    zone: TimeZone,
    viewer: &SessionUser,
    first: NaiveDate,
    after: NaiveDate,
) -> ServerResult<Vec<DayCount>> {
    let mut starts = vec![first];
    let mut monday = first - Duration::days(i64::from(first.weekday().num_days_from_monday()));
    loop {
        monday += Duration::days(7);
        if monday >= after {
            break;
        }
        starts.push(monday);
    }
    let (from, to) = (day_window(zone, first).0.timestamp(), day_window(zone, after).0.timestamp());
    let firsts: Vec<i64> = if viewer.role == Role::Doctor {
        sqlx::query_scalar(
            "SELECT min(created_at) FROM appointments WHERE doctor_id = ?1 \
               AND status NOT IN ('held', 'released') GROUP BY patient_id \
             HAVING min(created_at) >= ?2 AND min(created_at) < ?3",
        )
        .bind(viewer.id.0)
        .bind(from)
        .bind(to)
        .fetch_all(db)
        .await
    } else {
        sqlx::query_scalar(
            "SELECT created_at FROM users WHERE role = 'patient' AND created_at >= ?1 AND created_at < ?2",
        )
        .bind(from)
        .bind(to)
        .fetch_all(db)
        .await
    }
    .doing("counting new patients")?;
    let bounds: Vec<i64> = starts.iter().map(|d| day_window(zone, *d).0.timestamp()).collect();
    Ok(
        starts
            .iter()
            .enumerate()
            .map(|(i, start)| {
                let end = bounds.get(i + 1).copied().unwrap_or(to);
                DayCount {
                    date: *start,
                    count: count(
                        firsts.iter().filter(|t| **t >= bounds[i] && **t < end).count() as i64
                    ),
                }
            })
            .collect(),
    )
}
