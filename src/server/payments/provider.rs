//! The card processor, behind [`PaymentProvider`] so the simulated one can be replaced by a
//! real one. Card numbers and CVCs go no further than the provider call.

use crate::domain::money::Money;
use crate::domain::payment::card::Card;
use std::future::Future;
use std::pin::Pin;

/// What a charge asks for. The same `idempotency_key` never charges twice.
pub struct ChargeRequest<'a> {
    pub card: &'a Card,
    pub amount: Money,
    pub idempotency_key: &'a str,
}

/// What a refund asks for: `amount` of the charge made with `charge_key` back to its card.
/// The same `idempotency_key` never refunds twice.
pub struct RefundRequest<'a> {
    pub charge_key: &'a str,
    /// The card's last four digits, as kept with the deposit.
    pub card_last4: &'a str,
    pub amount: Money,
    pub idempotency_key: &'a str,
}

/// A successful charge (or refund).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charge {
    /// The processor's reference, kept with the ledger transaction.
    pub reference: String,
}

/// Why a charge did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChargeError {
    /// The card's bank said no; the patient should try another card.
    Declined,
    /// The processor failed; nothing was charged and the patient may retry.
    ProcessorError,
}

/// The answer of a charge, as a boxed future (the trait stays object-safe).
pub type ChargeFuture<'a> = Pin<Box<dyn Future<Output = Result<Charge, ChargeError>> + Send + 'a>>;

/// The answer of a look-up by idempotency key.
pub type LookupFuture<'a> = Pin<Box<dyn Future<Output = Option<Charge>> + Send + 'a>>;

/// A card processor.
pub trait PaymentProvider: Send + Sync + 'static {
    /// Charges the card; the same idempotency key answers the first result again.
    fn charge<'a>(&'a self, request: ChargeRequest<'a>) -> ChargeFuture<'a>;

    /// Refunds part of an earlier charge to its card; the same idempotency key answers the
    /// first result again.
    fn refund<'a>(&'a self, request: RefundRequest<'a>) -> ChargeFuture<'a>;

    /// The successful charge or refund made with `idempotency_key`, if any: how a payment or
    /// refund interrupted by a crash (done or not?) is settled at the next start.
    fn charged<'a>(&'a self, idempotency_key: &'a str) -> LookupFuture<'a>;
}

/// Test cards the simulated processor knows (any other valid card succeeds).
pub const DECLINED_CARD: &str = "4000000000000002";
pub const PROCESSOR_ERROR_CARD: &str = "4000000000000119";
pub const SUCCEEDING_CARD: &str = "4242424242424242";
/// Charges to it succeed; refunds to it are refused (a card closed since), told by its last four.
pub const REFUND_REFUSING_CARD: &str = "4000000000000341";

/// A processor that never moves real money: it declines [`DECLINED_CARD`], fails on
/// [`PROCESSOR_ERROR_CARD`], and charges every other valid card; it refunds to every card but
/// [`REFUND_REFUSING_CARD`]. Like a real processor it
/// answers a repeated idempotency key with the first answer and can be asked whether a key was
/// charged. It lives in the server process, so its charges end with it: a charge interrupted
/// by a crash counts as never made (a real provider's look-up would find it).
#[derive(Debug, Default)]
pub struct SimulatedProvider {
    answers: std::sync::Mutex<std::collections::HashMap<String, Result<Charge, ChargeError>>>,
}

impl SimulatedProvider {
    /// The first answer given for `key`, or `fresh` if this is the first time.
    fn remember(
        &self,
        key: &str,
        fresh: Result<Charge, ChargeError>,
    ) -> Result<Charge, ChargeError> {
        match self.answers.lock() {
            Ok(mut answers) => answers.entry(key.to_owned()).or_insert(fresh).clone(),
            Err(_) => Err(ChargeError::ProcessorError),
        }
    }
}

impl PaymentProvider for SimulatedProvider {
    fn charge<'a>(&'a self, request: ChargeRequest<'a>) -> ChargeFuture<'a> {
        let fresh = match request.card.number() {
            DECLINED_CARD => Err(ChargeError::Declined),
            PROCESSOR_ERROR_CARD => Err(ChargeError::ProcessorError),
            _ => Ok(Charge { reference: format!("sim_{}", request.idempotency_key) }),
        };
        let answer = self.remember(request.idempotency_key, fresh);
        Box::pin(async move { answer })
    }

    fn refund<'a>(&'a self, request: RefundRequest<'a>) -> ChargeFuture<'a> {
        let refusing = &REFUND_REFUSING_CARD[REFUND_REFUSING_CARD.len() - 4..];
        let fresh = if request.card_last4 == refusing || request.amount.minor <= 0 {
            Err(ChargeError::Declined)
        } else {
            Ok(Charge { reference: format!("sim_refund_{}", request.idempotency_key) })
        };
        let answer = self.remember(request.idempotency_key, fresh);
        Box::pin(async move { answer })
    }

    fn charged<'a>(&'a self, idempotency_key: &'a str) -> LookupFuture<'a> {
        let found = self
            .answers
            .lock()
            .ok()
            .and_then(|answers| answers.get(idempotency_key).cloned())
            .and_then(Result::ok);
        Box::pin(async move { found })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;

    fn card(number: &str) -> Card {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
        Card::parse(number, "12/30", "123", "Ann Lee", today).expect("valid card")
    }

    #[tokio::test]
    async fn the_documented_test_cards_succeed_decline_or_fail_and_a_key_keeps_its_answer() {
        let provider: Box<dyn PaymentProvider> = Box::new(SimulatedProvider::default());
        let amount = Money { minor: 1000, currency: Currency::USD };
        let charge = |number: &'static str, key: &'static str| {
            let card = card(number);
            let provider = &provider;
            async move {
                provider.charge(ChargeRequest { card: &card, amount, idempotency_key: key }).await
            }
        };
        assert_eq!(
            charge(SUCCEEDING_CARD, "key-ok-1").await,
            Ok(Charge { reference: "sim_key-ok-1".into() })
        );
        assert_eq!(charge(DECLINED_CARD, "key-declined").await, Err(ChargeError::Declined));
        assert_eq!(
            charge(PROCESSOR_ERROR_CARD, "key-fail").await,
            Err(ChargeError::ProcessorError)
        );
        assert!(charge("5555555555554444", "key-ok-2").await.is_ok(), "any other valid card");
        assert_eq!(
            charge(DECLINED_CARD, "key-ok-1").await,
            Ok(Charge { reference: "sim_key-ok-1".into() }),
            "a repeated key answers the first result, whatever is sent"
        );
        assert_eq!(
            provider.charged("key-ok-1").await,
            Some(Charge { reference: "sim_key-ok-1".into() })
        );
        assert_eq!(provider.charged("key-declined").await, None, "declined is not charged");
        assert_eq!(provider.charged("key-unknown").await, None);
        let refund = |last4: &'static str, key: &'static str| {
            let provider = &provider;
            async move {
                let request = RefundRequest {
                    charge_key: "key-ok-1",
                    card_last4: last4,
                    amount,
                    idempotency_key: key,
                };
                provider.refund(request).await
            }
        };
        assert!(refund("4242", "refund-1").await.is_ok());
        assert_eq!(refund("0341", "refund-2").await, Err(ChargeError::Declined));
        assert!(
            refund("0341", "refund-1").await.is_ok(),
            "a repeated key answers the first result"
        );
        assert!(
            provider.charged("refund-1").await.is_some()
                && provider.charged("refund-2").await.is_none()
        );
    }
}
