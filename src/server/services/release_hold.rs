//! A patient lets their hold go (chose another time, or left the confirmation step).

use crate::api::session_user::SessionUser;
use crate::domain::UserId;
use crate::domain::booking::{Actor, AppointmentStatus};
use crate::error::AppError;
use crate::server::failure::internal;
use crate::server::state::AppState;
use crate::server::{appointments, db};

/// Releases hold `appointment` of `patient` and returns its doctor. Releasing one that is
/// already gone is fine; someone else's is "not found".
pub async fn release_hold(
    state: &AppState,
    patient: &SessionUser,
    appointment: i64,
) -> Result<UserId, AppError> {
    let now = state.clock.now();
    let fail = |e| internal("releasing a hold", e);
    let mut tx = db::begin_write(&state.writer).await.map_err(fail)?;
    let facts = appointments::facts(&mut tx, appointment)
        .await
        .map_err(fail)?
        .filter(|f| f.patient == patient.id)
        .ok_or(AppError::NotFound)?;
    if facts.status == AppointmentStatus::Held {
        appointments::set_status(
            &mut tx,
            appointment,
            AppointmentStatus::Released,
            Actor::Patient,
            "",
            now,
        )
        .await
        .map_err(fail)?;
    }
    tx.commit().await.map_err(fail)?;
    Ok(facts.doctor)
}
