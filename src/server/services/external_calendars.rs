//! A doctor's own calendars: connecting one (an ICS address, or a CalDAV calendar whose app
//! password is sealed at once and never shown again), listing them with their sync state,
//! syncing one on demand, removing one. Busy times come from `calendar::sync`.

use crate::domain::{Field, FieldError, FieldErrorCode, UserId};
use crate::dto::external_calendar::ExternalCalendarView;
use crate::error::AppError;
use crate::server::calendar::{secret_box, sync, url_guard};
use crate::server::db;
use crate::server::error::{Doing, ServerResult};
use crate::server::state::AppState;
use chrono::{DateTime, Utc};

/// Calendars one doctor may connect.
pub const MOST_PER_DOCTOR: i64 = 10;

/// What the connect form sends.
#[derive(Debug, Clone)]
pub struct NewCalendar {
    pub kind: String,
    pub url: String,
    pub label: String,
    pub username: String,
    pub password: String,
}

fn refuse(field: Field, code: FieldErrorCode) -> crate::server::error::ServerError {
    AppError::Invalid(vec![FieldError::new(field, code)]).into()
}

/// Checks the form, field by field (nothing is stored if any is wrong).
async fn checked(state: &AppState, input: &NewCalendar) -> ServerResult<(bool, String, String)> {
    let caldav = match input.kind.as_str() {
        "ics" => false,
        "caldav" => true,
        _ => return Err(refuse(Field::CalendarUrl, FieldErrorCode::Unknown)),
    };
    let mut errors = Vec::new();
    let url = input.url.trim();
    let label = input.label.trim();
    if url.is_empty() {
        errors.push(FieldError::new(Field::CalendarUrl, FieldErrorCode::Required));
    } else if url.chars().count() > 2000 {
        errors.push(FieldError::new(Field::CalendarUrl, FieldErrorCode::TooLong));
    } else if url_guard::parse(url).is_err() {
        errors.push(FieldError::new(Field::CalendarUrl, FieldErrorCode::InvalidFormat));
    } else if url_guard::check(url, state.config.calendar.allow_private_addresses).await.is_err() {
        errors.push(FieldError::new(Field::CalendarUrl, FieldErrorCode::Unknown));
    }
    if label.chars().count() > 80 || label.chars().any(char::is_control) {
        errors.push(FieldError::new(Field::CalendarLabel, FieldErrorCode::TooLong));
    }
    if caldav {
        if input.username.trim().is_empty() {
            errors.push(FieldError::new(Field::CalendarUsername, FieldErrorCode::Required));
        } else if input.username.chars().count() > 200 {
            errors.push(FieldError::new(Field::CalendarUsername, FieldErrorCode::TooLong));
        }
        if input.password.is_empty() {
            errors.push(FieldError::new(Field::CalendarPassword, FieldErrorCode::Required));
        } else if input.password.chars().count() > 500 {
            errors.push(FieldError::new(Field::CalendarPassword, FieldErrorCode::TooLong));
        } else if state.config.calendar.secret_key.is_none() {
            errors.push(FieldError::new(Field::CalendarPassword, FieldErrorCode::Unknown));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors).into());
    }
    let host = url_guard::parse(url).ok().and_then(|u| u.host_str().map(str::to_owned));
    let label =
        if label.is_empty() { host.unwrap_or_else(|| "Calendar".into()) } else { label.to_owned() };
    Ok((caldav, url.to_owned(), label))
}

/// Connects a calendar for `doctor` and syncs it once at once; answers its state.
pub async fn connect(
    state: &AppState,
    doctor: UserId,
    input: NewCalendar,
) -> ServerResult<ExternalCalendarView> {
    let (caldav, url, label) = checked(state, &input).await?;
    let now = state.clock.now();
    let sealed = match (caldav, state.config.calendar.secret_key.as_ref()) {
        (true, Some(key)) => Some(secret_box::seal(key, doctor.0, &input.password)),
        _ => None,
    };
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO external_calendars (doctor_id, kind, url, label, username, sealed_password, \
         next_sync_at, created_at) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7 \
         WHERE (SELECT count(*) FROM external_calendars WHERE doctor_id = ?1) < ?8 \
           AND NOT EXISTS (SELECT 1 FROM external_calendars WHERE doctor_id = ?1 AND url = ?3) \
         RETURNING id",
    )
    .bind(doctor.0)
    .bind(if caldav { "caldav" } else { "ics" })
    .bind(&url)
    .bind(&label)
    .bind(caldav.then(|| input.username.trim().to_owned()))
    .bind(sealed)
    .bind(now.timestamp())
    .bind(MOST_PER_DOCTOR)
    .fetch_optional(&state.writer)
    .await
    .doing("connecting a calendar")?;
    let Some(id) = id else {
        let mine = list(state, doctor).await?;
        let code = if mine.len() as i64 >= MOST_PER_DOCTOR {
            FieldErrorCode::OutOfRange
        } else {
            FieldErrorCode::Taken
        };
        return Err(refuse(Field::CalendarUrl, code));
    };
    sync::sync_now(state, id).await.doing("syncing a new calendar")?;
    list(state, doctor)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| AppError::NotFound.into())
}

type Row = (
    i64,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<String>,
    i64,
    bool,
    i64,
);

/// `doctor`'s calendars, oldest first.
pub async fn list(state: &AppState, doctor: UserId) -> ServerResult<Vec<ExternalCalendarView>> {
    let now = state.clock.now();
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT c.id, c.label, c.kind, c.url, c.last_success_at, c.last_attempt_at, c.error_code, \
         c.error_detail, (SELECT count(*) FROM external_busy b WHERE b.calendar_id = c.id \
                          AND b.end_at > ?2), c.write_back, \
         (SELECT count(*) FROM calendar_pushes p WHERE p.calendar_id = c.id \
          AND p.status = 'failed') \
         FROM external_calendars c WHERE c.doctor_id = ?1 ORDER BY c.id",
    )
    .bind(doctor.0)
    .bind(now.timestamp())
    .fetch_all(&state.db)
    .await
    .doing("listing calendars")?;
    let stale_after = state.config.calendar.sync_minutes * 60 * 3;
    let at = |t: Option<i64>| t.and_then(|t| DateTime::<Utc>::from_timestamp(t, 0));
    Ok(rows
        .into_iter()
        .map(|(id, label, kind, url, success, attempt, code, detail, busy, back, failed)| {
            ExternalCalendarView {
                id,
                label,
                kind,
                address: masked(&url),
                last_success: at(success),
                last_attempt: at(attempt),
                error_code: code,
                error_detail: detail,
                stale: success.is_none_or(|t| now.timestamp() - t > stale_after),
                busy_ahead: busy,
                write_back: back,
                failed_pushes: failed,
            }
        })
        .collect())
}

/// The scheme and server only: any part of the path may be the address's secret.
fn masked(url: &str) -> String {
    match url_guard::parse(url) {
        Ok(parsed) => format!("{}://{}/…", parsed.scheme(), parsed.host_str().unwrap_or("")),
        Err(_) => "…".into(),
    }
}

async fn owned(state: &AppState, doctor: UserId, id: i64) -> ServerResult<()> {
    let mine: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM external_calendars WHERE id = ?1 AND doctor_id = ?2)",
    )
    .bind(id)
    .bind(doctor.0)
    .fetch_one(&state.db)
    .await
    .doing("finding a calendar")?;
    if mine { Ok(()) } else { Err(AppError::NotFound.into()) }
}

/// Syncs one of `doctor`'s calendars now.
pub async fn sync_one(state: &AppState, doctor: UserId, id: i64) -> ServerResult<()> {
    owned(state, doctor, id).await?;
    sync::sync_now(state, id).await.doing("syncing a calendar").map(|_| ())
}

/// Removes one of `doctor`'s calendars and its busy times.
pub async fn remove(state: &AppState, doctor: UserId, id: i64) -> ServerResult<()> {
    let done = sqlx::query("DELETE FROM external_calendars WHERE id = ?1 AND doctor_id = ?2")
        .bind(id)
        .bind(doctor.0)
        .execute(&state.writer)
        .await
        .doing("removing a calendar")?;
    if done.rows_affected() == 1 { Ok(()) } else { Err(AppError::NotFound.into()) }
}

/// Makes calendar `id` the one `doctor`'s confirmed appointments are written to (`on`), or
/// stops it, in one transaction. A calendar that stops receiving them gets a delete queued for
/// each appointment it holds; one that starts gets every confirmed appointment still to come.
/// SQLite refuses anything but a CalDAV calendar (`MB_WRITE_BACK_CALDAV_ONLY`).
pub async fn choose_write_back(
    state: &AppState,
    doctor: UserId,
    id: i64,
    on: bool,
) -> ServerResult<()> {
    owned(state, doctor, id).await?;
    let now = state.clock.now().timestamp();
    let doing = "choosing the write-back calendar";
    let mut tx = db::begin_write(&state.writer).await.doing(doing)?;
    // Leaving: what the calendar holds (its last push per appointment was a put) is deleted.
    sqlx::query(
        "INSERT INTO calendar_pushes (calendar_id, appointment_id, event_id, action, run_at) \
         SELECT p.calendar_id, p.appointment_id, max(p.event_id), 'delete', ?4 \
         FROM calendar_pushes p JOIN external_calendars c ON c.id = p.calendar_id \
         WHERE c.doctor_id = ?1 AND c.write_back = 1 AND (c.id <> ?2 OR ?3 = 0) \
         GROUP BY p.calendar_id, p.appointment_id \
         HAVING (SELECT q.action FROM calendar_pushes q WHERE q.calendar_id = p.calendar_id \
                 AND q.appointment_id = p.appointment_id ORDER BY q.id DESC LIMIT 1) = 'put' \
         ON CONFLICT (calendar_id, event_id, action) DO NOTHING",
    )
    .bind(doctor.0)
    .bind(id)
    .bind(on)
    .bind(now)
    .execute(&mut *tx)
    .await
    .doing(doing)?;
    sqlx::query(
        "UPDATE external_calendars SET write_back = 0 \
         WHERE doctor_id = ?1 AND write_back = 1 AND (id <> ?2 OR ?3 = 0)",
    )
    .bind(doctor.0)
    .bind(id)
    .bind(on)
    .execute(&mut *tx)
    .await
    .doing(doing)?;
    if on {
        let started = sqlx::query(
            "UPDATE external_calendars SET write_back = 1 WHERE id = ?1 AND write_back = 0",
        )
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(|e| match db::trigger_code(&e) {
            Some(db::TriggerCode::WriteBackCaldavOnly) => {
                AppError::field(Field::CalendarUrl, FieldErrorCode::InvalidFormat).into()
            }
            _ => crate::server::error::ServerError::failed(doing, e),
        })?;
        if started.rows_affected() == 1 {
            sqlx::query(
                "INSERT INTO calendar_pushes (calendar_id, appointment_id, event_id, action, run_at) \
                 SELECT ?1, a.id, (SELECT max(e.id) FROM appointment_events e \
                                   WHERE e.appointment_id = a.id), 'put', ?3 \
                 FROM appointments a \
                 WHERE a.doctor_id = ?2 AND a.status = 'confirmed' AND a.end_at > ?3 \
                 ON CONFLICT (calendar_id, event_id, action) DO NOTHING",
            )
            .bind(id)
            .bind(doctor.0)
            .bind(now)
            .execute(&mut *tx)
            .await
            .doing("queueing appointments for write-back")?;
        }
    }
    tx.commit().await.doing(doing)
}
