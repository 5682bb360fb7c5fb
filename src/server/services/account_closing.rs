//! A patient or doctor closes their own account. Sign-in ends everywhere and their personal
//! data is erased in one transaction, while what others must keep stays whole: appointments
//! (the doctor's history of a patient, the patient's of a doctor), the ledger, the appointment
//! event log and reviews (shown as by a former patient).
//!
//! Refused while anything is still open: upcoming appointments (cancel them first, which
//! refunds or releases the money) and money held for the person (a wallet balance to spend or
//! have refunded, earnings to withdraw, a withdrawal still waiting).

use crate::domain::{Field, Role};
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::db::{self, refusal_or_failure};
use crate::server::error::{Doing, ServerResult};
use crate::server::mail::templates::MailTemplate;
use crate::server::services::own_password;
use crate::server::state::AppState;
use crate::server::{jobs, users};
use sqlx::SqliteConnection;

/// Closes `user`'s account after checking their password. Their sessions end (the caller
/// clears this one).
pub async fn close(state: &AppState, user: &SessionUser, password: &str) -> ServerResult<()> {
    if user.role == Role::Admin {
        return Err(AppError::Forbidden.into());
    }
    own_password::check(state, user.id, password, Field::Password).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.writer).await.doing("closing an account")?;
    refuse_while_open(&mut tx, user.id.0, now.timestamp()).await?;
    let (email, name) = users::mail_address(&mut tx, user.id).await.doing("closing an account")?;
    let mail = MailTemplate::AccountClosed { to: email, name };
    jobs::enqueue_mail(&mut tx, &mail, now, now).await.doing("confirming the closing")?;
    erase(&mut tx, user.id.0, now.timestamp()).await?;
    tx.commit().await.doing("closing an account")?;
    tracing::info!(user = %user.id, "account closed; personal data erased");
    Ok(())
}

async fn refuse_while_open(conn: &mut SqliteConnection, user: i64, now: i64) -> ServerResult<()> {
    let upcoming: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM appointments WHERE (patient_id = ?1 OR doctor_id = ?1) \
           AND status IN ('held', 'pending', 'confirmed') AND end_at > ?2)",
    )
    .bind(user)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
    .doing("checking upcoming appointments")?;
    if upcoming {
        return Err(AppError::AccountHasUpcomingVisits.into());
    }
    let money: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM ledger_accounts WHERE user_id = ?1 AND balance <> 0) \
             OR EXISTS (SELECT 1 FROM withdrawal_requests WHERE doctor_id = ?1 AND status = 'requested') \
             OR EXISTS (SELECT 1 FROM card_refunds WHERE patient_id = ?1 AND status = 'sending')",
    )
    .bind(user)
    .fetch_one(&mut *conn)
    .await
    .doing("checking balances")?;
    if money {
        return Err(AppError::AccountHoldsMoney.into());
    }
    Ok(())
}

/// Erases what identifies the person or describes their health; keeps the rows others rely
/// on, pointing at an account that now says only "Closed account".
async fn erase(conn: &mut SqliteConnection, user: i64, now: i64) -> ServerResult<()> {
    let statements = [
        // A doctor: out of the directory, public profile and photo gone.
        "UPDATE doctors SET bio = '', location = '', practice_location_id = NULL, photo_id = NULL, \
           licence_number = 'CLOSED-' || user_id WHERE user_id = ?1",
        "DELETE FROM doctor_languages WHERE doctor_id = ?1",
        "DELETE FROM photos WHERE owner_id = ?1",
        // A patient: their medical and contact details.
        "DELETE FROM patient_profiles WHERE user_id = ?1",
        // Messages and codes addressed to them.
        "DELETE FROM notifications WHERE user_id = ?1",
        "DELETE FROM otp_codes WHERE user_id = ?1",
        // The account itself: no name, address, phone, birth date or password; every session
        // ends (auth_version), and it can never open again (users_closed_for_good).
        "UPDATE users SET username = 'closed-' || id, email = 'closed-' || id || '@closed.invalid', \
           full_name = 'Closed account', phone = NULL, date_of_birth = NULL, time_zone = NULL, \
           password_hash = '$argon2id$closed', email_verified_at = NULL, is_active = 0, \
           auth_version = auth_version + 1, updated_at = ?2, closed_at = ?2 WHERE id = ?1",
    ];
    for statement in statements {
        sqlx::query(statement)
            .bind(user)
            .bind(now)
            .execute(&mut *conn)
            .await
            .map_err(|e| refusal_or_failure(e, "erasing an account"))?;
    }
    Ok(())
}
