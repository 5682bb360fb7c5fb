//! Booking a hold whose doctor charges a fee: the fee moves into escrow and the hold becomes a
//! booking in the same `BEGIN IMMEDIATE` transaction (SQLite refuses to book an unpaid hold).

use super::book_held_slot::explain_unbooked;
use crate::api::booked_view::BookedView;
use crate::api::session_user::SessionUser;
use crate::domain::UserId;
use crate::domain::booking::AppointmentStatus;
use crate::domain::money::{Currency, Money};
use crate::domain::payment::card::Card;
use crate::domain::payment::ledger::Posting;
use crate::error::AppError;
use crate::server::appointments::{self, AppointmentFacts};
use crate::server::db;
use crate::server::failure::internal;
use crate::server::payments::answers::{charge_failure_reason, declined_error, settled};
use crate::server::payments::closing::refund_lapsed_hold;
use crate::server::payments::ledger::{self, NewTransaction};
use crate::server::payments::provider::ChargeRequest;
use crate::server::state::AppState;
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

/// The booking being paid for.
pub struct Booking<'a> {
    pub appointment: i64,
    pub reason: &'a str,
    /// The booking form's idempotency key.
    pub key: &'a str,
}

/// Card details as typed into the confirmation form.
#[derive(Default)]
pub struct CardInput<'a> {
    pub number: &'a str,
    pub expiry: &'a str,
    pub cvc: &'a str,
    pub holder: &'a str,
}

/// A hold of the patient that has not lapsed, with its fee, the patient's wallet balance in
/// the fee's currency, and the payment attempts made for it so far.
struct LiveHold {
    fee: Money,
    wallet: i64,
    attempts: i64,
}

/// Pays the fee from the wallet and books, all in one transaction: either both happen or
/// neither. A wallet that does not cover the fee is refused with nothing written.
pub async fn from_wallet(
    state: &AppState,
    patient: &SessionUser,
    booking: &Booking<'_>,
) -> Result<BookedView, AppError> {
    let now = state.clock.now();
    let fail = |e| internal("paying from the wallet", e);
    let mut tx = db::begin_write(&state.writer).await.map_err(fail)?;
    let Some(hold) =
        live_hold(&mut tx, patient.id, booking.appointment, now).await.map_err(fail)?
    else {
        drop(tx);
        return explain_unbooked(state, patient, booking).await;
    };
    let fee = hold.fee;
    if hold.wallet < fee.minor {
        return Err(AppError::InsufficientFunds);
    }
    let Some((id, _)) =
        reserve_payment(&mut tx, patient.id, booking.appointment, &hold, None, now).await?
    else {
        drop(tx);
        return after_live_payment(state, patient, booking).await;
    };
    let posting = Posting::pay_from_wallet(patient.id, fee.minor);
    ledger::post(&mut tx, id, fee.currency, &posting, "fee_from_wallet").await.map_err(fail)?;
    let Some(status) = book_paid(&mut tx, patient.id, booking, now).await.map_err(fail)? else {
        return Err(AppError::Internal);
    };
    tx.commit().await.map_err(fail)?;
    Ok(BookedView { appointment_id: booking.appointment, status })
}

/// Charges the card, then books with the fee in escrow. The charge happens outside the write
/// lock under a pending transaction that reserves the payment; a decline books nothing. If the
/// hold lapsed while the card was charged, the fee goes to the patient's wallet (a refund in
/// their history) and the patient is told to choose the time again.
pub async fn by_card(
    state: &AppState,
    patient: &SessionUser,
    booking: &Booking<'_>,
    card: &CardInput<'_>,
) -> Result<BookedView, AppError> {
    let now = state.clock.now();
    let card = Card::parse(card.number, card.expiry, card.cvc, card.holder, now.date_naive())
        .map_err(|errors| {
            AppError::Invalid(errors.into_iter().map(|e| e.field_error()).collect())
        })?;
    let fail = |e| internal("paying by card", e);
    let mut tx = db::begin_write(&state.writer).await.map_err(fail)?;
    let Some(hold) =
        live_hold(&mut tx, patient.id, booking.appointment, now).await.map_err(fail)?
    else {
        drop(tx);
        return explain_unbooked(state, patient, booking).await;
    };
    let fee = hold.fee;
    let last4 = Some(card.last4());
    let Some((id, key)) =
        reserve_payment(&mut tx, patient.id, booking.appointment, &hold, last4, now).await?
    else {
        drop(tx);
        return after_live_payment(state, patient, booking).await;
    };
    tx.commit().await.map_err(fail)?;
    let charge = state
        .payments
        .charge(ChargeRequest { card: &card, amount: fee, idempotency_key: &key })
        .await;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.writer).await.map_err(fail)?;
    if let Err(error) = charge {
        let reason = charge_failure_reason(&error);
        ledger::decline(&mut tx, id, reason).await.map_err(fail)?;
        tx.commit().await.map_err(fail)?;
        return Err(declined_error(reason));
    }
    ledger::post(&mut tx, id, fee.currency, &Posting::pay_by_card(fee.minor), "fee_by_card")
        .await
        .map_err(fail)?;
    if let Some(status) = book_paid(&mut tx, patient.id, booking, now).await.map_err(fail)? {
        tx.commit().await.map_err(fail)?;
        return Ok(BookedView { appointment_id: booking.appointment, status });
    }
    let facts = appointments::facts(&mut tx, booking.appointment)
        .await
        .map_err(fail)?
        .ok_or(AppError::NotFound)?;
    refund_lapsed_hold(&mut tx, &facts, now, "hold_lapsed").await.map_err(fail)?;
    tx.commit().await.map_err(fail)?;
    Err(AppError::HoldExpired)
}

/// The patient's hold `appointment` if it has not lapsed at `now` (one read for everything
/// the payment needs, since it runs under the write lock).
async fn live_hold(
    conn: &mut SqliteConnection,
    patient: UserId,
    appointment: i64,
    now: DateTime<Utc>,
) -> Result<Option<LiveHold>, sqlx::Error> {
    let row: Option<(i64, String, i64, i64)> = sqlx::query_as(
        "SELECT a.fee_minor, a.currency, \
         ifnull((SELECT w.balance FROM ledger_accounts w WHERE w.kind = 'wallet' \
                 AND w.user_id = a.patient_id AND w.currency = a.currency), 0), \
         (SELECT COUNT(*) FROM ledger_transactions t \
          WHERE t.appointment_id = a.id AND t.kind = 'payment') \
         FROM appointments a \
         WHERE a.id = ?1 AND a.patient_id = ?2 AND a.status = 'held' AND a.hold_expires_at > ?3",
    )
    .bind(appointment)
    .bind(patient.0)
    .bind(now.timestamp())
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|(minor, code, wallet, attempts)| {
        Some(LiveHold { fee: Money { minor, currency: Currency::parse(&code)? }, wallet, attempts })
    }))
}

/// Reserves the next payment attempt for `appointment` (a pending transaction keyed
/// `payment:<id>:<n>`, one key per attempt so that a declined card can be followed by another);
/// `None` when another payment for it is live already (a card being charged in another tab or
/// by a retry): SQLite allows one.
async fn reserve_payment(
    conn: &mut SqliteConnection,
    patient: UserId,
    appointment: i64,
    hold: &LiveHold,
    card_last4: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Option<(i64, String)>, AppError> {
    let key = format!("payment:{appointment}:{}", hold.attempts + 1);
    let new = NewTransaction {
        kind: "payment",
        currency: hold.fee.currency,
        user: Some(patient),
        appointment: Some(appointment),
        idempotency_key: Some(&key),
        card_last4,
        requested_minor: hold.fee.minor,
        now: now.timestamp(),
    };
    match ledger::reserve(conn, &new).await {
        Ok(Some(id)) => Ok(Some((id, key))),
        Ok(None) => Err(AppError::Internal),
        Err(e) if db::is_unique_violation(&e) => Ok(None),
        Err(e) => Err(internal("reserving a payment", e)),
    }
}

/// Turns the paid hold into a booking; `None` if it is no longer a live hold of the patient.
async fn book_paid(
    conn: &mut SqliteConnection,
    patient: UserId,
    booking: &Booking<'_>,
    now: DateTime<Utc>,
) -> Result<Option<AppointmentStatus>, sqlx::Error> {
    let status: Option<String> = sqlx::query_scalar(
        "UPDATE appointments SET status = CASE WHEN (SELECT auto_confirm FROM doctors \
         WHERE user_id = appointments.doctor_id) THEN 'confirmed' ELSE 'pending' END, \
         hold_expires_at = NULL, reason = ?3, idempotency_key = ?4, updated_at = ?5, \
         status_by = 'patient' \
         WHERE id = ?1 AND patient_id = ?2 AND status = 'held' AND hold_expires_at > ?5 \
         RETURNING status",
    )
    .bind(booking.appointment)
    .bind(patient.0)
    .bind(booking.reason)
    .bind(booking.key)
    .bind(now.timestamp())
    .fetch_optional(conn)
    .await?;
    Ok(status.as_deref().and_then(AppointmentStatus::parse))
}

/// Another request is paying for this hold: wait for its outcome, then answer as it ended
/// (booked: that booking; declined: the same refusal; otherwise why nothing is booked).
async fn after_live_payment(
    state: &AppState,
    patient: &SessionUser,
    booking: &Booking<'_>,
) -> Result<BookedView, AppError> {
    let fail = |e| internal("waiting for a payment", e);
    let key: Option<String> = sqlx::query_scalar(
        "SELECT idempotency_key FROM ledger_transactions \
         WHERE appointment_id = ?1 AND kind = 'payment' ORDER BY id DESC LIMIT 1",
    )
    .bind(booking.appointment)
    .fetch_optional(&state.db)
    .await
    .map_err(fail)?
    .flatten();
    if let Some(key) = key {
        let first = settled(&state.db, &key).await?;
        if let Some(first) = first.filter(|t| t.status == "declined") {
            return Err(declined_error(&first.reason));
        }
    }
    let mut conn = state.db.acquire().await.map_err(fail)?;
    let facts: Option<AppointmentFacts> =
        appointments::facts(&mut conn, booking.appointment).await.map_err(fail)?;
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
