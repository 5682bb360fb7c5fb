//! A patient's record as a doctor or an admin opens it: the details (the opening is logged
//! first, and the log decides who may) and the visits — with the viewing doctor only, or all
//! of them for an admin (or the patient).

use crate::domain::booking::AppointmentStatus;
use crate::domain::date_of_birth::DateOfBirth;
use crate::domain::{Role, UserId};
use crate::dto::appointment_view::AppointmentView;
use crate::dto::patient_record::{PatientRecordView, RecordViewsPage, RecordVisit};
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::appointment_views::{self, AppointmentQuery};
use crate::server::error::{Doing, ServerResult};
use crate::server::record_views;
use crate::server::services::patient_details;
use crate::server::state::AppState;
use std::collections::HashMap;

/// Most visits a record lists.
const VISITS_LIMIT: i64 = 200;
/// Openings per page of the patient's log.
pub const LOG_PAGE_SIZE: u32 = 20;

/// `patient`'s record for `viewer`: a doctor of theirs, an admin, or the patient themselves
/// ("not found" for anyone else).
pub async fn open(
    state: &AppState,
    viewer: &SessionUser,
    patient: UserId,
) -> ServerResult<PatientRecordView> {
    patient_details::open(state, viewer, patient).await?;
    let details = patient_details::read(state, patient).await?;
    let now = state.clock.now();
    let today = state.config.clinic.time_zone.local(now).date();
    let age =
        details.date_of_birth.parse().ok().map(|born| DateOfBirth::from_stored(born).age_on(today));
    let all_doctors = viewer.role != Role::Doctor;
    let query = AppointmentQuery {
        patient: Some(patient),
        doctor: (!all_doctors).then_some(viewer.id),
        statuses: AppointmentStatus::ALL
            .iter()
            .copied()
            .filter(|s| !matches!(s, AppointmentStatus::Held | AppointmentStatus::Released))
            .collect(),
        newest_first: true,
        limit: VISITS_LIMIT,
        ..AppointmentQuery::default()
    };
    let visits = appointment_views::list(&state.db, &query, (viewer.role, viewer.id), now)
        .await
        .doing("listing a patient's visits")?;
    let visits = with_notes(state, viewer, visits).await?;
    Ok(PatientRecordView { details, age, visits, all_doctors })
}

/// `visits` with their notes: the summary for everyone who opens the record, the private note
/// for its author only.
async fn with_notes(
    state: &AppState,
    viewer: &SessionUser,
    visits: Vec<AppointmentView>,
) -> ServerResult<Vec<RecordVisit>> {
    let ids: Vec<i64> = visits.iter().map(|v| v.id.0).collect();
    let notes: Vec<(i64, i64, String, String, String)> = sqlx::query_as(
        "SELECT appointment_id, doctor_id, diagnosis, advice, private_note FROM visit_notes \
         WHERE appointment_id IN (SELECT value FROM json_each(?1))",
    )
    .bind(serde_json::to_string(&ids).unwrap_or_default())
    .fetch_all(&state.db)
    .await
    .doing("reading visit notes")?;
    let mut notes: HashMap<i64, (i64, String, String, String)> = notes
        .into_iter()
        .map(|(id, doctor, diagnosis, advice, private)| (id, (doctor, diagnosis, advice, private)))
        .collect();
    Ok(visits
        .into_iter()
        .map(|visit| match notes.remove(&visit.id.0) {
            Some((doctor, diagnosis, advice, private)) => RecordVisit {
                private_note: (viewer.role == Role::Doctor && viewer.id.0 == doctor)
                    .then_some(private)
                    .filter(|p| !p.is_empty()),
                diagnosis,
                advice,
                visit,
            },
            None => RecordVisit {
                visit,
                diagnosis: String::new(),
                advice: String::new(),
                private_note: None,
            },
        })
        .collect())
}

/// Page `page` (from 0) of who opened the signed-in patient's record.
pub async fn views_of_own_record(
    state: &AppState,
    patient: &SessionUser,
    page: u32,
) -> ServerResult<RecordViewsPage> {
    if patient.role != Role::Patient {
        return Err(AppError::Forbidden.into());
    }
    let offset = page.saturating_mul(LOG_PAGE_SIZE);
    let (entries, total) = record_views::list(state, patient.id, LOG_PAGE_SIZE, offset).await?;
    Ok(RecordViewsPage { entries, total, page, pages: total.div_ceil(LOG_PAGE_SIZE) })
}
