//! A visit's page and notes: what each party sees of an appointment (its history, the doctor's
//! summary; the private note to its author alone), the doctor writing and changing the note
//! until a day after the visit, and addenda after that. The `visit_notes` triggers hold the
//! same rules whatever code writes.

use crate::domain::booking::{Actor, AppointmentStatus};
use crate::domain::visit_note::{self, VisitNoteInput};
use crate::domain::{AppointmentId, Role};
use crate::dto::appointment_page::{
    AddToCalendar, AddendumView, AppointmentPageView, StatusChange, VisitNoteView,
};
use crate::dto::appointment_view::AppointmentView;
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::paths;
use crate::server::calendar;
use crate::server::db::{self, refusal_or_failure};
use crate::server::error::{Doing, ServerResult};
use crate::server::services::appointment_lists::one_appointment;
use crate::server::state::AppState;
use chrono::DateTime;

/// Statuses a visit's notes may be written in.
const NOTED: [AppointmentStatus; 3] =
    [AppointmentStatus::Confirmed, AppointmentStatus::Completed, AppointmentStatus::NoShow];

#[derive(sqlx::FromRow)]
struct NoteRow {
    doctor_id: i64,
    diagnosis: String,
    advice: String,
    follow_up_weeks: Option<i64>,
    private_note: String,
    updated_at: i64,
}

/// The page of `appointment` for `viewer` (one of its parties or an admin; "not found" else).
pub async fn page(
    state: &AppState,
    viewer: &SessionUser,
    appointment: AppointmentId,
) -> ServerResult<AppointmentPageView> {
    let visit = one_appointment(state, viewer, appointment).await?;
    let now = state.clock.now();
    let history = history(state, appointment).await?;
    let note_row: Option<NoteRow> = sqlx::query_as(
        "SELECT doctor_id, diagnosis, advice, follow_up_weeks, private_note, updated_at \
         FROM visit_notes WHERE appointment_id = ?1",
    )
    .bind(appointment.0)
    .fetch_optional(&state.db)
    .await
    .doing("reading a visit note")?;
    let addenda: Vec<(i64, i64, String, i64)> = sqlx::query_as(
        "SELECT doctor_id, private, body, at FROM visit_note_addenda \
         WHERE appointment_id = ?1 ORDER BY id",
    )
    .bind(appointment.0)
    .fetch_all(&state.db)
    .await
    .doing("reading addenda")?;
    let author = |doctor: i64| viewer.role == Role::Doctor && viewer.id.0 == doctor;
    let note = note_row.map(|row| VisitNoteView {
        private_note: author(row.doctor_id).then_some(row.private_note),
        diagnosis: row.diagnosis,
        advice: row.advice,
        follow_up_weeks: row.follow_up_weeks.and_then(|w| u8::try_from(w).ok()),
        updated_at: DateTime::from_timestamp(row.updated_at, 0).unwrap_or_default(),
    });
    let addenda = addenda
        .into_iter()
        .filter(|(doctor, private, _, _)| *private == 0 || author(*doctor))
        .map(|(_, private, body, at)| AddendumView {
            body,
            private: private != 0,
            at: DateTime::from_timestamp(at, 0).unwrap_or_default(),
        })
        .collect();
    let viewer_is_doctor = author(visit.doctor_id.0);
    let writable = viewer_is_doctor && NOTED.contains(&visit.status);
    let open = visit_note::editable(visit.end, now);
    let follow_up_from = note.as_ref().and_then(|n| n.follow_up_weeks).map(|weeks| {
        visit_note::follow_up_week(visit.doctor_time_zone.local(visit.start).date(), weeks)
    });
    let add_to_calendar = add_to_calendar(state, viewer, &visit);
    Ok(AppointmentPageView {
        add_to_calendar,
        note_editable_until: visit.end + visit_note::edit_window(),
        note_editable: writable && open,
        addendum_allowed: writable && !open,
        follow_up_from,
        viewer_role: viewer.role,
        viewer_is_doctor,
        history,
        note,
        addenda,
        appointment: visit,
    })
}

/// For the visit's patient or doctor, while it is pending or confirmed.
fn add_to_calendar(
    state: &AppState,
    viewer: &SessionUser,
    visit: &AppointmentView,
) -> Option<AddToCalendar> {
    use crate::domain::calendar_links::{LinkEvent, google, outlook};
    let party = match viewer.role {
        Role::Patient => visit.patient_id == viewer.id,
        Role::Doctor => visit.doctor_id == viewer.id,
        Role::Admin => false,
    };
    if !party || !matches!(visit.status, AppointmentStatus::Pending | AppointmentStatus::Confirmed)
    {
        return None;
    }
    let title = calendar::visits::summary(
        viewer.role,
        true,
        &visit.doctor_name,
        &visit.specialty,
        &visit.patient_name,
    );
    let details = format!("{}{}", state.config.mail.site_url, paths::appointment(visit.id));
    let event = LinkEvent { title: &title, start: visit.start, end: visit.end, details: &details };
    Some(AddToCalendar {
        google: google(&event),
        outlook: outlook(&event),
        download: paths::appointment_calendar(visit.id),
    })
}

async fn history(state: &AppState, appointment: AppointmentId) -> ServerResult<Vec<StatusChange>> {
    let rows: Vec<(Option<String>, String, Option<String>, i64, i64)> = sqlx::query_as(
        "SELECT from_status, to_status, actor, at, start_at FROM appointment_events \
         WHERE appointment_id = ?1 ORDER BY id",
    )
    .bind(appointment.0)
    .fetch_all(&state.db)
    .await
    .doing("reading an appointment's history")?;
    Ok(rows
        .into_iter()
        .filter_map(|(from, to, actor, at, start)| {
            Some(StatusChange {
                from: from.as_deref().and_then(AppointmentStatus::parse),
                to: AppointmentStatus::parse(&to)?,
                by: actor.as_deref().and_then(Actor::parse),
                at: DateTime::from_timestamp(at, 0)?,
                start: DateTime::from_timestamp(start, 0)?,
            })
        })
        .collect())
}

/// The visit `appointment` if `doctor` is its doctor and may write its notes now.
async fn own_visit(
    state: &AppState,
    doctor: &SessionUser,
    appointment: AppointmentId,
) -> ServerResult<AppointmentView> {
    let visit = one_appointment(state, doctor, appointment).await?;
    if doctor.role != Role::Doctor || visit.doctor_id != doctor.id || !NOTED.contains(&visit.status)
    {
        return Err(AppError::NoteNotAllowed.into());
    }
    Ok(visit)
}

/// Writes or changes the note of `appointment` (its doctor, until a day after the visit).
pub async fn save(
    state: &AppState,
    doctor: &SessionUser,
    appointment: AppointmentId,
    input: &VisitNoteInput,
) -> ServerResult<()> {
    let visit = own_visit(state, doctor, appointment).await?;
    let note = input.parse().map_err(AppError::Invalid)?;
    let now = state.clock.now();
    if !visit_note::editable(visit.end, now) {
        return Err(AppError::NoteClosed.into());
    }
    let upsert = sqlx::query(crate::immediate_transaction!(
        "INSERT INTO visit_notes (appointment_id, doctor_id, diagnosis, advice, follow_up_weeks, \
           private_note, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) \
         ON CONFLICT (appointment_id) DO UPDATE SET diagnosis = excluded.diagnosis, \
           advice = excluded.advice, follow_up_weeks = excluded.follow_up_weeks, \
           private_note = excluded.private_note, updated_at = excluded.updated_at"
    ))
    .bind(appointment.0)
    .bind(doctor.id.0)
    .bind(note.diagnosis)
    .bind(note.advice)
    .bind(note.follow_up_weeks.map(i64::from))
    .bind(note.private_note)
    .bind(now.timestamp());
    db::write_at_once(&state.writer, upsert)
        .await
        .map_err(|e| refusal_or_failure(e, "saving a visit note"))?;
    Ok(())
}

/// Adds an addendum to the notes of `appointment` once they are closed.
pub async fn add_addendum(
    state: &AppState,
    doctor: &SessionUser,
    appointment: AppointmentId,
    body: &str,
    private: bool,
) -> ServerResult<()> {
    let visit = own_visit(state, doctor, appointment).await?;
    let body = visit_note::parse_addendum(body)?;
    let now = state.clock.now();
    if visit_note::editable(visit.end, now) {
        return Err(AppError::NoteStillOpen.into());
    }
    let insert = sqlx::query(crate::immediate_transaction!(
        "INSERT INTO visit_note_addenda (appointment_id, doctor_id, private, body, at) \
         VALUES (?1, ?2, ?3, ?4, ?5)"
    ))
    .bind(appointment.0)
    .bind(doctor.id.0)
    .bind(i64::from(private))
    .bind(body)
    .bind(now.timestamp());
    db::write_at_once(&state.writer, insert)
        .await
        .map_err(|e| refusal_or_failure(e, "adding an addendum"))?;
    Ok(())
}
