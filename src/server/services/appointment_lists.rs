//! The appointment lists of patients, doctors and admins.

use crate::domain::AppointmentId;
use crate::domain::booking::AppointmentStatus;
use crate::domain::calendar_date::parse_calendar_date;
use crate::domain::schedule::calendar::day_window;
use crate::domain::{Field, FieldErrorCode, UserId};
use crate::dto::appointment_lists::{AgendaView, AppointmentPage, PatientAppointments};
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::appointment_views::{self, AppointmentQuery};
use crate::server::error::Doing;
use crate::server::error::ServerResult;
use crate::server::schedules;
use crate::server::state::AppState;
use chrono::{Duration, NaiveDate};

/// Most appointments a patient's list shows.
const PATIENT_LIMIT: i64 = 500;
/// Rows per page of the admin's list.
pub const PAGE_SIZE: i64 = 20;

/// The patient's upcoming appointments (soonest first) and the rest (newest first).
pub async fn patient_appointments(
    state: &AppState,
    patient: &SessionUser,
) -> ServerResult<PatientAppointments> {
    let now = state.clock.now();
    let query = AppointmentQuery {
        patient: Some(patient.id),
        limit: PATIENT_LIMIT,
        ..AppointmentQuery::default()
    };
    let all = appointment_views::list(&state.db, &query, (patient.role, patient.id), now)
        .await
        .doing("listing a patient's appointments")?;
    let (mut upcoming, mut past) = (Vec::new(), Vec::new());
    for view in all {
        let lapsed_hold = view.status == AppointmentStatus::Held
            && view.hold_expires_at.is_none_or(|expires| expires <= now);
        if lapsed_hold {
            continue;
        }
        if view.status.is_active() && view.end > now {
            upcoming.push(view);
        } else {
            past.push(view);
        }
    }
    past.reverse();
    Ok(PatientAppointments { upcoming, past })
}

/// The doctor's agenda: `period` is "day" or "week" (seven days) from `date` (YYYY-MM-DD; empty
/// means today in the doctor's zone).
pub async fn doctor_agenda(
    state: &AppState,
    doctor: &SessionUser,
    date: &str,
    period: &str,
) -> ServerResult<AgendaView> {
    let record = schedules::find_doctor(&state.db, doctor.id)
        .await
        .doing("loading an agenda")?
        .ok_or(AppError::NotFound)?;
    let zone = record.settings.zone;
    let now = state.clock.now();
    let date = match optional_date(date)? {
        Some(date) => date,
        None => zone.local(now).date(),
    };
    let (first_day, days) = match period {
        "week" => (date, 7u8),
        "day" | "" => (date, 1),
        _ => return Err(AppError::BadRequest.into()),
    };
    let last_day = first_day + Duration::days(i64::from(days) - 1);
    let viewer = (doctor.role, doctor.id);
    let period_query = AppointmentQuery {
        doctor: Some(doctor.id),
        statuses: vec![
            AppointmentStatus::Pending,
            AppointmentStatus::Confirmed,
            AppointmentStatus::Completed,
            AppointmentStatus::NoShow,
        ],
        from: Some(day_window(zone, first_day).0),
        to: Some(day_window(zone, last_day).1),
        limit: 1000,
        ..AppointmentQuery::default()
    };
    let appointments = appointment_views::list(&state.db, &period_query, viewer, now)
        .await
        .doing("loading an agenda")?;
    let pending_query = AppointmentQuery {
        doctor: Some(doctor.id),
        statuses: vec![AppointmentStatus::Pending],
        from: Some(now),
        limit: 200,
        ..AppointmentQuery::default()
    };
    let pending = appointment_views::list(&state.db, &pending_query, viewer, now)
        .await
        .doing("loading an agenda")?;
    Ok(AgendaView { first_day, days, time_zone: zone, appointments, pending })
}

/// What the admin filters by, as typed in the filter form (empty = any).
#[derive(Debug, Clone, Default)]
pub struct AdminFilter<'a> {
    pub doctor: &'a str,
    pub patient: &'a str,
    pub status: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub search: &'a str,
    pub page: &'a str,
}

/// One page of every appointment matching `filter`, newest first. Dates are the clinic's.
pub async fn admin_appointments(
    state: &AppState,
    admin: &SessionUser,
    filter: &AdminFilter<'_>,
) -> ServerResult<AppointmentPage> {
    let zone = state.config.clinic.time_zone;
    let statuses = match filter.status.trim() {
        "" => Vec::new(),
        "active" => vec![AppointmentStatus::Pending, AppointmentStatus::Confirmed],
        "standing" => vec![
            AppointmentStatus::Pending,
            AppointmentStatus::Confirmed,
            AppointmentStatus::Completed,
        ],
        "called_off" => vec![AppointmentStatus::Cancelled, AppointmentStatus::Rejected],
        raw => vec![AppointmentStatus::parse(raw).ok_or(AppError::BadRequest)?],
    };
    let from = optional_date(filter.from)?;
    let to = optional_date(filter.to)?;
    if let (Some(from), Some(to)) = (from, to)
        && to < from
    {
        return Err(AppError::field(Field::Date, FieldErrorCode::EndBeforeStart).into());
    }
    if filter.search.chars().count() > 100 {
        return Err(AppError::field(Field::Note, FieldErrorCode::TooLong).into());
    }
    let mut query = AppointmentQuery {
        doctor: optional_id(filter.doctor)?,
        patient: optional_id(filter.patient)?,
        statuses,
        from: from.map(|d| day_window(zone, d).0),
        to: to.map(|d| day_window(zone, d).1),
        search: filter.search.trim().to_owned(),
        newest_first: true,
        limit: PAGE_SIZE,
        offset: 0,
        id: None,
    };
    let total = appointment_views::count(&state.db, &query).await.doing("listing appointments")?;
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let page = match filter.page.trim() {
        "" => 1,
        raw => raw.parse::<i64>().map_err(|_| AppError::BadRequest)?.clamp(1, pages),
    };
    query.offset = (page - 1) * PAGE_SIZE;
    let items =
        appointment_views::list(&state.db, &query, (admin.role, admin.id), state.clock.now())
            .await
            .doing("listing appointments")?;
    Ok(AppointmentPage { items, total, page, pages, time_zone: zone })
}

fn optional_date(raw: &str) -> Result<Option<NaiveDate>, AppError> {
    match raw.trim() {
        "" => Ok(None),
        raw => parse_calendar_date(raw)
            .map(Some)
            .ok_or(AppError::field(Field::Date, FieldErrorCode::InvalidFormat)),
    }
}

/// A user id typed in a filter, or `None` when empty.
pub fn optional_id(raw: &str) -> Result<Option<UserId>, AppError> {
    match raw.trim() {
        "" => Ok(None),
        raw => raw.parse().map(|id| Some(UserId(id))).map_err(|_| AppError::BadRequest),
    }
}

/// One appointment, for one of its parties or an admin ("not found" for anyone else).
pub async fn one_appointment(
    state: &AppState,
    user: &SessionUser,
    appointment: AppointmentId,
) -> ServerResult<crate::dto::appointment_view::AppointmentView> {
    let query = AppointmentQuery {
        id: Some(appointment),
        statuses: AppointmentStatus::ALL.to_vec(),
        limit: 1,
        ..AppointmentQuery::default()
    };
    let found = appointment_views::list(&state.db, &query, (user.role, user.id), state.clock.now())
        .await
        .doing("loading an appointment")?;
    let mine = found.into_iter().find(|view| {
        crate::domain::booking::actor_for(user.role, user.id, view.patient_id, view.doctor_id)
            .is_some()
    });
    Ok(mine.ok_or(AppError::NotFound)?)
}
