//! A patient sends unused wallet credit back to the card of one of their deposits.
//!
//! Steps, in this order so that no concurrency can spend money twice: one `BEGIN IMMEDIATE`
//! takes the amount out of the wallet (a posted withdrawal: the balance CHECK refuses an
//! overdraft, migration 22's trigger a refund beyond its deposit) and records the refund as
//! sending; then the processor refunds the deposit's charge, outside the write lock; then the
//! refund is settled — sent, or refused and the money put back. A crash between the two leaves
//! it sending: the next start asks the processor. The same idempotency key sends once.

use crate::domain::money::Money;
use crate::domain::payment::amount::parse_amount;
use crate::domain::payment::ledger::{Account, Posting};
use crate::domain::{Field, FieldError, FieldErrorCode, IdempotencyKey};
use crate::dto::payment_views::CardRefundView;
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::db;
use crate::server::error::{Doing, ServerResult};
use crate::server::payments::answers::settled;
use crate::server::payments::card_refunds::{self, Deposit};
use crate::server::payments::ledger::{self, NewTransaction};
use crate::server::payments::provider::{ChargeError, RefundRequest};
use crate::server::state::AppState;

const DOING: &str = "sending credit back to a card";

/// The form: which deposit's card, how much, and the form's idempotency key.
pub struct CardRefundInput<'a> {
    pub deposit_id: &'a str,
    pub amount: &'a str,
    pub idempotency_key: &'a str,
}

fn refused(field: Field, code: FieldErrorCode) -> AppError {
    AppError::Invalid(vec![FieldError::new(field, code)])
}

/// Sends `input.amount` of `patient`'s wallet back to the card of deposit `input.deposit_id`:
/// at most what is left of that deposit and what the wallet holds. Bad input is refused at its
/// field with nothing written; a refusal by the card's bank puts the money back in the wallet.
pub async fn send_back(
    state: &AppState,
    patient: &SessionUser,
    input: &CardRefundInput<'_>,
) -> ServerResult<CardRefundView> {
    if state.payments.is_none() {
        return Err(AppError::CardPaymentsUnavailable.into());
    }
    let raw_key = IdempotencyKey::parse(input.idempotency_key).ok_or(AppError::BadRequest)?;
    let deposit_id: i64 = input
        .deposit_id
        .trim()
        .parse()
        .map_err(|_| refused(Field::RefundDeposit, FieldErrorCode::Unknown))?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.writer).await.doing(DOING)?;
    let deposit = card_refunds::deposit_of(&mut tx, patient.id, deposit_id)
        .await
        .doing(DOING)?
        .ok_or_else(|| refused(Field::RefundDeposit, FieldErrorCode::Unknown))?;
    let amount = parse_amount(input.amount, deposit.currency.code(), i64::MAX / 1_000_000)
        .map_err(|e| refused(Field::RefundAmount, e.code))?;
    if amount.minor > deposit.amount {
        // Never possible, whatever was sent before (and kept within the ledger's CHECK).
        return Err(refused(Field::RefundAmount, FieldErrorCode::OutOfRange).into());
    }
    let key = format!("ref:{}:{raw_key}:{deposit_id}:{}", patient.id.0, amount.minor);
    let new = NewTransaction {
        kind: "withdrawal",
        requested: amount,
        user: Some(patient.id),
        appointment: None,
        idempotency_key: Some(&key),
        card_last4: Some(&deposit.card_last4),
        now,
    };
    let Some(id) = ledger::reserve(&mut tx, &new).await.doing(DOING)? else {
        drop(tx);
        return answer_of_first(state, patient, &key, &deposit, amount).await;
    };
    let wallet = ledger::balance(&mut tx, Account::Wallet(patient.id), deposit.currency)
        .await
        .doing(DOING)?;
    if amount.minor > deposit.left.min(wallet.minor) {
        return Err(refused(Field::RefundAmount, FieldErrorCode::OutOfRange).into());
    }
    let posting = Posting::to_card(patient.id, amount.minor);
    ledger::post(&mut tx, id, deposit.currency, &posting, "sent_to_card").await.doing(DOING)?;
    sqlx::query(
        "INSERT INTO card_refunds (transaction_id, deposit_id, patient_id, minor, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(id)
    .bind(deposit.id)
    .bind(patient.id.0)
    .bind(amount.minor)
    .bind(now.timestamp())
    .execute(&mut *tx)
    .await
    .doing(DOING)?;
    tx.commit().await.doing(DOING)?;

    ask_processor(state, id, &deposit, amount, &key).await?;
    answer(state, patient, id, &deposit).await
}

/// Asks the processor for refund `id` (again, after a failure: the same key refunds once) and
/// settles it on a clear answer — refunded: sent; declined: the money goes back to the wallet.
/// A processor failure (it may or may not have refunded) leaves it sending, for the form's
/// retry or the next start to ask again.
async fn ask_processor(
    state: &AppState,
    id: i64,
    deposit: &Deposit,
    amount: Money,
    key: &str,
) -> ServerResult<()> {
    let Some(processor) = state.payments.as_ref() else { return Ok(()) };
    let request = RefundRequest {
        charge_key: &deposit.charge_key,
        card_last4: &deposit.card_last4,
        amount,
        idempotency_key: key,
    };
    let refunded = match processor.refund(request).await {
        Ok(_) => true,
        Err(ChargeError::Declined) => false,
        Err(ChargeError::ProcessorError) => return Ok(()),
    };
    card_refunds::settle(&state.writer, id, refunded, "card_refund_refused", state.clock.now())
        .await
        .doing(DOING)
}

/// The outcome of the refund first asked for with `key`.
async fn answer_of_first(
    state: &AppState,
    patient: &SessionUser,
    key: &str,
    deposit: &Deposit,
    amount: Money,
) -> ServerResult<CardRefundView> {
    let first = settled(&state.db, key).await?.ok_or(AppError::PaymentInProgress)?;
    let status = card_refunds::status_of(&state.db, first.id).await.doing(DOING)?;
    if status.as_deref() == Some("sending") {
        ask_processor(state, first.id, deposit, amount, key).await?;
    }
    answer(state, patient, first.id, deposit).await
}

/// What `patient` is told of refund `transaction`.
async fn answer(
    state: &AppState,
    patient: &SessionUser,
    transaction: i64,
    deposit: &Deposit,
) -> ServerResult<CardRefundView> {
    let status = card_refunds::status_of(&state.db, transaction).await.doing(DOING)?;
    match status.as_deref() {
        Some("sent") => {
            let minor: i64 =
                sqlx::query_scalar("SELECT requested_minor FROM ledger_transactions WHERE id = ?1")
                    .bind(transaction)
                    .fetch_one(&state.db)
                    .await
                    .doing(DOING)?;
            let mut conn = state.db.acquire().await.doing(DOING)?;
            let balance = ledger::balance(&mut conn, Account::Wallet(patient.id), deposit.currency)
                .await
                .doing(DOING)?;
            Ok(CardRefundView {
                amount: Money { minor, currency: deposit.currency },
                card_last4: deposit.card_last4.clone(),
                balance,
            })
        }
        Some("failed") => Err(AppError::RefundRefused.into()),
        _ => Err(AppError::PaymentInProgress.into()),
    }
}
