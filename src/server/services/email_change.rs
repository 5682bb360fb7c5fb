//! Changing one's email address: the new address must be proved with a code sent to it before
//! it replaces the old one.

use super::one_time_code::{Recipient, check_code, prepare_code, store_code};
use crate::domain::otp::{CodeRefusal, OtpPurpose};
use crate::domain::{Email, Field, FieldErrorCode};
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::error::Doing;
use crate::server::error::ServerResult;
use crate::server::mail::MailTemplate;
use crate::server::state::AppState;
use crate::server::{auth, db, jobs, otp_codes};
use tower_sessions::Session;

/// Checks the password and the new address, then mails a code to the new address (within the
/// resend limits). Nothing changes until the code comes back.
pub async fn request_email_change(
    state: &AppState,
    user: &SessionUser,
    raw_email: &str,
    password: &str,
) -> ServerResult<()> {
    let email = Email::parse(raw_email)?;
    super::own_password::check(state, user.id, password, Field::CurrentPassword).await?;
    let owner: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE email = ?1")
        .bind(email.as_str())
        .fetch_optional(&state.db)
        .await
        .doing("requesting an email change")?;
    match owner {
        Some(id) if id == user.id.0 => {
            return Err(AppError::field(Field::Email, FieldErrorCode::SameAsCurrent).into());
        }
        Some(_) => return Err(AppError::field(Field::Email, FieldErrorCode::Taken).into()),
        None => {}
    }
    let prepared = prepare_code(state).await?;
    let mut tx = db::begin_write(&state.writer).await.doing("requesting an email change")?;
    let to = Recipient { user: user.id, email: email.as_str(), name: &user.full_name };
    store_code(&mut tx, prepared, OtpPurpose::ChangeEmail, &to, state, state.clock.now()).await?;
    tx.commit().await.doing("requesting an email change")?;
    Ok(())
}

/// Checks `raw_code` against the live email-change code; when it matches, the address it was
/// sent to becomes the account's (verified) email, the old address is told (in the same
/// transaction, so the notice cannot be lost), and every other session ends. Returns the new
/// address.
pub async fn confirm_email_change(
    state: &AppState,
    session: &Session,
    user: &SessionUser,
    raw_code: &str,
) -> ServerResult<String> {
    let now = state.clock.now();
    let live = check_code(state, user.id, OtpPurpose::ChangeEmail, raw_code, now).await?;
    let mut tx = db::begin_write(&state.writer).await.doing("confirming an email change")?;
    if !otp_codes::mark_used(&mut tx, live.id, now).await.doing("confirming an email change")? {
        return Err(AppError::CodeRefused(CodeRefusal::NoCode).into());
    }
    let old: String = sqlx::query_scalar("SELECT email FROM users WHERE id = ?1")
        .bind(user.id.0)
        .fetch_one(&mut *tx)
        .await
        .doing("confirming an email change")?;
    let changed: Result<i64, _> = sqlx::query_scalar(
        "UPDATE users SET email = ?2, email_verified_at = ?3, updated_at = ?3, \
         auth_version = auth_version + 1 WHERE id = ?1 RETURNING auth_version",
    )
    .bind(user.id.0)
    .bind(&live.email)
    .bind(now.timestamp())
    .fetch_one(&mut *tx)
    .await;
    let auth_version = match changed {
        Err(e) if db::is_unique_violation(&e) => {
            // Someone registered the address after the code was sent.
            return Err(AppError::field(Field::Email, FieldErrorCode::Taken).into());
        }
        other => other.doing("confirming an email change")?,
    };
    let notice = MailTemplate::EmailChanged {
        to: old,
        name: user.full_name.clone(),
        new_address: live.email.clone(),
    };
    jobs::enqueue_mail(&mut tx, &notice, now, now).await.doing("telling the old address")?;
    tx.commit().await.doing("confirming an email change")?;
    auth::refresh_version(session, &state.config.session, auth_version, now).await?;
    tracing::info!(user = %user.id, "email address changed");
    Ok(live.email)
}
