//! Booking a hold whose doctor charges a fee: the fee moves into escrow and the hold becomes a
//! booking in the same `BEGIN IMMEDIATE` transaction (SQLite refuses to book an unpaid hold).

use super::held_booking::HeldBooking;
use super::refusal::{after_live_payment, explain_unbooked};
use crate::domain::AppointmentId;
use crate::domain::UserId;
use crate::domain::money::{Currency, Money};
use crate::domain::payment::card::Card;
use crate::domain::payment::ledger::Posting;
use crate::dto::booked_view::BookedView;
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::appointments::{self, HoldToBook};
use crate::server::db::{self, TriggerCode};
use crate::server::error::{Doing, ServerError, ServerResult};
use crate::server::payments::answers::{charge_failure_reason, declined_error};
use crate::server::payments::closing::refund_lapsed_hold;
use crate::server::payments::ledger::{self, NewTransaction};
use crate::server::payments::provider::ChargeRequest;
use crate::server::state::AppState;
use chrono::{DateTime, Utc};
use sqlx::{Sqlite, SqliteConnection, Transaction};

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
    wallet: Money,
    attempts: i64,
    /// The patient already has as many upcoming visits as the clinic allows.
    at_cap: bool,
}

/// A payment attempt reserved for a live hold, in the open write transaction.
struct Reservation {
    tx: Transaction<'static, Sqlite>,
    fee: Money,
    /// The pending ledger transaction.
    payment: i64,
    /// Its idempotency key (the card processor's too).
    key: String,
    now: DateTime<Utc>,
}

/// How the first step of a payment ended.
enum FirstStep {
    /// Go on paying.
    Pay(Reservation),
    /// Nothing to pay for: the answer (an earlier booking with the same key, or another
    /// request's payment that finished meanwhile).
    Answered(BookedView),
}

/// The first step of every payment, under the write lock: the patient's live hold (or why
/// there is none), the caller's `check` of it, and a reserved payment attempt (or the outcome
/// of the payment already under way for it).
async fn reserve(
    state: &AppState,
    patient: &SessionUser,
    booking: &HeldBooking<'_>,
    card_last4: Option<&str>,
    doing: &'static str,
    check: impl FnOnce(&LiveHold) -> Result<(), AppError>,
) -> ServerResult<FirstStep> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.writer).await.doing(doing)?;
    let Some(hold) = live_hold(&mut tx, patient.id, booking.appointment, now).await.doing(doing)?
    else {
        drop(tx);
        return explain_unbooked(state, patient, booking).await.map(FirstStep::Answered);
    };
    if hold.at_cap {
        return Err(AppError::TooManyAppointments.into());
    }
    check(&hold)?;
    let reserved =
        reserve_payment(&mut tx, patient.id, booking.appointment, &hold, card_last4, now).await?;
    let Some((payment, key)) = reserved else {
        drop(tx);
        return after_live_payment(state, patient, booking).await.map(FirstStep::Answered);
    };
    Ok(FirstStep::Pay(Reservation { tx, fee: hold.fee, payment, key, now }))
}

/// Pays the fee from the wallet and books, all in one transaction: either both happen or
/// neither. A wallet that does not cover the fee is refused with nothing written.
pub async fn from_wallet(
    state: &AppState,
    patient: &SessionUser,
    booking: &HeldBooking<'_>,
) -> ServerResult<BookedView> {
    // The usual case in one round trip to the writer; anything else (a lapsed hold, a short
    // wallet, a payment under way, the cap) writes nothing there and is told step by step.
    let hold = to_book(patient, booking, state.clock.now());
    match appointments::pay_from_wallet_and_book_at_once(&state.writer, &hold).await {
        Ok(Some(status)) => return Ok(BookedView { appointment_id: booking.appointment, status }),
        Ok(None) => {}
        Err(e) => return Err(db::refusal_or_failure(e, "paying from the wallet")),
    }
    let covers = |hold: &LiveHold| {
        if hold.wallet.minor < hold.fee.minor { Err(AppError::InsufficientFunds) } else { Ok(()) }
    };
    let step = reserve(state, patient, booking, None, "paying from the wallet", covers).await?;
    let (mut tx, fee, payment, now) = match step {
        FirstStep::Pay(Reservation { tx, fee, payment, now, .. }) => (tx, fee, payment, now),
        FirstStep::Answered(answer) => return Ok(answer),
    };
    let posting = Posting::pay_from_wallet(patient.id, fee.minor);
    ledger::post(&mut tx, payment, fee.currency, &posting, "fee_from_wallet")
        .await
        .doing("paying from the wallet")?;
    let Some(status) = appointments::book_hold(&mut tx, &to_book(patient, booking, now))
        .await
        .map_err(|e| db::refusal_or_failure(e, "booking"))?
    else {
        let cause = anyhow::anyhow!("a live hold was not booked under the write lock");
        return Err(ServerError::failed("paying from the wallet", cause));
    };
    tx.commit().await.doing("paying from the wallet")?;
    Ok(BookedView { appointment_id: booking.appointment, status })
}

/// Charges the card, then books with the fee in escrow. The charge happens outside the write
/// lock under a pending transaction that reserves the payment; a decline books nothing. If the
/// hold lapsed while the card was charged, the fee goes to the patient's wallet (a refund in
/// their history) and the patient is told to choose the time again.
pub async fn by_card(
    state: &AppState,
    patient: &SessionUser,
    booking: &HeldBooking<'_>,
    card: &CardInput<'_>,
) -> ServerResult<BookedView> {
    let now = state.clock.now();
    let card = Card::parse(card.number, card.expiry, card.cvc, card.holder, now.date_naive())
        .map_err(|errors| {
            AppError::Invalid(errors.into_iter().map(|e| e.field_error()).collect())
        })?;
    let processor = state.payments.as_ref().ok_or(AppError::CardPaymentsUnavailable)?;
    let last4 = Some(card.last4());
    let step = reserve(state, patient, booking, last4, "paying by card", |_| Ok(())).await?;
    let (tx, fee, id, key) = match step {
        FirstStep::Pay(Reservation { tx, fee, payment, key, .. }) => (tx, fee, payment, key),
        FirstStep::Answered(answer) => return Ok(answer),
    };
    tx.commit().await.doing("paying by card")?;
    let charge =
        processor.charge(ChargeRequest { card: &card, amount: fee, idempotency_key: &key }).await;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.writer).await.doing("paying by card")?;
    if let Err(error) = charge {
        let reason = charge_failure_reason(&error);
        ledger::decline(&mut tx, id, reason).await.doing("paying by card")?;
        tx.commit().await.doing("paying by card")?;
        return Err(declined_error(reason).into());
    }
    ledger::post(&mut tx, id, fee.currency, &Posting::pay_by_card(fee.minor), "fee_by_card")
        .await
        .doing("paying by card")?;
    // The charge is kept whatever happens next: a booking refused now (the hold lapsed while
    // the card was charged, or another tab filled the patient's cap) refunds it to the wallet.
    let (reason, refusal) =
        match appointments::book_hold(&mut tx, &to_book(patient, booking, now)).await {
            Ok(Some(status)) => {
                tx.commit().await.doing("paying by card")?;
                return Ok(BookedView { appointment_id: booking.appointment, status });
            }
            Ok(None) => ("hold_lapsed", AppError::HoldExpired),
            Err(e) if db::trigger_code(&e) == Some(TriggerCode::TooManyAppointments) => {
                ("too_many_appointments", AppError::TooManyAppointments)
            }
            Err(e) => return Err(e).doing("booking"),
        };
    let facts = appointments::facts(&mut tx, booking.appointment)
        .await
        .doing("paying by card")?
        .ok_or(AppError::NotFound)?;
    refund_lapsed_hold(&mut tx, &facts, now, reason).await.doing("paying by card")?;
    tx.commit().await.doing("paying by card")?;
    Err(refusal.into())
}

/// The patient's hold `appointment` if it has not lapsed at `now` (one read for everything
/// the payment needs, since it runs under the write lock).
async fn live_hold(
    conn: &mut SqliteConnection,
    patient: UserId,
    appointment: AppointmentId,
    now: DateTime<Utc>,
) -> Result<Option<LiveHold>, sqlx::Error> {
    let row: Option<(i64, String, i64, i64, bool)> = sqlx::query_as(
        "SELECT a.fee_minor, a.currency, \
         ifnull((SELECT w.balance FROM ledger_accounts w WHERE w.kind = 'wallet' \
                 AND w.user_id = a.patient_id AND w.currency = a.currency), 0), \
         (SELECT COUNT(*) FROM ledger_transactions t \
          WHERE t.appointment_id = a.id AND t.kind = 'payment'), \
         (SELECT COUNT(*) FROM appointments b WHERE b.patient_id = a.patient_id \
          AND b.status IN ('pending', 'confirmed') AND b.start_at > ?3) \
           >= (SELECT max_future_appointments FROM booking_limits WHERE id = 1) \
         FROM appointments a \
         WHERE a.id = ?1 AND a.patient_id = ?2 AND a.status = 'held' AND a.hold_expires_at > ?3",
    )
    .bind(appointment)
    .bind(patient.0)
    .bind(now.timestamp())
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|(minor, code, wallet, attempts, at_cap)| {
        let currency = Currency::parse(&code)?;
        Some(LiveHold {
            fee: Money { minor, currency },
            wallet: Money { minor: wallet, currency },
            attempts,
            at_cap,
        })
    }))
}

/// Reserves the next payment attempt for `appointment` (a pending transaction keyed
/// `payment:<id>:<n>`, one key per attempt so that a declined card can be followed by another);
/// `None` when another payment for it is live already (a card being charged in another tab or
/// by a retry): SQLite allows one.
async fn reserve_payment(
    conn: &mut SqliteConnection,
    patient: UserId,
    appointment: AppointmentId,
    hold: &LiveHold,
    card_last4: Option<&str>,
    now: DateTime<Utc>,
) -> ServerResult<Option<(i64, String)>> {
    let key = format!("payment:{appointment}:{}", hold.attempts + 1);
    let new = NewTransaction {
        kind: "payment",
        requested: hold.fee,
        user: Some(patient),
        appointment: Some(appointment),
        idempotency_key: Some(&key),
        card_last4,
        now,
    };
    match ledger::reserve(conn, &new).await {
        Ok(Some(id)) => Ok(Some((id, key))),
        Ok(None) => Err(ServerError::failed(
            "reserving a payment",
            anyhow::anyhow!("the reserved transaction has no id"),
        )),
        Err(e) if db::is_unique_violation(&e) => Ok(None),
        Err(e) => Err(e).doing("reserving a payment"),
    }
}

/// The hold → booked UPDATE's arguments for this booking.
fn to_book<'a>(
    patient: &SessionUser,
    booking: &'a HeldBooking<'a>,
    now: DateTime<Utc>,
) -> HoldToBook<'a> {
    HoldToBook {
        appointment: booking.appointment,
        patient: patient.id,
        reason: booking.reason,
        idempotency_key: booking.key.as_str(),
        now,
    }
}
