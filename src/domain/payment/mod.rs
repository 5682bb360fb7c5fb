//! Payments: the double-entry ledger, card details, amounts, and the refund policy. Pure rules;
//! the server stores the ledger and enforces it again in SQLite.

pub mod amount;
pub mod card;
pub mod ledger;
pub mod method;
pub mod refund_policy;
pub mod transaction_kind;

pub use method::PaymentMethod;
pub use transaction_kind::{TransactionKind, reason_text};
