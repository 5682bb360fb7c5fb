//! A slot reserved for a patient while they confirm.

use crate::domain::money::Money;
use crate::domain::schedule::TimeZone;
use crate::domain::{AppointmentId, IdempotencyKey, UserId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The hold the patient now has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoldView {
    pub appointment_id: AppointmentId,
    pub doctor_id: UserId,
    pub doctor_name: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// When the hold lapses unless booked.
    pub expires_at: DateTime<Utc>,
    pub fee: Money,
    /// The doctor's IANA zone.
    pub doctor_time_zone: TimeZone,
}

/// A hold being confirmed, with a fresh idempotency key for the booking form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoldConfirmation {
    pub hold: HoldView,
    pub specialty: String,
    /// Sent back with the booking so a retried or doubled request books once.
    pub booking_key: IdempotencyKey,
    /// The patient's wallet balance in the fee's currency.
    pub wallet_balance: Money,
    /// The cancellation and refund rules, in words.
    pub refund_policy: String,
    /// Whether the clinic takes cards (`payments.processor`).
    pub cards_accepted: bool,
}
