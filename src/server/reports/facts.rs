//! The facts behind a period's figures, read for every doctor at once (one statement each for
//! doctors, appointments, revenue, reviews and each part of the working hours), then turned
//! into figures by `domain::report`.

use super::offered_hours;
use crate::domain::UserId;
use crate::domain::booking::AppointmentStatus;
use crate::domain::money::Currency;
use crate::domain::report::{self, Ratings, Revenue, VisitFact};
use crate::domain::schedule::TimeZone;
use crate::dto::report_views::DoctorReport;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqlitePool;
use std::collections::HashMap;

/// A period: the instants `[from, to)` and the clinic days it spans.
#[derive(Debug, Clone)]
pub struct Period {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub first_day: NaiveDate,
    /// Inclusive.
    pub last_day: NaiveDate,
}

/// Every doctor's figures over `period` (or only `doctor`'s), by name: doctors who were verified
/// or had appointments in the period.
pub async fn reports(
    db: &SqlitePool,
    period: &Period,
    doctor: Option<UserId>,
) -> Result<Vec<DoctorReport>, sqlx::Error> {
    let (from, to, only) = (period.from.timestamp(), period.to.timestamp(), doctor.map(|d| d.0));
    let doctors: Vec<(i64, String, String, String, TimeZone)> = sqlx::query_as(
        "SELECT d.user_id, u.full_name, s.name, d.currency, d.time_zone FROM doctors d \
         JOIN users u ON u.id = d.user_id JOIN specialties s ON s.id = d.specialty_id \
         WHERE (?3 IS NULL OR d.user_id = ?3) \
           AND (d.verified_at IS NOT NULL OR EXISTS (SELECT 1 FROM appointments a \
                WHERE a.doctor_id = d.user_id AND a.start_at >= ?1 AND a.start_at < ?2)) \
         ORDER BY u.full_name, d.user_id",
    )
    .bind(from)
    .bind(to)
    .bind(only)
    .fetch_all(db)
    .await?;
    let mut visits: HashMap<i64, Vec<VisitFact>> = HashMap::new();
    let rows: Vec<(i64, String, i64, i64)> = sqlx::query_as(
        "SELECT doctor_id, status, start_at, end_at FROM appointments \
         WHERE start_at >= ?1 AND start_at < ?2 AND (?3 IS NULL OR doctor_id = ?3) \
           AND status NOT IN ('held', 'released')",
    )
    .bind(from)
    .bind(to)
    .bind(only)
    .fetch_all(db)
    .await?;
    for (doctor, status, start, end) in rows {
        let (Some(status), Some(start), Some(end)) = (
            AppointmentStatus::parse(&status),
            DateTime::from_timestamp(start, 0),
            DateTime::from_timestamp(end, 0),
        ) else {
            continue;
        };
        visits.entry(doctor).or_default().push(VisitFact { status, start, end });
    }
    let revenue: HashMap<i64, Revenue> = sqlx::query_as::<_, (i64, i64, i64)>(
        "SELECT ap.doctor_id, \
           sum(CASE WHEN a.kind = 'earnings' THEN e.minor ELSE 0 END), \
           sum(CASE WHEN a.kind = 'platform_fees' THEN e.minor ELSE 0 END) \
         FROM ledger_transactions t \
         JOIN appointments ap ON ap.id = t.appointment_id \
         JOIN doctors d ON d.user_id = ap.doctor_id \
         JOIN ledger_entries e ON e.transaction_id = t.id \
         JOIN ledger_accounts a ON a.id = e.account_id \
         WHERE t.created_at >= ?1 AND t.created_at < ?2 AND t.status = 'posted' \
           AND t.kind IN ('settlement', 'refund') AND a.kind IN ('earnings', 'platform_fees') \
           AND t.currency = d.currency AND (?3 IS NULL OR ap.doctor_id = ?3) \
         GROUP BY ap.doctor_id",
    )
    .bind(from)
    .bind(to)
    .bind(only)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|(doctor, net, cut)| (doctor, Revenue { gross: net + cut, platform_cut: cut, net }))
    .collect();
    let ratings: HashMap<i64, Ratings> = sqlx::query_as::<_, (i64, i64, i64)>(
        "SELECT doctor_id, count(*), sum(stars) FROM reviews \
         WHERE created_at >= ?1 AND created_at < ?2 AND hidden_at IS NULL \
           AND (?3 IS NULL OR doctor_id = ?3) GROUP BY doctor_id",
    )
    .bind(from)
    .bind(to)
    .bind(only)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|(doctor, count, stars)| {
        let count = u32::try_from(count).unwrap_or(0);
        (doctor, Ratings { count, stars_total: u32::try_from(stars).unwrap_or(0) })
    })
    .collect();
    let zones: Vec<(i64, TimeZone)> = doctors.iter().map(|d| (d.0, d.4)).collect();
    let offered =
        offered_hours::offered_minutes(db, &zones, period.first_day, period.last_day).await?;
    let mut reports = Vec::with_capacity(doctors.len());
    for (id, name, specialty, currency, zone) in doctors {
        let figures = report::figures(
            visits.get(&id).map(Vec::as_slice).unwrap_or_default(),
            zone,
            offered.get(&id).copied().unwrap_or(0),
            revenue.get(&id).copied().unwrap_or_default(),
            ratings.get(&id).copied().unwrap_or_default(),
        );
        reports.push(DoctorReport {
            doctor: UserId(id),
            doctor_name: name,
            specialty,
            currency: Currency::parse(&currency).unwrap_or(Currency::USD),
            figures,
        });
    }
    Ok(reports)
}
