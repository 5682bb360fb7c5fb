//! Payments on the server: the ledger in SQLite, the card processor behind a trait, closing an
//! appointment's escrow, recovery after a crash, and the read models of wallets, earnings and
//! the audit.

pub mod answers;
pub mod audit;
pub mod card_refunds;
pub mod closing;
pub mod earnings;
pub mod history;
pub mod ledger;
pub mod provider;
pub mod recovery;
