//! Asking a signed-in person for their password again before something that matters (a new
//! password, a new email address, closing the account).

use crate::domain::{Field, FieldErrorCode, UserId};
use crate::error::AppError;
use crate::server::error::{Doing, ServerResult};
use crate::server::state::AppState;
use crate::server::users;

/// Refuses at `field` unless `candidate` is `user`'s password.
pub async fn check(
    state: &AppState,
    user: UserId,
    candidate: &str,
    field: Field,
) -> ServerResult<()> {
    let credentials = users::find_credentials_by_id(&state.db, user)
        .await
        .doing("loading credentials")?
        .ok_or(AppError::Unauthenticated)?;
    if !state.hasher.verify(candidate, Some(&credentials.password_hash)).await {
        return Err(AppError::field(field, FieldErrorCode::Incorrect).into());
    }
    Ok(())
}
