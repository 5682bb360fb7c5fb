//! Choosing a new password with a code emailed to the account's address. Neither step tells
//! whether an address is registered: the answers, and the work done, are the same either way.

use super::one_time_code::{Recipient, check_code, prepare_code, store_code};
use crate::domain::otp::OtpPurpose;
use crate::domain::{Email, Field, Password};
use crate::error::AppError;
use crate::server::error::ServerResult;
use crate::server::error::{Doing, ServerError};
use crate::server::state::AppState;
use crate::server::{db, otp_codes, users};

/// Emails a reset code to `raw_email` if an active account has it (within the resend limits).
/// Answers the same whether or not it does.
pub async fn request_password_reset(state: &AppState, raw_email: &str) -> ServerResult<()> {
    let email = Email::parse(raw_email)?;
    // Made (and hashed) in every case, so unknown addresses take as long as known ones.
    let prepared = prepare_code(state).await?;
    let owner =
        users::find_by_email(&state.db, email.as_str()).await.doing("requesting a reset")?;
    let Some((user, _, name, true)) = owner else {
        return Ok(());
    };
    let mut tx = db::begin_write(&state.writer).await.doing("requesting a reset")?;
    let to = Recipient { user, email: email.as_str(), name: &name };
    let policy = state.config.otp;
    let now = state.clock.now();
    match store_code(&mut tx, prepared, OtpPurpose::ResetPassword, &to, &policy, now).await {
        Ok(()) => tx.commit().await.doing("requesting a reset")?,
        // Over the limits: nothing is sent, and the answer stays the same.
        Err(ServerError::App(AppError::ResendRefused(_))) => {}
        Err(other) => return Err(other),
    }
    Ok(())
}

/// Sets a new password for the account with `raw_email` when `raw_code` is its live reset code.
/// Every other session of the account ends, and the address counts as verified. Any problem
/// with the address or the code gets the one answer `ResetCodeInvalid`.
pub async fn reset_password(
    state: &AppState,
    raw_email: &str,
    raw_code: &str,
    new_password: &str,
) -> ServerResult<()> {
    let email = Email::parse(raw_email)?;
    let owner =
        users::find_by_email(&state.db, email.as_str()).await.doing("resetting a password")?;
    let Some((user, username, _, true)) = owner else {
        // The same work as checking a real code.
        state.hasher.verify(raw_code, None).await;
        return Err(AppError::ResetCodeInvalid.into());
    };
    let password = Password::parse(new_password, Field::NewPassword, &[username.as_str()])?;
    let now = state.clock.now();
    let live = check_code(state, user, OtpPurpose::ResetPassword, raw_code, now).await.map_err(
        |e| match e {
            ServerError::Failed(failure) => ServerError::Failed(failure),
            ServerError::App(_) => AppError::ResetCodeInvalid.into(),
        },
    )?;
    let hash = state.hasher.hash(&password).await?;
    let mut tx = db::begin_write(&state.writer).await.doing("resetting a password")?;
    if !otp_codes::mark_used(&mut tx, live.id, now).await.doing("resetting a password")? {
        return Err(AppError::ResetCodeInvalid.into());
    }
    users::set_password(&mut tx, user, &hash, now).await.doing("resetting a password")?;
    sqlx::query(
        "UPDATE users SET email_verified_at = COALESCE(email_verified_at, ?2) WHERE id = ?1",
    )
    .bind(user.0)
    .bind(now.timestamp())
    .execute(&mut *tx)
    .await
    .doing("resetting a password")?;
    tx.commit().await.doing("resetting a password")?;
    tracing::info!(user = %user, "password reset by code; every session ended");
    Ok(())
}
