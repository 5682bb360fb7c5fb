//! Choosing a new password with a code emailed to the account's address. Neither step tells
//! whether an address is registered: the answers, and the work done, are the same either way.

use super::one_time_code::{Recipient, check_code, prepare_code, store_code};
use crate::domain::otp::OtpPurpose;
use crate::domain::{Email, Field, Password};
use crate::error::AppError;
use crate::server::failure::internal;
use crate::server::state::AppState;
use crate::server::{db, otp_codes, users};

/// Emails a reset code to `raw_email` if an active account has it (within the resend limits).
/// Answers the same whether or not it does.
pub async fn request_password_reset(state: &AppState, raw_email: &str) -> Result<(), AppError> {
    let email = Email::parse(raw_email)?;
    let fail = |e| internal("requesting a reset", e);
    // Made (and hashed) in every case, so unknown addresses take as long as known ones.
    let prepared = prepare_code(state).await?;
    let owner = users::find_by_email(&state.db, email.as_str()).await.map_err(fail)?;
    let Some((user, _, name, true)) = owner else {
        return Ok(());
    };
    let mut tx = db::begin_write(&state.writer).await.map_err(fail)?;
    let to = Recipient { user, email: email.as_str(), name: &name };
    let policy = state.config.otp;
    let now = state.clock.now();
    match store_code(&mut tx, prepared, OtpPurpose::ResetPassword, &to, &policy, now).await {
        Ok(()) => tx.commit().await.map_err(fail)?,
        // Over the limits: nothing is sent, and the answer stays the same.
        Err(AppError::ResendRefused(_)) => {}
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
) -> Result<(), AppError> {
    let email = Email::parse(raw_email)?;
    let fail = |e| internal("resetting a password", e);
    let owner = users::find_by_email(&state.db, email.as_str()).await.map_err(fail)?;
    let Some((user, username, _, true)) = owner else {
        // The same work as checking a real code.
        state.hasher.verify(raw_code, None).await;
        return Err(AppError::ResetCodeInvalid);
    };
    let password = Password::parse(new_password, Field::NewPassword, &[username.as_str()])?;
    let now = state.clock.now();
    let live = check_code(state, user, OtpPurpose::ResetPassword, raw_code, now).await.map_err(
        |e| match e {
            AppError::Internal => AppError::Internal,
            _ => AppError::ResetCodeInvalid,
        },
    )?;
    let hash = state.hasher.hash(&password).await?;
    let mut tx = db::begin_write(&state.writer).await.map_err(fail)?;
    if !otp_codes::mark_used(&mut tx, live.id, now.timestamp()).await.map_err(fail)? {
        return Err(AppError::ResetCodeInvalid);
    }
    users::set_password(&mut tx, user, &hash, now.timestamp()).await.map_err(fail)?;
    sqlx::query(
        "UPDATE users SET email_verified_at = COALESCE(email_verified_at, ?2) WHERE id = ?1",
    )
    .bind(user.0)
    .bind(now.timestamp())
    .execute(&mut *tx)
    .await
    .map_err(fail)?;
    tx.commit().await.map_err(fail)?;
    tracing::info!(user = %user, "password reset by code; every session ended");
    Ok(())
}
