//! What a ledger transaction was, and the wording of the reasons stored with it.

use serde::{Deserialize, Serialize};

/// The kinds of ledger transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransactionKind {
    Deposit,
    Payment,
    Settlement,
    Refund,
    Withdrawal,
}

impl TransactionKind {
    /// Every kind.
    pub const ALL: [TransactionKind; 5] = [
        TransactionKind::Deposit,
        TransactionKind::Payment,
        TransactionKind::Settlement,
        TransactionKind::Refund,
        TransactionKind::Withdrawal,
    ];

    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            TransactionKind::Deposit => "deposit",
            TransactionKind::Payment => "payment",
            TransactionKind::Settlement => "settlement",
            TransactionKind::Refund => "refund",
            TransactionKind::Withdrawal => "withdrawal",
        }
    }

    /// Parses a stored name.
    pub fn parse(raw: &str) -> Option<TransactionKind> {
        TransactionKind::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            TransactionKind::Deposit => "Deposit",
            TransactionKind::Payment => "Payment",
            TransactionKind::Settlement => "Visit settled",
            TransactionKind::Refund => "Refund",
            TransactionKind::Withdrawal => "Withdrawal",
        }
    }
}

/// The sentence for a reason code stored with a transaction (unknown codes are shown as is).
pub fn reason_text(code: &str) -> String {
    match code {
        "card_deposit" => "Deposit by card".into(),
        "demo_credit" => "Demo credit".into(),
        "card_declined" => "Declined by the card's bank; nothing was charged".into(),
        "processor_error" => "The card processor failed; nothing was charged".into(),
        "interrupted" => "Interrupted by a server restart; nothing was charged".into(),
        "fee_from_wallet" => "Consultation fee, paid from the wallet".into(),
        "fee_by_card" => "Consultation fee, paid by card".into(),
        "visit_completed" => "Visit completed".into(),
        "declined_by_doctor" => "Refund: the doctor declined the request".into(),
        "cancelled_by_clinic" => "Refund: cancelled by the clinic".into(),
        "cancelled_in_time" => "Refund: cancelled before the cut-off".into(),
        "cancelled_late" => "Partial refund: cancelled after the cut-off".into(),
        "no_show" => "No refund: missed appointment".into(),
        "hold_lapsed" => "Refund: the time was no longer held when the card was charged".into(),
        "too_many_appointments" => {
            "Refund: another booking reached your limit of upcoming visits first".into()
        }
        "booking_interrupted" => {
            "Refund: a server restart interrupted the booking after the card was charged".into()
        }
        "withdrawal_approved" => "Withdrawal approved".into(),
        "sent_to_card" => "Sent back to your card".into(),
        "card_refund_refused" => "Back in your wallet: the card's bank refused the refund".into(),
        "card_refund_interrupted" => {
            "Back in your wallet: a server restart interrupted the refund to your card".into()
        }
        other => other.to_owned(),
    }
}
