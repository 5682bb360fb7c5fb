//! A person's calendar subscription: what their account page shows, a new address (shown
//! once), stopping it, and a doctor's choice to see patients' names. Admins have no calendar.

use crate::domain::Role;
use crate::dto::calendar_feed::{CalendarFeedView, NewFeedAddress};
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::calendar::feeds;
use crate::server::error::{Doing, ServerResult};
use crate::server::state::AppState;

fn with_calendar(user: &SessionUser) -> ServerResult<()> {
    if user.role == Role::Admin { Err(AppError::Forbidden.into()) } else { Ok(()) }
}

/// The caller's subscription.
pub async fn view(state: &AppState, user: &SessionUser) -> ServerResult<CalendarFeedView> {
    with_calendar(user)?;
    let current = feeds::state(&state.db, user.id).await.doing("reading a calendar feed")?;
    Ok(CalendarFeedView {
        active_since: current.map(|feed| feed.since),
        patient_names: current.is_some_and(|feed| feed.patient_names),
        can_name_patients: user.role == Role::Doctor,
    })
}

/// A new address for the caller; the previous one (if any) answers 404 from now on.
pub async fn renew(state: &AppState, user: &SessionUser) -> ServerResult<NewFeedAddress> {
    with_calendar(user)?;
    let token = feeds::renew(&state.writer, user.id, state.clock.now())
        .await
        .doing("making a calendar feed address")?;
    let url = format!("{}/calendar/{token}.ics", state.config.mail.site_url);
    let webcal = match url.split_once("://") {
        Some((_, rest)) => format!("webcal://{rest}"),
        None => url.clone(),
    };
    Ok(NewFeedAddress { url, webcal })
}

/// Stops the caller's feed.
pub async fn stop(state: &AppState, user: &SessionUser) -> ServerResult<()> {
    with_calendar(user)?;
    feeds::stop(&state.writer, user.id).await.doing("stopping a calendar feed")
}

/// A doctor's choice to see patients' names in their feed (which must exist).
pub async fn save_privacy(state: &AppState, user: &SessionUser, names: bool) -> ServerResult<()> {
    if user.role != Role::Doctor {
        return Err(AppError::Forbidden.into());
    }
    let saved = feeds::show_patient_names(&state.writer, user.id, names)
        .await
        .doing("saving a calendar feed's privacy")?;
    if saved { Ok(()) } else { Err(AppError::NotFound.into()) }
}
