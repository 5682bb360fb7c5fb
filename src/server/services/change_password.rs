//! Changing one's own password.

use crate::domain::{Field, FieldErrorCode, Password};
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::error::Doing;
use crate::server::error::ServerResult;
use crate::server::state::AppState;
use crate::server::{auth, db, users};
use tower_sessions::Session;

/// Replaces the password after checking the current one. Every other session of the user ends;
/// this one stays signed in.
pub async fn change_password(
    state: &AppState,
    session: &Session,
    user: &SessionUser,
    current: &str,
    new: &str,
) -> ServerResult<()> {
    super::own_password::check(state, user.id, current, Field::CurrentPassword).await?;
    if current == new {
        return Err(AppError::field(Field::NewPassword, FieldErrorCode::SameAsCurrent).into());
    }
    let password = Password::parse(new, Field::NewPassword, &[user.username.as_str()])?;
    let hash = state.hasher.hash(&password).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.writer).await.doing("starting update")?;
    let version =
        users::set_password(&mut tx, user.id, &hash, now).await.doing("storing password")?;
    tx.commit().await.doing("committing password")?;
    auth::refresh_version(session, &state.config.session, version, now).await?;
    tracing::info!(user = %user.id, "password changed; other sessions ended");
    Ok(())
}
