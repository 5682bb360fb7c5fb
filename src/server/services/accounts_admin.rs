//! Admin actions on accounts: verifying doctors, deactivating and reactivating users.

use crate::api::session_user::SessionUser;
use crate::domain::UserId;
use crate::error::AppError;
use crate::server::failure::internal;
use crate::server::state::AppState;
use crate::server::{db, doctors, users};

/// Marks a doctor as verified so patients can find them.
pub async fn verify_doctor(
    state: &AppState,
    admin: &SessionUser,
    doctor: UserId,
) -> Result<(), AppError> {
    let mut tx =
        db::begin_write(&state.writer).await.map_err(|e| internal("starting verify", e))?;
    let found = doctors::mark_verified(&mut tx, doctor, admin.id, state.now_unix())
        .await
        .map_err(|e| internal("verifying doctor", e))?;
    if !found {
        return Err(AppError::NotFound);
    }
    tx.commit().await.map_err(|e| internal("committing verify", e))?;
    tracing::info!(admin = %admin.id, doctor = %doctor, "doctor verified");
    Ok(())
}

/// Deactivates (ending all their sessions) or reactivates a user. Admins cannot deactivate
/// themselves, so a clinic is never left without a working admin by accident.
pub async fn set_user_active(
    state: &AppState,
    admin: &SessionUser,
    user: UserId,
    active: bool,
) -> Result<(), AppError> {
    if user == admin.id && !active {
        return Err(AppError::Forbidden);
    }
    let mut tx =
        db::begin_write(&state.writer).await.map_err(|e| internal("starting update", e))?;
    let role = users::role_of(&mut tx, user).await.map_err(|e| internal("loading role", e))?;
    if role.is_none() {
        return Err(AppError::NotFound);
    }
    users::set_active(&mut tx, user, active, state.now_unix())
        .await
        .map_err(|e| internal("updating user", e))?;
    tx.commit().await.map_err(|e| internal("committing update", e))?;
    tracing::info!(admin = %admin.id, user = %user, active, "user activity changed");
    Ok(())
}
