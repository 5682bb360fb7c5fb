//! The calendar files served over plain HTTP: a person's subscription feed
//! (`/calendar/<token>.ics`, no cookie: calendar apps fetch it) and one appointment's event
//! (`/appointments/<id>/calendar.ics`, for its signed-in patient or doctor).

use super::{feeds, ics, site_host, visits};
use crate::domain::{AppointmentId, Role};
use crate::error::AppError;
use crate::server::auth;
use crate::server::error::ServerError;
use crate::server::refusal_response;
use crate::server::state::AppState;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// Where feeds are served: `/calendar/<token>.ics`.
pub const FEED_ROUTE: &str = "/calendar/{file}";
/// One appointment's event.
pub const APPOINTMENT_ROUTE: &str = "/appointments/{id}/calendar.ics";

fn calendar(text: String, filename: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("inline; filename=\"{filename}\"")),
            // Personal data: never kept by a shared cache; the calendar app asks again.
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        text,
    )
        .into_response()
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, [(header::CACHE_CONTROL, "no-store")], "No such calendar.")
        .into_response()
}

/// The feed a token opens; 404 for an unknown, replaced or stopped token (the same answer
/// for each, and for a deactivated or closed account).
pub async fn feed(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(token) = file.strip_suffix(".ics") else { return not_found() };
    let owner = match feeds::owner(&state.db, token).await {
        Ok(Some(owner)) => owner,
        Ok(None) => return not_found(),
        Err(error) => return failure("reading a calendar feed's owner", error),
    };
    let site = &state.config.mail.site_url;
    match visits::of_feed(&state.db, &owner, site, state.clock.now()).await {
        Ok(events) => {
            let name = format!("MediBook — {}", owner.name);
            calendar(ics::feed(&name, &events, &site_host(site)), "medibook.ics")
        }
        Err(error) => failure("reading a calendar feed", error),
    }
}

/// One appointment as an `.ics` file ("Add to Apple Calendar" and any other app that opens
/// one); 401 signed out, 404 for anyone but its patient and doctor.
pub async fn appointment(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else { return not_found() };
    let user = match auth::require_user(&state, &session).await {
        Ok(user) if user.role != Role::Admin => user,
        Ok(_) => return not_found(),
        Err(error) => return refusal_response::plain(&error.into_answer()),
    };
    let site = &state.config.mail.site_url;
    match visits::of_appointment(&state.db, AppointmentId(id), (user.id, user.role), site).await {
        Ok(Some(event)) => {
            calendar(ics::single(&event, &site_host(site)), &format!("appointment-{id}.ics"))
        }
        Ok(None) => not_found(),
        Err(error) => failure("reading an appointment for its calendar file", error),
    }
}

#[track_caller]
fn failure(doing: &'static str, error: sqlx::Error) -> Response {
    let answer: AppError = ServerError::failed(doing, error).into_answer();
    refusal_response::plain(&answer)
}
