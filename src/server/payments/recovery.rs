//! Settling payments a crash left pending: at start-up nothing is being charged, so each
//! pending transaction is asked of the card processor by its idempotency key. Charged: the
//! money is posted (a deposit to the wallet; a booking's fee back to the wallet, since the
//! booking itself never happened). Not charged: declined. Afterwards nothing is pending; then
//! each card refund left sending is settled the same way (refunded, or its money put back).

use super::card_refunds;
use super::closing::refund_lapsed_hold;
use super::ledger;
use crate::domain::AppointmentId;
use crate::domain::UserId;
use crate::domain::money::{Currency, Money};
use crate::domain::payment::ledger::Posting;
use crate::server::appointments;
use crate::server::db;
use crate::server::services::deposit;
use crate::server::state::AppState;

/// What the recovery did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Recovered {
    pub posted: usize,
    pub declined: usize,
    /// Card refunds found sent, and found not sent (their money put back in the wallet).
    pub refunds_sent: usize,
    pub refunds_returned: usize,
}

/// A pending transaction: id, kind, idempotency key, appointment, user, currency, amount, card.
type Pending = (i64, String, Option<String>, Option<i64>, Option<i64>, String, i64, Option<String>);

/// Settles every pending transaction (call before serving).
pub async fn settle_pending(state: &AppState) -> anyhow::Result<Recovered> {
    let pending: Vec<Pending> = sqlx::query_as(
        "SELECT id, kind, idempotency_key, appointment_id, user_id, currency, requested_minor, \
         card_last4 \
             FROM ledger_transactions WHERE status = 'pending' ORDER BY id",
    )
    .fetch_all(&state.db)
    .await?;
    let mut recovered = Recovered::default();
    for (id, kind, key, appointment, user, currency, requested, last4) in pending {
        let charged = match key.as_deref() {
            Some(key) => match &state.payments {
                Some(processor) => processor.charged(key).await.is_some(),
                None => false,
            },
            None => false,
        };
        let currency = Currency::parse(&currency).unwrap_or(Currency::USD);
        let now = state.clock.now();
        let mut tx = db::begin_write(&state.writer).await?;
        match (charged, kind.as_str(), user) {
            (true, "deposit", Some(user)) => {
                let posting = Posting::deposit(UserId(user), requested);
                ledger::post(&mut tx, id, currency, &posting, "card_deposit").await?;
                let amount = Money { minor: requested, currency };
                let last4 = last4.unwrap_or_default();
                deposit::queue_receipt(&mut tx, UserId(user), id, amount, &last4, now).await?;
                recovered.posted += 1;
            }
            (true, "payment", Some(_)) => {
                ledger::post(
                    &mut tx,
                    id,
                    currency,
                    &Posting::pay_by_card(requested),
                    "fee_by_card",
                )
                .await?;
                let facts = match appointment {
                    Some(a) => appointments::facts(&mut tx, AppointmentId(a)).await?,
                    None => None,
                };
                if let Some(facts) = facts {
                    refund_lapsed_hold(&mut tx, &facts, now, "booking_interrupted").await?;
                }
                recovered.posted += 1;
            }
            _ => {
                ledger::decline(&mut tx, id, "interrupted").await?;
                recovered.declined += 1;
            }
        }
        tx.commit().await?;
    }
    // Without a processor to ask, a refund stays sending (it may have been made).
    let Some(processor) = &state.payments else { return Ok(recovered) };
    for (transaction, key) in card_refunds::sending(&state.db).await? {
        let refunded = processor.charged(&key).await.is_some();
        let now = state.clock.now();
        card_refunds::settle(&state.writer, transaction, refunded, "card_refund_interrupted", now)
            .await?;
        if refunded {
            recovered.refunds_sent += 1;
        } else {
            recovered.refunds_returned += 1;
        }
    }
    Ok(recovered)
}
