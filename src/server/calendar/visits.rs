//! Reading appointments as calendar events: a feed's (the owner's booked visits), one for a
//! download, and one as of a notice's change for the invitation its mail carries.

use super::feeds::FeedOwner;
use super::ics::{VisitEvent, sequence_sql};
use crate::domain::booking::AppointmentStatus;
use crate::domain::{AppointmentId, Role, UserId};
use crate::paths;
use chrono::{DateTime, Duration, Utc};
use sqlx::SqlitePool;

/// How far back a feed reaches: visits that ended within this many days (and all to come).
pub const FEED_PAST_DAYS: i64 = 90;
/// At most this many visits in a feed.
const FEED_LIMIT: i64 = 2000;

/// The columns every read below selects, in order.
type Row = (
    i64,            // appointment
    i64,            // start
    i64,            // end
    String,         // status
    i64,            // sequence
    i64,            // changed at
    String,         // doctor's name
    String,         // specialty
    String,         // practice address
    Option<String>, // practice place
    String,         // patient's name
);

/// The columns of a [`Row`]: the appointment as it is now, or (`as_of` an event alias) as that
/// change left it — its start then, its status then, the SEQUENCE counted up to it.
fn columns(as_of: Option<&str>) -> String {
    let (start, end, status, changed) = match as_of {
        Some(e) => (
            format!("{e}.start_at"),
            format!("{e}.start_at + (a.end_at - a.start_at)"),
            format!("{e}.to_status"),
            format!("{e}.at"),
        ),
        None => ("a.start_at".into(), "a.end_at".into(), "a.status".into(), "a.updated_at".into()),
    };
    format!(
        "a.id, {start}, {end}, {status}, {}, {changed}, du.full_name, s.name, d.location, \
         l.name_en, pu.full_name",
        sequence_sql(as_of)
    )
}

const JOINS: &str = "JOIN users du ON du.id = a.doctor_id JOIN doctors d ON d.user_id = a.doctor_id \
    JOIN specialties s ON s.id = d.specialty_id LEFT JOIN locations l ON l.id = d.practice_location_id \
    JOIN users pu ON pu.id = a.patient_id";

/// What a visit is called in whose calendar. A patient's names the doctor; a doctor's names the
/// patient only if the doctor chose so (a calendar is often shared or shown on a phone's lock
/// screen): otherwise "Appointment".
pub fn summary(
    viewer: Role,
    patient_names: bool,
    doctor: &str,
    specialty: &str,
    patient: &str,
) -> String {
    match viewer {
        Role::Doctor if patient_names => format!("Appointment: {patient}"),
        Role::Doctor | Role::Admin => "Appointment".to_owned(),
        Role::Patient => format!("Visit with {doctor} ({specialty})"),
    }
}

fn instant(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}

fn into_event(row: Row, viewer: Role, patient_names: bool, site_url: &str) -> Option<VisitEvent> {
    let (id, start, end, status, sequence, changed, doctor, specialty, address, place, patient) =
        row;
    let location = [address.trim(), place.as_deref().unwrap_or("").trim()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    Some(VisitEvent {
        appointment_id: id,
        start: instant(start),
        end: instant(end),
        status: AppointmentStatus::parse(&status)?,
        sequence: u32::try_from(sequence).unwrap_or(u32::MAX),
        summary: summary(viewer, patient_names, &doctor, &specialty, &patient),
        location,
        url: format!("{site_url}{}", paths::appointment(AppointmentId(id))),
        changed_at: instant(changed),
    })
}

/// The owner's booked visits (never holds) that end after `now` less [`FEED_PAST_DAYS`],
/// soonest first.
pub async fn of_feed(
    pool: &SqlitePool,
    owner: &FeedOwner,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<Vec<VisitEvent>, sqlx::Error> {
    let party = if owner.role == Role::Doctor { "a.doctor_id" } else { "a.patient_id" };
    let sql = format!(
        "SELECT {} FROM appointments a {JOINS} WHERE {party} = ?1 \
         AND a.status NOT IN ('held', 'released') AND a.end_at >= ?2 \
         ORDER BY a.start_at LIMIT {FEED_LIMIT}",
        columns(None)
    );
    let rows: Vec<Row> = sqlx::query_as(&sql)
        .bind(owner.user.0)
        .bind((now - Duration::days(FEED_PAST_DAYS)).timestamp())
        .fetch_all(pool)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| into_event(row, owner.role, owner.patient_names, site_url))
        .collect())
}

/// One booked appointment as its patient or doctor downloads it; `None` for anyone else, or a
/// hold. A doctor's download names the patient (it is their own copy, made on request).
pub async fn of_appointment(
    pool: &SqlitePool,
    appointment: AppointmentId,
    viewer: (UserId, Role),
    site_url: &str,
) -> Result<Option<VisitEvent>, sqlx::Error> {
    let sql = format!(
        "SELECT {} FROM appointments a {JOINS} WHERE a.id = ?1 \
         AND a.status NOT IN ('held', 'released') AND ?2 IN (a.patient_id, a.doctor_id)",
        columns(None)
    );
    let row: Option<Row> =
        sqlx::query_as(&sql).bind(appointment.0).bind(viewer.0.0).fetch_optional(pool).await?;
    let role = if viewer.1 == Role::Doctor { Role::Doctor } else { Role::Patient };
    Ok(row.and_then(|row| into_event(row, role, true, site_url)))
}

/// The patient's view of the appointment as notice `notification`'s change left it.
pub async fn of_notice(
    pool: &SqlitePool,
    notification: i64,
    site_url: &str,
) -> Result<Option<VisitEvent>, sqlx::Error> {
    let sql = format!(
        "SELECT {} FROM notifications n JOIN appointment_events e ON e.id = n.event_id \
         JOIN appointments a ON a.id = n.appointment_id {JOINS} WHERE n.id = ?1",
        columns(Some("e"))
    );
    let row: Option<Row> = sqlx::query_as(&sql).bind(notification).fetch_optional(pool).await?;
    Ok(row.and_then(|row| into_event(row, Role::Patient, false, site_url)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_doctors_calendar_names_the_patient_only_when_chosen() {
        let say = |role, names| summary(role, names, "Dr. Rahman", "Cardiology", "Ann Lee");
        assert_eq!(say(Role::Patient, false), "Visit with Dr. Rahman (Cardiology)");
        assert_eq!(say(Role::Doctor, false), "Appointment");
        assert_eq!(say(Role::Doctor, true), "Appointment: Ann Lee");
    }
}
