//! Why a booking write applied to nothing: told from what the database says afterwards.

use super::held_booking::HeldBooking;
use crate::domain::booking::AppointmentStatus;
use crate::domain::{AppointmentId, IdempotencyKey};
use crate::dto::booked_view::BookedView;
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::appointments::{self, AppointmentFacts};
use crate::server::error::{Doing, ServerResult};
use crate::server::payments::answers::{declined_error, settled};
use crate::server::state::AppState;

/// Why a booking did not happen: the key booked earlier (answered again), someone else's or no
/// appointment ("not found"), or the hold lapsed or was let go.
pub async fn explain_unbooked(
    state: &AppState,
    patient: &SessionUser,
    booking: &HeldBooking<'_>,
) -> ServerResult<BookedView> {
    if let Some(earlier) = booked_with_key(state, patient, booking.key).await? {
        return Ok(earlier);
    }
    let exists: Option<i64> =
        sqlx::query_scalar("SELECT id FROM appointments WHERE id = ?1 AND patient_id = ?2")
            .bind(booking.appointment)
            .bind(patient.id.0)
            .fetch_optional(&state.db)
            .await
            .doing("explaining a booking")?;
    Err(if exists.is_some() { AppError::HoldExpired } else { AppError::NotFound }.into())
}

/// The appointment this patient already booked with `key`, if any.
pub async fn booked_with_key(
    state: &AppState,
    patient: &SessionUser,
    key: &IdempotencyKey,
) -> ServerResult<Option<BookedView>> {
    let earlier: Option<(AppointmentId, String)> = sqlx::query_as(
        "SELECT id, status FROM appointments WHERE patient_id = ?1 AND idempotency_key = ?2",
    )
    .bind(patient.id.0)
    .bind(key.as_str())
    .fetch_optional(&state.db)
    .await
    .doing("looking up an earlier booking")?;
    Ok(earlier.and_then(|(id, status)| {
        AppointmentStatus::parse(&status).map(|status| BookedView { appointment_id: id, status })
    }))
}

/// Another request is paying for this hold: wait for its outcome, then answer as it ended
/// (booked: that booking; declined: the same refusal; otherwise why nothing is booked).
pub async fn after_live_payment(
    state: &AppState,
    patient: &SessionUser,
    booking: &HeldBooking<'_>,
) -> ServerResult<BookedView> {
    let key: Option<String> = sqlx::query_scalar(
        "SELECT idempotency_key FROM ledger_transactions \
         WHERE appointment_id = ?1 AND kind = 'payment' ORDER BY id DESC LIMIT 1",
    )
    .bind(booking.appointment)
    .fetch_optional(&state.db)
    .await
    .doing("waiting for a payment")?
    .flatten();
    if let Some(key) = key {
        let first = settled(&state.db, &key).await?;
        if let Some(first) = first.filter(|t| t.status == "declined") {
            return Err(declined_error(&first.reason).into());
        }
    }
    let mut conn = state.db.acquire().await.doing("waiting for a payment")?;
    let facts: Option<AppointmentFacts> =
        appointments::facts(&mut conn, booking.appointment).await.doing("waiting for a payment")?;
    match facts {
        Some(f)
            if f.patient == patient.id
                && matches!(
                    f.status,
                    AppointmentStatus::Pending | AppointmentStatus::Confirmed
                ) =>
        {
            Ok(BookedView { appointment_id: booking.appointment, status: f.status })
        }
        _ => explain_unbooked(state, patient, booking).await,
    }
}
