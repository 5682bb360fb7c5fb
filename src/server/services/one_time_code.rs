//! One-time codes by email, shared by email verification and password reset: making a code,
//! storing it with the mail that carries it, and checking a guess.

use crate::domain::UserId;
use crate::domain::otp::{
    CODE_SPACE, CodeRefusal, OtpCode, OtpPurpose, attempts_left_after_wrong_guess, may_check,
    may_send,
};
use crate::error::AppError;
use crate::server::error::ServerResult;
use crate::server::error::{Doing, ServerError};
use crate::server::mail::MailTemplate;
use crate::server::otp_codes::LiveCode;
use crate::server::state::AppState;
use crate::server::{db, jobs, otp_codes};
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use rand::rngs::OsRng;
use sqlx::SqliteConnection;

/// A fresh code and its hash, made before any write lock is taken (hashing is slow).
pub struct PreparedCode {
    code: OtpCode,
    hash: String,
}

/// Draws a code from the operating system's CSPRNG and hashes it.
pub async fn prepare_code(state: &AppState) -> ServerResult<PreparedCode> {
    let number = OsRng.gen_range(0..CODE_SPACE);
    let code = OtpCode::from_number(number)
        .ok_or_else(|| ServerError::broken("drawing a code", "a number outside six digits"))?;
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
    state: &AppState,
    now: DateTime<Utc>,
) -> ServerResult<()> {
    let policy = &state.config.otp;
    let since = (now - Duration::hours(1)).timestamp();
    let sent =
        otp_codes::sent_since(&mut *conn, to.user, purpose, since).await.doing("storing a code")?;
    may_send(policy, &sent, now).map_err(AppError::ResendRefused)?;
    otp_codes::replace(&mut *conn, to.user, purpose, &prepared.hash, to.email, now)
        .await
        .doing("storing a code")?;
    let mail = MailTemplate::Code {
        purpose,
        to: to.email.to_owned(),
        name: to.name.to_owned(),
        // In production the database never holds a readable code.
        code: match &state.code_vault {
            Some(vault) => vault.seal(prepared.code.as_str()),
            None => prepared.code.as_str().to_owned(),
        },
        minutes: policy.lifetime.num_minutes(),
    };
    jobs::enqueue_mail(conn, &mail, now, now).await.doing("storing a code")?;
    Ok(())
}

/// Checks `raw_code` against the live code of `user` for `purpose` and answers it when it
/// matches (the caller marks it used in the transaction that acts on it). Every guess is counted
/// before it is checked, so even parallel guesses get at most `otp.max_attempts` tries.
pub async fn check_code(
    state: &AppState,
    user: UserId,
    purpose: OtpPurpose,
    raw_code: &str,
    now: DateTime<Utc>,
) -> ServerResult<LiveCode> {
    let policy = state.config.otp;
    let mut conn = state.db.acquire().await.doing("checking a code")?;
    let live = otp_codes::live(&mut conn, user, purpose).await.doing("checking a code")?;
    drop(conn);
    let live = live.ok_or(AppError::CodeRefused(CodeRefusal::NoCode))?;
    may_check(&policy, &live.state, now).map_err(AppError::CodeRefused)?;
    let attempts_left = attempts_left_after_wrong_guess(&policy, &live.state);
    let Some(code) = OtpCode::parse(raw_code) else {
        // Not six digits: not a guess at the code, so it costs nothing.
        return Err(AppError::WrongCode { attempts_left: attempts_left + 1 }.into());
    };
    let mut tx = db::begin_write(&state.writer).await.doing("checking a code")?;
    let reserved = otp_codes::reserve_guess(&mut tx, live.id, policy.max_attempts)
        .await
        .doing("checking a code")?;
    tx.commit().await.doing("checking a code")?;
    if !reserved {
        return Err(AppError::CodeRefused(CodeRefusal::TooManyAttempts).into());
    }
    if !state.hasher.verify(code.as_str(), Some(&live.hash)).await {
        return Err(AppError::WrongCode { attempts_left }.into());
    }
    Ok(live)
}
