//! Mails about money that is not an appointment's: a wallet deposit's receipt, a doctor's
//! withdrawal of earnings (asked for, paid, refused) and a patient's credit sent back to a card.

use super::message::{Mail, plain_mail};
use serde::{Deserialize, Serialize};

/// Where a withdrawal stands when its mail is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WithdrawalStage {
    /// A doctor asked to be paid; an admin decides.
    Requested,
    /// An admin approved it: the money left the doctor's earnings.
    Approved,
    /// An admin refused it, with a reason.
    Rejected,
    /// A patient's wallet credit went back to their card.
    ToCard,
}

impl WithdrawalStage {
    /// The stage as stored in a job's payload.
    pub fn as_str(self) -> &'static str {
        match self {
            WithdrawalStage::Requested => "requested",
            WithdrawalStage::Approved => "approved",
            WithdrawalStage::Rejected => "rejected",
            WithdrawalStage::ToCard => "to_card",
        }
    }
}

/// The receipt of a deposit: `amount` was charged to the card ending `last4`.
pub fn deposit_receipt(
    to: &str,
    name: &str,
    amount: &str,
    last4: &str,
    balance: &str,
    reference: i64,
) -> Mail {
    plain_mail(
        to,
        &format!("MediBook receipt: {amount} added to your wallet"),
        &[
            format!("Hello {name},"),
            format!("{amount} was charged to your card •••• {last4} and added to your wallet."),
            format!("Your wallet now holds {balance}. Receipt number: D-{reference}."),
            "Credit you do not use can be sent back to the card it came from, on your Wallet \
             page."
                .to_owned(),
        ],
    )
}

/// A withdrawal at `stage`: `amount` as written for people, `note` the admin's reason for a
/// refusal (empty otherwise), `last4` the card for credit sent back to one.
pub fn withdrawal(
    to: &str,
    name: &str,
    stage: WithdrawalStage,
    amount: &str,
    note: &str,
    last4: &str,
) -> Mail {
    let (subject, what) = match stage {
        WithdrawalStage::Requested => (
            format!("MediBook: your withdrawal of {amount} was requested"),
            format!(
                "We received your request to withdraw {amount} of your earnings. The clinic's \
                 administrators review requests; you will get a message when it is decided."
            ),
        ),
        WithdrawalStage::Approved => (
            format!("MediBook: your withdrawal of {amount} was approved"),
            format!("Your withdrawal of {amount} was approved and paid out of your earnings."),
        ),
        WithdrawalStage::Rejected => (
            format!("MediBook: your withdrawal of {amount} was not approved"),
            format!(
                "Your withdrawal of {amount} was not approved, and the amount stays in your \
                 earnings. The clinic's reason: {note}"
            ),
        ),
        WithdrawalStage::ToCard => (
            format!("MediBook: {amount} sent back to your card"),
            format!(
                "{amount} of your wallet credit was sent back to your card •••• {last4}. Banks \
                 usually show it within five working days."
            ),
        ),
    };
    plain_mail(
        to,
        &subject,
        &[
            format!("Hello {name},"),
            what,
            "Every movement of your money is listed on your Wallet or Earnings page.".to_owned(),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_receipt_names_the_amount_card_balance_and_number_and_escapes_the_name() {
        let mail = deposit_receipt("ann@example.com", "Ann <b>", "$50.00", "4242", "$80.00", 17);
        assert_eq!(mail.subject, "MediBook receipt: $50.00 added to your wallet");
        for part in ["$50.00", "•••• 4242", "$80.00", "D-17"] {
            assert!(mail.text.contains(part) && mail.html.contains(part), "{part}");
        }
        assert!(mail.html.contains("Ann &lt;b&gt;") && !mail.html.contains("<b>"));
    }

    #[test]
    fn each_withdrawal_stage_says_what_happened_and_a_refusal_its_reason() {
        let mail =
            |stage| withdrawal("d@example.com", "Dr. Lee", stage, "$120.00", "No <bank>", "");
        assert!(mail(WithdrawalStage::Requested).text.contains("We received your request"));
        assert!(mail(WithdrawalStage::Approved).subject.ends_with("was approved"));
        let rejected = mail(WithdrawalStage::Rejected);
        assert!(rejected.text.contains("The clinic's reason: No <bank>"));
        assert!(rejected.html.contains("No &lt;bank&gt;"));
        let to_card =
            withdrawal("p@example.com", "Ann", WithdrawalStage::ToCard, "$20.00", "", "4242");
        assert!(to_card.text.contains("•••• 4242") && to_card.subject.contains("$20.00"));
    }
}
