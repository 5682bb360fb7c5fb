//! Admin actions on accounts: verifying doctors, deactivating and reactivating users.

use crate::domain::UserId;
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::error::Doing;
use crate::server::error::ServerResult;
use crate::server::state::AppState;
use crate::server::{db, doctors, users};

/// Most users listed at once.
pub const USER_LIST_LIMIT: i64 = 200;

/// Users matching `filter` (the caller is an admin): `show` is a role, `unverified` or empty;
/// `search` (at most 100 characters) matches name, username or email.
pub async fn list_users(
    state: &AppState,
    filter: &crate::dto::user_filter::UserFilter,
) -> ServerResult<Vec<crate::dto::user_view::UserView>> {
    if filter.search.chars().count() > 100 {
        return Err(AppError::BadRequest.into());
    }
    users::list_views(&state.db, filter, USER_LIST_LIMIT).await.doing("listing users")
}

/// Marks a doctor as verified so patients can find them.
pub async fn verify_doctor(
    state: &AppState,
    admin: &SessionUser,
    doctor: UserId,
) -> ServerResult<()> {
    let mut tx = db::begin_write(&state.writer).await.doing("starting verify")?;
    let found = doctors::mark_verified(&mut tx, doctor, admin.id, state.clock.now())
        .await
        .doing("verifying doctor")?;
    if !found {
        return Err(AppError::NotFound.into());
    }
    tx.commit().await.doing("committing verify")?;
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
) -> ServerResult<()> {
    if user == admin.id && !active {
        return Err(AppError::Forbidden.into());
    }
    let mut tx = db::begin_write(&state.writer).await.doing("starting update")?;
    let role = users::role_of(&mut tx, user).await.doing("loading role")?;
    if role.is_none() {
        return Err(AppError::NotFound.into());
    }
    users::set_active(&mut tx, user, active, state.clock.now()).await.doing("updating user")?;
    tx.commit().await.doing("committing update")?;
    tracing::info!(admin = %admin.id, user = %user, active, "user activity changed");
    Ok(())
}
