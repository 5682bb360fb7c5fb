//! Proving an email address with a one-time code: sending (and resending) the code, checking it.

use super::one_time_code::{Recipient, check_code, prepare_code, store_code};
use crate::domain::otp::{CodeRefusal, OtpPurpose};
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::error::Doing;
use crate::server::error::ServerResult;
use crate::server::state::AppState;
use crate::server::{db, otp_codes};

/// Sends the signed-in user a new code for their address, within the resend limits. Answers
/// false (and sends nothing) when the address is already verified.
pub async fn resend_verification_code(state: &AppState, user: &SessionUser) -> ServerResult<bool> {
    let (email, verified): (String, Option<i64>) =
        sqlx::query_as("SELECT email, email_verified_at FROM users WHERE id = ?1")
            .bind(user.id.0)
            .fetch_one(&state.db)
            .await
            .doing("resending a code")?;
    if verified.is_some() {
        return Ok(false);
    }
    let prepared = prepare_code(state).await?;
    let mut tx = db::begin_write(&state.writer).await.doing("resending a code")?;
    let to = Recipient { user: user.id, email: &email, name: &user.full_name };
    store_code(&mut tx, prepared, OtpPurpose::VerifyEmail, &to, state, state.clock.now()).await?;
    tx.commit().await.doing("resending a code")?;
    Ok(true)
}

/// Checks `raw_code` against the user's live verification code; when it matches, the address
/// is verified.
pub async fn verify_email(
    state: &AppState,
    user: &SessionUser,
    raw_code: &str,
) -> ServerResult<()> {
    let now = state.clock.now();
    let live = check_code(state, user.id, OtpPurpose::VerifyEmail, raw_code, now).await?;
    let mut tx = db::begin_write(&state.writer).await.doing("verifying a code")?;
    if !otp_codes::mark_used(&mut tx, live.id, now).await.doing("verifying a code")? {
        // A newer code replaced this one while it was being checked.
        return Err(AppError::CodeRefused(CodeRefusal::NoCode).into());
    }
    sqlx::query(
        "UPDATE users SET email_verified_at = ?2, updated_at = ?2 WHERE id = ?1 AND email = ?3",
    )
    .bind(user.id.0)
    .bind(now.timestamp())
    .bind(&live.email)
    .execute(&mut *tx)
    .await
    .doing("verifying a code")?;
    tx.commit().await.doing("verifying a code")?;
    tracing::info!(user = %user.id, "email verified");
    Ok(())
}
