//! A patient lets their hold go (chose another time, or left the confirmation step).

use crate::domain::AppointmentId;
use crate::domain::UserId;
use crate::domain::booking::{Actor, AppointmentStatus};
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::error::{Doing, ServerResult};
use crate::server::state::AppState;
use crate::server::{appointments, db};

/// Releases hold `appointment` of `patient` and returns its doctor. Releasing one that is
/// already gone is fine; someone else's is "not found".
pub async fn release_hold(
    state: &AppState,
    patient: &SessionUser,
    appointment: AppointmentId,
) -> ServerResult<UserId> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.writer).await.doing("releasing a hold")?;
    let facts = appointments::facts(&mut tx, appointment)
        .await
        .doing("releasing a hold")?
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
        .doing("releasing a hold")?;
    }
    tx.commit().await.doing("releasing a hold")?;
    Ok(facts.doctor)
}
