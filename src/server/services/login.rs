//! Signing in by username or email.

use crate::api::session_user::SessionUser;
use crate::error::AppError;
use crate::server::auth;
use crate::server::failure::internal;
use crate::server::state::AppState;
use crate::server::users;
use tower_sessions::Session;

/// Longest login or password looked at (longer input cannot match and is not hashed).
const MAX_INPUT: usize = 256;

/// Checks the credentials and signs the session in. Unknown users and wrong passwords get the
/// same error after the same amount of hashing work.
pub async fn login(
    state: &AppState,
    session: &Session,
    login: &str,
    password: &str,
    remember: bool,
) -> Result<SessionUser, AppError> {
    if login.len() > MAX_INPUT || password.len() > MAX_INPUT {
        return Err(AppError::InvalidCredentials);
    }
    let credentials = users::find_credentials(&state.db, &login.trim().to_lowercase())
        .await
        .map_err(|e| internal("looking up credentials", e))?;
    let stored = credentials.as_ref().map(|c| c.password_hash.as_str());
    if !state.hasher.verify(password, stored).await {
        return Err(AppError::InvalidCredentials);
    }
    let credentials = credentials.ok_or(AppError::InvalidCredentials)?;
    if !credentials.is_active {
        return Err(AppError::AccountDeactivated);
    }
    let id = crate::domain::UserId(credentials.id);
    auth::sign_in(
        session,
        &state.config.session,
        id,
        credentials.auth_version,
        remember,
        state.now_unix(),
    )
    .await?;
    auth::require_user(state, session).await
}
