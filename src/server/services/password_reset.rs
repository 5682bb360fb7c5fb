//! Choosing a new password with a code emailed to the account's address. Neither step tells
//! whether an address is registered: the answers, and the work done, are the same either way.

use super::one_time_code::{Recipient, prepare_code, store_code};
use crate::domain::UserId;
use crate::domain::otp::{OtpCode, OtpPurpose, may_check};
use crate::domain::{Email, Field, Password};
use crate::error::AppError;
use crate::server::error::ServerResult;
use crate::server::error::{Doing, ServerError};
use crate::server::otp_codes::LiveCode;
use crate::server::state::AppState;
use crate::server::{db, otp_codes, users};
use chrono::{DateTime, Utc};

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
    let now = state.clock.now();
    match store_code(&mut tx, prepared, OtpPurpose::ResetPassword, &to, state, now).await {
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
    // Not six digits: refused before any lookup, for every address alike.
    let code = OtpCode::parse(raw_code).ok_or(AppError::ResetCodeInvalid)?;
    let now = state.clock.now();
    let (user, username, live) = match code_to_check(state, &email, now).await? {
        Some(found) => found,
        None => {
            // The same work as a real check: a write (the guess counted) and a hash.
            db::begin_write(&state.writer).await.doing("resetting a password")?;
            state.hasher.verify(code.as_str(), None).await;
            return Err(AppError::ResetCodeInvalid.into());
        }
    };
    if !state.hasher.verify(code.as_str(), Some(&live.hash)).await {
        return Err(AppError::ResetCodeInvalid.into());
    }
    // Only someone holding the live code hears the password rules.
    let password = Password::parse(new_password, Field::NewPassword, &[username.as_str()])?;
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

/// The live reset code of the active account with `email`, with its guess counted (in its own
/// committed write, before the check, so parallel guesses cannot exceed the limit); `None` when
/// there is no such account, no live code, or no guess left.
async fn code_to_check(
    state: &AppState,
    email: &Email,
    now: DateTime<Utc>,
) -> ServerResult<Option<(UserId, String, LiveCode)>> {
    let owner =
        users::find_by_email(&state.db, email.as_str()).await.doing("resetting a password")?;
    let Some((user, username, _, true)) = owner else { return Ok(None) };
    let mut conn = state.db.acquire().await.doing("resetting a password")?;
    let live = otp_codes::live(&mut conn, user, OtpPurpose::ResetPassword)
        .await
        .doing("resetting a password")?;
    drop(conn);
    let policy = state.config.otp;
    let Some(live) = live.filter(|live| may_check(&policy, &live.state, now).is_ok()) else {
        return Ok(None);
    };
    let mut tx = db::begin_write(&state.writer).await.doing("resetting a password")?;
    let reserved = otp_codes::reserve_guess(&mut tx, live.id, policy.max_attempts)
        .await
        .doing("resetting a password")?;
    tx.commit().await.doing("resetting a password")?;
    Ok(reserved.then_some((user, username, live)))
}
