//! Payments on the server: the card processor behind a trait.

pub mod ledger;
pub mod provider;
