//! Registering a patient or doctor account.

use crate::domain::otp::OtpPurpose;
use crate::domain::schedule::{TimeZone, WeeklyHours};
use crate::domain::{Field, FieldError, FieldErrorCode, NewAccount, RegistrationInput, UserId};
use crate::error::AppError;
use crate::server::error::ServerResult;
use crate::server::error::{Doing, ServerError};
use crate::server::services::one_time_code::{self, Recipient};
use crate::server::state::AppState;
use crate::server::{db, doctors, schedules, users};

/// Validates the form, then stores the account (and doctor details), the email verification
/// code and the mail that carries it, in one write transaction. Every refused field is
/// reported; nothing is written unless everything is valid. `browser_zone` is the zone the
/// browser reported: a preference, so an unknown one is ignored rather than refused.
pub async fn register(
    state: &AppState,
    input: &RegistrationInput,
    browser_zone: Option<&str>,
) -> ServerResult<UserId> {
    let account = input.parse(state.clock.now().date_naive())?;
    let password_hash = state.hasher.hash(&account.password).await?;
    let code = one_time_code::prepare_code(state).await?;
    let mut tx = db::begin_write(&state.writer).await.doing("starting registration")?;
    let conflicts = find_conflicts(&mut tx, &account).await?;
    if !conflicts.is_empty() {
        return Err(AppError::Invalid(conflicts).into());
    }
    let now = state.clock.now();
    let id = users::insert(&mut tx, &account, &password_hash, now, false)
        .await
        .map_err(map_insert_error)?;
    if let Some(zone) = browser_zone.and_then(TimeZone::parse) {
        users::set_time_zone(&mut *tx, id, Some(zone), now)
            .await
            .doing("storing the browser's time zone")?;
    }
    if let Some(doctor) = &account.doctor {
        doctors::insert(&mut tx, id, doctor.specialty, &doctor.licence_number, None)
            .await
            .map_err(map_insert_error)?;
        start_schedule(&mut tx, id, state.config.clinic.time_zone, &WeeklyHours::template())
            .await
            .doing("starting schedule")?;
    }
    let to =
        Recipient { user: id, email: account.email.as_str(), name: account.full_name.as_str() };
    one_time_code::store_code(
        &mut tx,
        code,
        OtpPurpose::VerifyEmail,
        &to,
        state,
        state.clock.now(),
    )
    .await?;
    tx.commit().await.doing("committing registration")?;
    tracing::info!(user = %id, role = account.role.as_str(), "account registered");
    Ok(id)
}

/// Gives a new doctor their zone and starting weekly hours.
pub async fn start_schedule(
    conn: &mut sqlx::SqliteConnection,
    doctor: UserId,
    zone: TimeZone,
    week: &WeeklyHours,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE doctors SET time_zone = ?2 WHERE user_id = ?1")
        .bind(doctor.0)
        .bind(zone.name())
        .execute(&mut *conn)
        .await?;
    schedules::replace_weekly_hours(conn, doctor, week).await
}

/// Fields whose value is already used by someone else, or refers to nothing.
async fn find_conflicts(
    conn: &mut sqlx::SqliteConnection,
    account: &NewAccount,
) -> ServerResult<Vec<FieldError>> {
    let mut errors = Vec::new();
    let (username_taken, email_taken) =
        users::identity_taken(conn, account.username.as_str(), account.email.as_str())
            .await
            .doing("checking registration conflicts")?;
    if username_taken {
        errors.push(FieldError::new(Field::Username, FieldErrorCode::Taken));
    }
    if email_taken {
        errors.push(FieldError::new(Field::Email, FieldErrorCode::Taken));
    }
    if let Some(doctor) = &account.doctor {
        if !doctors::specialty_offered(conn, doctor.specialty, None)
            .await
            .doing("checking registration conflicts")?
        {
            errors.push(FieldError::new(Field::Specialty, FieldErrorCode::Unknown));
        }
        if doctors::licence_taken(conn, &doctor.licence_number)
            .await
            .doing("checking registration conflicts")?
        {
            errors.push(FieldError::new(Field::LicenceNumber, FieldErrorCode::Taken));
        }
    }
    Ok(errors)
}

/// A unique violation here means a concurrent writer won a race we checked for; report it as
/// "taken" on the username, the most likely field.
fn map_insert_error(error: sqlx::Error) -> ServerError {
    if db::is_unique_violation(&error) {
        AppError::field(Field::Username, FieldErrorCode::Taken).into()
    } else {
        ServerError::failed("storing account", error)
    }
}
