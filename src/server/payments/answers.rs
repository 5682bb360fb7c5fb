//! Answering a retried payment: the first request's outcome, once it is known.

use super::ledger::{KeyedTransaction, by_key};
use crate::error::AppError;
use crate::server::error::Doing;
use crate::server::error::ServerResult;
use sqlx::SqlitePool;
use std::time::Duration;

/// How long a retry waits for the first request's card charge to finish.
const WAIT_FOR_FIRST: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(25);

/// The transaction reserved with `key` once it is posted or declined (a retry that arrives
/// while the first request is charging the card waits for it). Still pending after the wait:
/// [`AppError::PaymentInProgress`].
pub async fn settled(db: &SqlitePool, key: &str) -> ServerResult<Option<KeyedTransaction>> {
    let started = tokio::time::Instant::now();
    loop {
        let found = by_key(db, key).await.doing("reading a payment")?;
        match found {
            Some(t) if t.status == "pending" => {
                if started.elapsed() >= WAIT_FOR_FIRST {
                    return Err(AppError::PaymentInProgress.into());
                }
                tokio::time::sleep(POLL).await;
            }
            other => return Ok(other),
        }
    }
}

/// The error a declined transaction's stored reason stands for.
pub fn declined_error(reason: &str) -> AppError {
    match reason {
        "processor_error" | "interrupted" => AppError::PaymentProcessorError,
        _ => AppError::CardDeclined,
    }
}

/// The reason code stored for a failed charge.
pub fn charge_failure_reason(error: &super::provider::ChargeError) -> &'static str {
    match error {
        super::provider::ChargeError::Declined => "card_declined",
        super::provider::ChargeError::ProcessorError => "processor_error",
    }
}
