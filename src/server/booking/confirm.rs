//! A patient confirms their hold: it becomes a booking (pending, or confirmed when the doctor
//! auto-confirms), paid for in the same transaction when the doctor charges a fee. Retrying with
//! the same idempotency key returns the first result.

use super::held_booking::HeldBooking;
use super::pay::{self, CardInput};
use super::refusal::explain_unbooked;
use crate::domain::AppointmentId;
use crate::domain::IdempotencyKey;
use crate::domain::booking::AppointmentStatus;
use crate::domain::booking::parse_note;
use crate::domain::payment::PaymentMethod;
use crate::dto::booked_view::BookedView;
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::appointments::{self, HoldToBook};
use crate::server::db;
use crate::server::error::{Doing, ServerResult};
use crate::server::state::AppState;

/// How the patient pays (ignored when the fee is zero).
pub struct PaymentInput<'a> {
    /// `wallet` or `card`.
    pub method: &'a str,
    pub card: CardInput<'a>,
}

/// Books hold `appointment` of `patient` with `reason`, paying its fee as `payment` says. A
/// retry with the same `idempotency_key` answers the first booking again.
pub async fn book_held_slot(
    state: &AppState,
    patient: &SessionUser,
    appointment: AppointmentId,
    reason: &str,
    idempotency_key: &str,
    payment: &PaymentInput<'_>,
) -> ServerResult<BookedView> {
    if !patient.email_verified {
        return Err(AppError::EmailNotVerified.into());
    }
    let reason = parse_note(reason, false)?;
    let key = IdempotencyKey::parse(idempotency_key).ok_or(AppError::BadRequest)?;
    // One read for both: the booking this key already made, and the hold's fee.
    let (fee, earlier_id, earlier_status): (Option<i64>, Option<AppointmentId>, Option<String>) =
        sqlx::query_as(
            "SELECT (SELECT fee_minor FROM appointments WHERE id = ?1 AND patient_id = ?2), \
             e.id, e.status FROM (SELECT 1) \
             LEFT JOIN appointments e ON e.patient_id = ?2 AND e.idempotency_key = ?3",
        )
        .bind(appointment)
        .bind(patient.id.0)
        .bind(key.as_str())
        .fetch_one(&state.db)
        .await
        .doing("booking a hold")?;
    let earlier = earlier_id.zip(earlier_status.as_deref().and_then(AppointmentStatus::parse));
    if let Some((appointment_id, status)) = earlier {
        return Ok(BookedView { appointment_id, status });
    }
    let Some(fee) = fee else { return Err(AppError::NotFound.into()) };
    let booking = HeldBooking { appointment, reason: &reason, key: &key };
    if fee == 0 {
        return book_free(state, patient, &booking).await;
    }
    match PaymentMethod::parse(payment.method)? {
        PaymentMethod::Wallet => pay::from_wallet(state, patient, &booking).await,
        PaymentMethod::Card => pay::by_card(state, patient, &booking, &payment.card).await,
    }
}

/// Books a hold without a fee: one `BEGIN IMMEDIATE` transaction of the hold → booked UPDATE,
/// sent to the writer in one round trip. When it applies to nothing (or the key already books
/// another appointment), a read tells why.
async fn book_free(
    state: &AppState,
    patient: &SessionUser,
    booking: &HeldBooking<'_>,
) -> ServerResult<BookedView> {
    let hold = HoldToBook {
        appointment: booking.appointment,
        patient: patient.id,
        reason: booking.reason,
        idempotency_key: booking.key.as_str(),
        now: state.clock.now(),
    };
    match appointments::book_hold_at_once(&state.writer, &hold).await {
        Ok(Some(status)) => Ok(BookedView { appointment_id: booking.appointment, status }),
        Ok(None) => explain_unbooked(state, patient, booking).await,
        Err(e) if db::is_unique_violation(&e) => explain_unbooked(state, patient, booking).await,
        Err(e) => Err(db::refusal_or_failure(e, "booking a hold")),
    }
}
