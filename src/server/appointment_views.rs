//! Reading appointments for lists: one query, filtered, with the names of both parties.

use crate::domain::booking::{Actor, AppointmentAction, AppointmentStatus};
use crate::domain::money::{Currency, Money};
use crate::domain::schedule::TimeZone;
use crate::domain::{AppointmentId, Role, UserId};
use crate::dto::appointment_view::AppointmentView;
use crate::server::users::escape_like;
use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

/// Which appointments to read. `None` and empty values mean "any".
#[derive(Debug, Clone, Default)]
pub struct AppointmentQuery {
    pub id: Option<AppointmentId>,
    pub doctor: Option<UserId>,
    pub patient: Option<UserId>,
    /// Statuses to include; empty means every status but released holds.
    pub statuses: Vec<AppointmentStatus>,
    /// Starting at or after.
    pub from: Option<DateTime<Utc>>,
    /// Starting before.
    pub to: Option<DateTime<Utc>>,
    /// Words in either party's name or username, or the reason.
    pub search: String,
    pub newest_first: bool,
    pub limit: i64,
    pub offset: i64,
}

const FILTER: &str = "FROM appointments a \
    JOIN doctors d ON d.user_id = a.doctor_id \
    JOIN users du ON du.id = a.doctor_id \
    JOIN specialties s ON s.id = d.specialty_id \
    JOIN users pu ON pu.id = a.patient_id \
    WHERE (?1 IS NULL OR a.id = ?1) \
      AND (?2 IS NULL OR a.doctor_id = ?2) \
      AND (?3 IS NULL OR a.patient_id = ?3) \
      AND (CASE WHEN ?4 = '' THEN a.status <> 'released' \
           ELSE instr(?4, ',' || a.status || ',') > 0 END) \
      AND (?5 IS NULL OR a.start_at >= ?5) \
      AND (?6 IS NULL OR a.start_at < ?6) \
      AND (?7 = '' OR du.full_name LIKE ?8 ESCAPE '\\' OR pu.full_name LIKE ?8 ESCAPE '\\' \
           OR du.username LIKE ?8 ESCAPE '\\' OR pu.username LIKE ?8 ESCAPE '\\' \
           OR a.reason LIKE ?8 ESCAPE '\\')";

#[derive(sqlx::FromRow)]
struct Row {
    id: AppointmentId,
    status: String,
    start_at: i64,
    end_at: i64,
    doctor_id: i64,
    doctor_name: String,
    specialty: String,
    time_zone: TimeZone,
    patient_id: i64,
    patient_name: String,
    fee_minor: i64,
    currency: String,
    reason: String,
    status_note: String,
    status_by: Option<String>,
    hold_expires_at: Option<i64>,
}

fn bind_filter<'q, O>(
    query: sqlx::query::QueryAs<'q, sqlx::Sqlite, O, sqlx::sqlite::SqliteArguments<'q>>,
    filter: &'q AppointmentQuery,
) -> sqlx::query::QueryAs<'q, sqlx::Sqlite, O, sqlx::sqlite::SqliteArguments<'q>> {
    let statuses = if filter.statuses.is_empty() {
        String::new()
    } else {
        let names: Vec<&str> = filter.statuses.iter().map(|s| s.as_str()).collect();
        format!(",{},", names.join(","))
    };
    let search = filter.search.trim().to_owned();
    let pattern = format!("%{}%", escape_like(&search));
    query
        .bind(filter.id)
        .bind(filter.doctor.map(|d| d.0))
        .bind(filter.patient.map(|p| p.0))
        .bind(statuses)
        .bind(filter.from.map(|t| t.timestamp()))
        .bind(filter.to.map(|t| t.timestamp()))
        .bind(search)
        .bind(pattern)
}

/// The appointments matching `filter`, by start time, seen by `viewer` (with role `role`) at
/// `now`: each carries the actions the viewer may take.
pub async fn list(
    pool: &SqlitePool,
    filter: &AppointmentQuery,
    viewer: (Role, UserId),
    now: DateTime<Utc>,
) -> Result<Vec<AppointmentView>, sqlx::Error> {
    let order = if filter.newest_first { "DESC" } else { "ASC" };
    let sql = format!(
        "SELECT a.id, a.status, a.start_at, a.end_at, a.doctor_id, du.full_name AS doctor_name, \
         s.name AS specialty, d.time_zone, a.patient_id, pu.full_name AS patient_name, \
         a.fee_minor, a.currency, a.reason, a.status_note, a.status_by, a.hold_expires_at \
         {FILTER} ORDER BY a.start_at {order}, a.id {order} LIMIT ?9 OFFSET ?10"
    );
    let rows: Vec<Row> = bind_filter(sqlx::query_as(&sql), filter)
        .bind(filter.limit)
        .bind(filter.offset)
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().filter_map(|row| into_view(row, viewer, now)).collect())
}

/// How many appointments match `filter` (for pagination).
pub async fn count(pool: &SqlitePool, filter: &AppointmentQuery) -> Result<i64, sqlx::Error> {
    let sql = format!("SELECT COUNT(*) {FILTER}");
    let (count,): (i64,) = bind_filter(sqlx::query_as(&sql), filter).fetch_one(pool).await?;
    Ok(count)
}

fn into_view(row: Row, viewer: (Role, UserId), now: DateTime<Utc>) -> Option<AppointmentView> {
    let status = AppointmentStatus::parse(&row.status)?;
    let start = DateTime::from_timestamp(row.start_at, 0)?;
    let (doctor, patient) = (UserId(row.doctor_id), UserId(row.patient_id));
    let actor = crate::domain::booking::actor_for(viewer.0, viewer.1, patient, doctor);
    let started = now >= start;
    let actions =
        actor.map(|actor| AppointmentAction::available(status, actor, started)).unwrap_or_default();
    let can_reschedule = actor.is_some()
        && matches!(status, AppointmentStatus::Pending | AppointmentStatus::Confirmed)
        && !started;
    Some(AppointmentView {
        id: row.id,
        status,
        start,
        end: DateTime::from_timestamp(row.end_at, 0)?,
        doctor_id: doctor,
        doctor_name: row.doctor_name,
        specialty: row.specialty,
        doctor_time_zone: row.time_zone,
        patient_id: patient,
        patient_name: row.patient_name,
        fee: Money {
            minor: row.fee_minor,
            currency: Currency::parse(&row.currency).unwrap_or(Currency::USD),
        },
        reason: row.reason,
        status_note: row.status_note,
        status_by: row.status_by.as_deref().and_then(Actor::parse),
        hold_expires_at: row.hold_expires_at.and_then(|t| DateTime::from_timestamp(t, 0)),
        actions,
        can_reschedule,
    })
}
