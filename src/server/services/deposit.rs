//! A patient adds money to their wallet by card.

use crate::domain::field_error::collect;
use crate::domain::money::Money;
use crate::domain::payment::amount::parse_amount;
use crate::domain::payment::card::Card;
use crate::domain::payment::ledger::{Account, Posting};
use crate::domain::{IdempotencyKey, UserId};
use crate::dto::payment_views::DepositView;
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::db;
use crate::server::error::ServerResult;
use crate::server::error::{Doing, ServerError};
use crate::server::mail::MailTemplate;
use crate::server::payments::answers::{charge_failure_reason, declined_error, settled};
use crate::server::payments::ledger::{self, NewTransaction};
use crate::server::payments::provider::ChargeRequest;
use crate::server::state::AppState;
use crate::server::{jobs, users};
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

/// A deposit as typed into the form.
pub struct DepositInput<'a> {
    pub amount: &'a str,
    pub currency: &'a str,
    pub card_number: &'a str,
    pub card_expiry: &'a str,
    pub card_cvc: &'a str,
    pub card_holder: &'a str,
    /// From the form; the same key deposits once.
    pub idempotency_key: &'a str,
}

/// The stored key of a deposit: the form's key (8–40 visible ASCII characters) scoped to the
/// patient, so one patient's key never answers another's request, and to what is asked (card
/// and amount), so the same request is charged once while a corrected one (another card after
/// a decline) is a new charge.
pub fn deposit_key(
    patient: &SessionUser,
    raw: &str,
    card: &Card,
    amount: Money,
) -> Result<String, AppError> {
    let raw = IdempotencyKey::parse(raw).ok_or(AppError::BadRequest)?;
    Ok(format!(
        "dep:{}:{raw}:{}:{}{}",
        patient.id.0,
        card.last4(),
        amount.minor,
        amount.currency.code()
    ))
}

/// Charges the card and credits the wallet. The same idempotency key is charged once: a retry
/// (or a double click) gets the first outcome. Bad input is refused before anything is written.
///
/// Steps: reserve a pending transaction under the key (its own short write), charge the card
/// outside the write lock, then post the deposit or mark it declined. A crash in between leaves
/// the transaction pending; the next start settles it from the processor's record.
pub async fn deposit(
    state: &AppState,
    patient: &SessionUser,
    input: &DepositInput<'_>,
) -> ServerResult<DepositView> {
    let now = state.clock.now();
    let mut errors = Vec::new();
    let amount = collect(
        &mut errors,
        parse_amount(input.amount, input.currency, state.config.payments.max_deposit),
    );
    let card = Card::parse(
        input.card_number,
        input.card_expiry,
        input.card_cvc,
        input.card_holder,
        now.date_naive(),
    )
    .map_err(|e| errors.extend(e.into_iter().map(|e| e.field_error())))
    .ok();
    let (Some(amount), Some(card)) = (amount, card) else {
        return Err(AppError::Invalid(errors).into());
    };
    let processor = state.payments.as_ref().ok_or(AppError::CardPaymentsUnavailable)?;
    let key = deposit_key(patient, input.idempotency_key, &card, amount)?;
    let new = NewTransaction {
        kind: "deposit",
        requested: amount,
        user: Some(patient.id),
        appointment: None,
        idempotency_key: Some(&key),
        card_last4: Some(card.last4()),
        now,
    };
    let mut tx = db::begin_write(&state.writer).await.doing("depositing")?;
    let reserved = ledger::reserve(&mut tx, &new).await.doing("depositing")?;
    tx.commit().await.doing("depositing")?;
    let Some(id) = reserved else {
        return answer_of_first(state, patient, &key).await;
    };
    let charge =
        processor.charge(ChargeRequest { card: &card, amount, idempotency_key: &key }).await;
    let mut tx = db::begin_write(&state.writer).await.doing("depositing")?;
    match charge {
        Ok(_) => {
            let posting = Posting::deposit(patient.id, amount.minor);
            ledger::post(&mut tx, id, amount.currency, &posting, "card_deposit")
                .await
                .doing("depositing")?;
            let balance = queue_receipt(&mut tx, patient.id, id, amount, card.last4(), now)
                .await
                .doing("depositing")?;
            tx.commit().await.doing("depositing")?;
            Ok(DepositView { transaction_id: id, amount, balance })
        }
        Err(error) => {
            let reason = charge_failure_reason(&error);
            ledger::decline(&mut tx, id, reason).await.doing("depositing")?;
            tx.commit().await.doing("depositing")?;
            Err(declined_error(reason).into())
        }
    }
}

/// Queues the receipt of deposit `transaction` (just posted, in the caller's transaction) to
/// `patient`, and answers their wallet's balance with it.
pub async fn queue_receipt(
    conn: &mut SqliteConnection,
    patient: UserId,
    transaction: i64,
    amount: Money,
    card_last4: &str,
    now: DateTime<Utc>,
) -> Result<Money, sqlx::Error> {
    let balance = ledger::balance(conn, Account::Wallet(patient), amount.currency).await?;
    let (to, name) = users::mail_address(conn, patient).await?;
    let receipt = MailTemplate::DepositReceipt {
        to,
        name,
        amount: amount.to_string(),
        card_last4: card_last4.to_owned(),
        balance: balance.to_string(),
        transaction_id: transaction,
    };
    jobs::enqueue_mail(conn, &receipt, now, now).await?;
    Ok(balance)
}

/// The outcome of the deposit first made with `key`.
async fn answer_of_first(
    state: &AppState,
    patient: &SessionUser,
    key: &str,
) -> ServerResult<DepositView> {
    let first = settled(&state.db, key).await?.ok_or_else(|| {
        ServerError::broken("answering a deposit", "its transaction is not settled")
    })?;
    if first.status != "posted" {
        return Err(declined_error(&first.reason).into());
    }
    let currency = crate::domain::money::Currency::parse(&first.currency)
        .ok_or_else(|| ServerError::broken("answering a deposit", "unknown stored currency"))?;
    let mut conn = state.db.acquire().await.doing("reading a wallet")?;
    let balance = ledger::balance(&mut conn, Account::Wallet(patient.id), currency)
        .await
        .doing("reading a wallet")?;
    Ok(DepositView {
        transaction_id: first.id,
        amount: Money { minor: first.requested_minor, currency },
        balance,
    })
}
