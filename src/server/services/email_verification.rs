//! Proving an email address with a one-time code: sending (and resending) the code, checking it.

use crate::api::session_user::SessionUser;
use crate::domain::UserId;
use crate::domain::otp::{
    CODE_SPACE, CodeRefusal, OtpCode, OtpPolicy, OtpPurpose, attempts_left_after_wrong_guess,
    may_check, may_send,
};
use crate::error::AppError;
use crate::server::failure::internal;
use crate::server::mail::MailTemplate;
use crate::server::state::AppState;
use crate::server::{db, jobs, otp_codes};
use chrono::Duration;
use rand::Rng;
use rand::rngs::OsRng;
use sqlx::SqliteConnection;

/// A fresh code and its hash, made before any write lock is taken (hashing is slow).
pub struct PreparedCode {
    code: OtpCode,
    hash: String,
}

/// Draws a code from the operating system's CSPRNG and hashes it.
pub async fn prepare_code(state: &AppState) -> Result<PreparedCode, AppError> {
    let number = OsRng.gen_range(0..CODE_SPACE);
    let code = OtpCode::from_number(number).ok_or(AppError::Internal)?;
    let hash = state.hasher.hash_code(&code).await?;
    Ok(PreparedCode { code, hash })
}

/// Who a code goes to.
pub struct Recipient<'a> {
    pub user: UserId,
    pub email: &'a str,
    pub name: &'a str,
}

/// In the caller's write transaction: checks the resend limits, stores the code's hash
/// (superseding the previous code) and queues the mail that carries it.
pub async fn store_code(
    conn: &mut SqliteConnection,
    prepared: PreparedCode,
    purpose: OtpPurpose,
    to: &Recipient<'_>,
    policy: &OtpPolicy,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    let fail = |e| internal("storing a code", e);
    let since = (now - Duration::hours(1)).timestamp();
    let sent = otp_codes::sent_since(&mut *conn, to.user, purpose, since).await.map_err(fail)?;
    may_send(policy, &sent, now).map_err(AppError::ResendRefused)?;
    let at = now.timestamp();
    otp_codes::replace(&mut *conn, to.user, purpose, &prepared.hash, to.email, at)
        .await
        .map_err(fail)?;
    let mail = MailTemplate::VerificationCode {
        to: to.email.to_owned(),
        name: to.name.to_owned(),
        code: prepared.code.as_str().to_owned(),
        minutes: policy.lifetime.num_minutes(),
    };
    jobs::enqueue_mail(conn, &mail, at, at).await.map_err(fail)?;
    Ok(())
}

/// Sends the signed-in user a new code for their address, within the resend limits. Answers
/// false (and sends nothing) when the address is already verified.
pub async fn resend_verification_code(
    state: &AppState,
    user: &SessionUser,
) -> Result<bool, AppError> {
    let fail = |e| internal("resending a code", e);
    let (email, verified): (String, Option<i64>) =
        sqlx::query_as("SELECT email, email_verified_at FROM users WHERE id = ?1")
            .bind(user.id.0)
            .fetch_one(&state.db)
            .await
            .map_err(fail)?;
    if verified.is_some() {
        return Ok(false);
    }
    let prepared = prepare_code(state).await?;
    let mut tx = db::begin_write(&state.writer).await.map_err(fail)?;
    let to = Recipient { user: user.id, email: &email, name: &user.full_name };
    let policy = state.config.otp;
    store_code(&mut tx, prepared, OtpPurpose::VerifyEmail, &to, &policy, state.clock.now()).await?;
    tx.commit().await.map_err(fail)?;
    Ok(true)
}

/// Checks `raw_code` against the user's live verification code; when it matches, the address
/// is verified. Every guess is counted before it is checked, so even parallel guesses get at
/// most `otp.max_attempts` tries at a code.
pub async fn verify_email(
    state: &AppState,
    user: &SessionUser,
    raw_code: &str,
) -> Result<(), AppError> {
    let fail = |e| internal("verifying a code", e);
    let policy = state.config.otp;
    let now = state.clock.now();
    let mut conn = state.db.acquire().await.map_err(fail)?;
    let live = otp_codes::live(&mut conn, user.id, OtpPurpose::VerifyEmail).await.map_err(fail)?;
    drop(conn);
    let live = live.ok_or(AppError::CodeRefused(CodeRefusal::NoCode))?;
    may_check(&policy, &live.state, now).map_err(AppError::CodeRefused)?;
    let attempts_left = attempts_left_after_wrong_guess(&policy, &live.state);
    let Some(code) = OtpCode::parse(raw_code) else {
        // Not six digits: not a guess at the code, so it costs nothing.
        return Err(AppError::WrongCode { attempts_left: attempts_left + 1 });
    };
    let mut tx = db::begin_write(&state.writer).await.map_err(fail)?;
    let reserved =
        otp_codes::reserve_guess(&mut tx, live.id, policy.max_attempts).await.map_err(fail)?;
    tx.commit().await.map_err(fail)?;
    if !reserved {
        return Err(AppError::CodeRefused(CodeRefusal::TooManyAttempts));
    }
    if !state.hasher.verify(code.as_str(), Some(&live.hash)).await {
        return Err(AppError::WrongCode { attempts_left });
    }
    let mut tx = db::begin_write(&state.writer).await.map_err(fail)?;
    if !otp_codes::mark_used(&mut tx, live.id, now.timestamp()).await.map_err(fail)? {
        // A newer code replaced this one while it was being checked.
        return Err(AppError::CodeRefused(CodeRefusal::NoCode));
    }
    sqlx::query(
        "UPDATE users SET email_verified_at = ?2, updated_at = ?2 WHERE id = ?1 AND email = ?3",
    )
    .bind(user.id.0)
    .bind(now.timestamp())
    .bind(&live.email)
    .execute(&mut *tx)
    .await
    .map_err(fail)?;
    tx.commit().await.map_err(fail)?;
    tracing::info!(user = %user.id, "email verified");
    Ok(())
}
