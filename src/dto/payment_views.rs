//! What wallets, earnings and the ledger audit look like to the client.

use crate::domain::money::{Currency, Money};
use crate::domain::payment::TransactionKind;
use crate::domain::{AppointmentId, IdempotencyKey};
use serde::{Deserialize, Serialize};

/// One line of a patient's history, as the patient sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryRow {
    pub id: i64,
    /// Unix seconds.
    pub at: i64,
    pub kind: TransactionKind,
    /// `posted`, `declined` or `pending`.
    pub status: String,
    /// Signed for the patient: a deposit or refund is positive, a payment negative.
    pub amount: Money,
    /// How it was paid: `wallet`, `card`, or empty.
    pub method: String,
    /// Why (worded).
    pub description: String,
    pub card_last4: Option<String>,
    pub appointment_id: Option<AppointmentId>,
}

/// Which history lines to show (form values; empty means any).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryFilter {
    /// A transaction kind (`deposit`, `payment`, `refund`) or empty.
    #[serde(default)]
    pub kind: String,
    /// First day (YYYY-MM-DD, UTC) or empty.
    #[serde(default)]
    pub from: String,
    /// Last day (YYYY-MM-DD, UTC) or empty.
    #[serde(default)]
    pub to: String,
}

/// A patient's wallet page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalletView {
    /// One balance per currency held (the clinic's currency first, even when zero).
    pub balances: Vec<Money>,
    pub history: Vec<HistoryRow>,
    /// A fresh idempotency key for the deposit form.
    pub deposit_key: IdempotencyKey,
    pub default_currency: Currency,
    /// The largest single deposit, in whole units.
    pub max_deposit: i64,
    /// Whether the clinic takes cards (`payments.processor`).
    pub cards_accepted: bool,
    /// Card deposits some credit can go back to, newest first.
    pub refundable: Vec<RefundableDeposit>,
    /// A fresh idempotency key for the send-back form.
    pub refund_key: IdempotencyKey,
}

/// A card deposit that wallet credit can go back to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundableDeposit {
    /// The deposit's transaction.
    pub id: i64,
    pub card_last4: String,
    /// Unix seconds of the deposit.
    pub at: i64,
    pub amount: Money,
    /// The most that can go back: what is left of the deposit, at most what the wallet holds.
    pub up_to: Money,
}

/// Credit sent back to a card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardRefundView {
    pub amount: Money,
    pub card_last4: String,
    /// The wallet's balance afterwards.
    pub balance: Money,
}

/// A finished deposit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepositView {
    pub transaction_id: i64,
    pub amount: Money,
    /// The wallet's balance afterwards.
    pub balance: Money,
}

/// One month of a doctor's earnings in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarningsMonth {
    /// `YYYY-MM` (UTC).
    pub month: String,
    pub visits: i64,
    /// Fees kept (after refunds) before the platform's cut.
    pub gross: Money,
    pub platform_cut: Money,
    pub net: Money,
}

/// What one appointment earned a doctor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarningsLine {
    pub appointment_id: AppointmentId,
    /// The visit's start, unix seconds.
    pub start: i64,
    pub patient_name: String,
    pub fee: Money,
    pub platform_cut: Money,
    pub net: Money,
    pub description: String,
}

/// A withdrawal request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WithdrawalView {
    pub id: i64,
    pub doctor_name: String,
    pub amount: Money,
    /// `requested`, `approved` or `rejected`.
    pub status: String,
    pub note: String,
    pub created_at: i64,
    pub decided_at: Option<i64>,
}

/// A doctor's earnings page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarningsView {
    /// Earnings held by the clinic, per currency.
    pub balances: Vec<Money>,
    /// What can still be requested: balance less requests waiting for approval.
    pub available: Vec<Money>,
    pub months: Vec<EarningsMonth>,
    pub lines: Vec<EarningsLine>,
    pub withdrawals: Vec<WithdrawalView>,
    pub default_currency: Currency,
}

/// One transaction in the admin's audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub id: i64,
    pub at: i64,
    pub kind: TransactionKind,
    pub status: String,
    pub user_name: Option<String>,
    pub appointment_id: Option<AppointmentId>,
    pub amount: Money,
    pub description: String,
    pub card_last4: Option<String>,
    /// Its entries as `account: amount`, e.g. `wallet (Ann Lee): -$60.00`.
    pub entries: Vec<String>,
}

/// The result of the reconciliation check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReconciliationView {
    pub clean: bool,
    pub accounts: i64,
    pub transactions: i64,
    /// Accounts whose cached balance differs from their entries.
    pub mismatched: Vec<String>,
    /// Currencies whose accounts do not sum to zero.
    pub unbalanced: Vec<String>,
    /// Transactions waiting for a card answer.
    pub pending: i64,
    /// Totals per account kind and currency, e.g. `escrow`, `$120.00`.
    pub totals: Vec<(String, Money)>,
}

/// The admin's payments page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditView {
    pub reconciliation: ReconciliationView,
    pub transactions: Vec<AuditRow>,
    pub withdrawals: Vec<WithdrawalView>,
}
