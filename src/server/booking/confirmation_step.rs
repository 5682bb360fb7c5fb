//! The confirmation step: the patient's hold, with a fresh key for the booking form.

use crate::domain::AppointmentId;
use crate::domain::booking::AppointmentStatus;
use crate::dto::hold_view::{HoldConfirmation, HoldView};
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::appointment_views::{self, AppointmentQuery};
use crate::server::error::{Doing, ServerResult};
use crate::server::fresh_key::fresh_key;
use crate::server::state::AppState;

/// The patient's hold `appointment`: "not found" when it is not theirs, "hold expired" when
/// it lapsed, was let go, or was already booked.
pub async fn hold_details(
    state: &AppState,
    patient: &SessionUser,
    appointment: AppointmentId,
) -> ServerResult<HoldConfirmation> {
    let now = state.clock.now();
    let query = AppointmentQuery {
        id: Some(appointment),
        patient: Some(patient.id),
        statuses: AppointmentStatus::ALL.to_vec(),
        limit: 1,
        ..AppointmentQuery::default()
    };
    let found = appointment_views::list(&state.db, &query, (patient.role, patient.id), now)
        .await
        .doing("loading a hold")?;
    let view = found.into_iter().next().ok_or(AppError::NotFound)?;
    let expires_at = match (view.status, view.hold_expires_at) {
        (AppointmentStatus::Held, Some(expires)) if expires > now => expires,
        _ => return Err(AppError::HoldExpired.into()),
    };
    let booking_key = fresh_key()?;
    let mut conn = state.db.acquire().await.doing("reading a wallet")?;
    let wallet = crate::server::payments::ledger::balance(
        &mut conn,
        crate::domain::payment::ledger::Account::Wallet(patient.id),
        view.fee.currency,
    )
    .await
    .doing("reading a wallet")?;
    Ok(HoldConfirmation {
        hold: HoldView {
            appointment_id: view.id,
            doctor_id: view.doctor_id,
            doctor_name: view.doctor_name,
            start: view.start,
            end: view.end,
            expires_at,
            fee: view.fee,
            doctor_time_zone: view.doctor_time_zone,
        },
        specialty: view.specialty,
        booking_key,
        wallet_balance: wallet,
        refund_policy: state.config.payments.refund.describe(),
        cards_accepted: state.payments.is_some(),
    })
}
