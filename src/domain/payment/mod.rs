//! Payments: the double-entry ledger, card details, and the refund policy. Pure rules; the
//! server stores the ledger and enforces it again in SQLite.

pub mod card;
pub mod ledger;
pub mod refund_policy;
