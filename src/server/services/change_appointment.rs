//! Accept, reject, cancel, complete or mark a no-show: one legal status change at a time, with
//! the paid fee settled to the doctor or refunded by the policy in the same transaction.

use crate::domain::AppointmentId;
use crate::domain::booking::{AppointmentAction, AppointmentStatus, actor_for, parse_note};
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::error::Doing;
use crate::server::error::ServerResult;
use crate::server::state::AppState;
use crate::server::{appointments, db, payments};

/// Applies `action` (a form value) to `appointment` for `user`, with `note` (required to reject
/// or cancel). Someone else's appointment is "not found"; repeating a change that already
/// happened answers the same status (a double click changes nothing).
pub async fn change_appointment(
    state: &AppState,
    user: &SessionUser,
    appointment: AppointmentId,
    action: &str,
    note: &str,
) -> ServerResult<AppointmentStatus> {
    let action = AppointmentAction::parse(action).ok_or(AppError::BadRequest)?;
    let note = parse_note(note, action.needs_reason())?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.writer).await.doing("changing an appointment")?;
    let facts = appointments::facts(&mut tx, appointment).await.doing("changing an appointment")?;
    let (facts, actor) = facts
        .and_then(|f| actor_for(user.role, user.id, f.patient, f.doctor).map(|a| (f, a)))
        .ok_or(AppError::NotFound)?;
    let target = action.target();
    if facts.status == target {
        return Ok(target);
    }
    action.check(facts.status, actor, now >= facts.start)?;
    // The fee leaves escrow in the same transaction (SQLite refuses the change otherwise).
    payments::closing::close_escrow(&mut tx, state, &facts, target, actor, now)
        .await
        .doing("changing an appointment")?;
    appointments::set_status(&mut tx, appointment, target, actor, &note, now)
        .await
        .doing("changing an appointment")?;
    tx.commit().await.doing("changing an appointment")?;
    Ok(target)
}
