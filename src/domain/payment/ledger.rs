//! The double-entry ledger: every posting moves money between accounts and its entries sum to
//! zero, so money is never created or lost. A patient's wallet and a doctor's earnings never go
//! below zero.

use crate::domain::UserId;
use std::collections::BTreeMap;

/// Where money can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Account {
    /// A patient's prepaid balance.
    Wallet(UserId),
    /// Fees paid for appointments not yet completed or refunded.
    Escrow,
    /// What the clinic owes a doctor.
    Earnings(UserId),
    /// The platform's cut of completed visits.
    PlatformFees,
    /// Cards and bank accounts: money coming in (negative) and paid out (positive).
    Outside,
}

impl Account {
    /// Stored name, e.g. `wallet:12`, `escrow`.
    pub fn key(self) -> String {
        match self {
            Account::Wallet(user) => format!("wallet:{}", user.0),
            Account::Escrow => "escrow".into(),
            Account::Earnings(user) => format!("earnings:{}", user.0),
            Account::PlatformFees => "platform_fees".into(),
            Account::Outside => "outside".into(),
        }
    }

    /// Whether the balance may never be negative.
    pub fn must_stay_covered(self) -> bool {
        matches!(self, Account::Wallet(_) | Account::Earnings(_) | Account::Escrow)
    }
}

/// One side of a posting: `minor` into `account` (negative: out of it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub account: Account,
    pub minor: i64,
}

/// A set of entries that belong together, e.g. a fee moving from a wallet to escrow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    pub entries: Vec<Entry>,
}

/// The platform's cut of `amount` at `basis_points` (1/100 of a percent), rounded down in the
/// doctor's favour.
pub fn platform_cut(amount: i64, basis_points: u16) -> i64 {
    let bps = i64::from(basis_points.min(10_000));
    amount / 10_000 * bps + amount % 10_000 * bps / 10_000
}

impl Posting {
    fn of(entries: &[(Account, i64)]) -> Posting {
        Posting {
            entries: entries
                .iter()
                .filter(|(_, minor)| *minor != 0)
                .map(|&(account, minor)| Entry { account, minor })
                .collect(),
        }
    }

    /// Money from a card into a patient's wallet.
    pub fn deposit(patient: UserId, amount: i64) -> Posting {
        Posting::of(&[(Account::Outside, -amount), (Account::Wallet(patient), amount)])
    }

    /// Wallet credit sent back to a card (a failed refund puts it back as a [`Posting::deposit`]).
    pub fn to_card(patient: UserId, amount: i64) -> Posting {
        Posting::of(&[(Account::Wallet(patient), -amount), (Account::Outside, amount)])
    }

    /// A fee paid from the wallet, held in escrow until the visit.
    pub fn pay_from_wallet(patient: UserId, fee: i64) -> Posting {
        Posting::of(&[(Account::Wallet(patient), -fee), (Account::Escrow, fee)])
    }

    /// A fee paid by card, held in escrow until the visit.
    pub fn pay_by_card(fee: i64) -> Posting {
        Posting::of(&[(Account::Outside, -fee), (Account::Escrow, fee)])
    }

    /// A completed visit: its fee leaves escrow for the doctor, minus the platform's cut.
    pub fn settle(doctor: UserId, fee: i64, basis_points: u16) -> Posting {
        let cut = platform_cut(fee, basis_points);
        Posting::of(&[
            (Account::Escrow, -fee),
            (Account::Earnings(doctor), fee - cut),
            (Account::PlatformFees, cut),
        ])
    }

    /// An appointment ended without a visit: `refund` of the `held` fee goes back to the
    /// patient's wallet, and what is kept is settled like a visit.
    pub fn refund(
        patient: UserId,
        doctor: UserId,
        held: i64,
        refund: i64,
        basis_points: u16,
    ) -> Posting {
        let refund = refund.clamp(0, held);
        let kept = held - refund;
        let cut = platform_cut(kept, basis_points);
        Posting::of(&[
            (Account::Escrow, -held),
            (Account::Wallet(patient), refund),
            (Account::Earnings(doctor), kept - cut),
            (Account::PlatformFees, cut),
        ])
    }

    /// A doctor's earnings paid out.
    pub fn withdraw(doctor: UserId, amount: i64) -> Posting {
        Posting::of(&[(Account::Earnings(doctor), -amount), (Account::Outside, amount)])
    }

    /// Whether the entries sum to zero (and there are some).
    pub fn is_balanced(&self) -> bool {
        !self.entries.is_empty()
            && self.entries.iter().try_fold(0i64, |sum, e| sum.checked_add(e.minor)) == Some(0)
    }
}

/// Why a posting was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LedgerError {
    /// The entries do not sum to zero.
    Unbalanced,
    /// `account` does not hold enough.
    Insufficient(Account),
}

/// Balances derived from postings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Balances(BTreeMap<Account, i64>);

impl Balances {
    /// The balance of `account`.
    pub fn of(&self, account: Account) -> i64 {
        self.0.get(&account).copied().unwrap_or(0)
    }

    /// Applies `posting`, or changes nothing and says why not.
    pub fn apply(&mut self, posting: &Posting) -> Result<(), LedgerError> {
        if !posting.is_balanced() {
            return Err(LedgerError::Unbalanced);
        }
        for entry in &posting.entries {
            let after = self.of(entry.account).checked_add(entry.minor);
            if entry.account.must_stay_covered() && after.is_none_or(|b| b < 0) {
                return Err(LedgerError::Insufficient(entry.account));
            }
        }
        for entry in &posting.entries {
            *self.0.entry(entry.account).or_insert(0) += entry.minor;
        }
        Ok(())
    }

    /// The sum over every account: always zero.
    pub fn total(&self) -> i64 {
        self.0.values().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PATIENT: UserId = UserId(1);
    const DOCTOR: UserId = UserId(2);

    #[test]
    fn a_paid_visit_moves_money_from_card_to_wallet_to_escrow_to_the_doctor() {
        let mut books = Balances::default();
        books.apply(&Posting::deposit(PATIENT, 10_000)).expect("deposit");
        books.apply(&Posting::pay_from_wallet(PATIENT, 6_000)).expect("pay");
        books.apply(&Posting::settle(DOCTOR, 6_000, 1_000)).expect("settle");
        assert_eq!(books.of(Account::Wallet(PATIENT)), 4_000);
        assert_eq!(books.of(Account::Escrow), 0);
        assert_eq!(books.of(Account::Earnings(DOCTOR)), 5_400);
        assert_eq!(books.of(Account::PlatformFees), 600);
        assert_eq!(books.total(), 0);
    }

    #[test]
    fn a_wallet_never_goes_below_zero_and_a_refused_posting_changes_nothing() {
        let mut books = Balances::default();
        books.apply(&Posting::deposit(PATIENT, 1_000)).expect("deposit");
        let before = books.clone();
        assert_eq!(
            books.apply(&Posting::pay_from_wallet(PATIENT, 1_001)),
            Err(LedgerError::Insufficient(Account::Wallet(PATIENT)))
        );
        assert_eq!(books, before);
        assert_eq!(
            books.apply(&Posting { entries: vec![Entry { account: Account::Escrow, minor: 5 }] }),
            Err(LedgerError::Unbalanced)
        );
    }

    #[test]
    fn a_late_cancellation_refunds_part_and_settles_the_rest() {
        let mut books = Balances::default();
        books.apply(&Posting::pay_by_card(10_000)).expect("pay");
        books.apply(&Posting::refund(PATIENT, DOCTOR, 10_000, 5_000, 1_000)).expect("refund");
        assert_eq!(books.of(Account::Wallet(PATIENT)), 5_000);
        assert_eq!(books.of(Account::Earnings(DOCTOR)), 4_500);
        assert_eq!(books.of(Account::PlatformFees), 500);
        assert_eq!(books.of(Account::Escrow), 0);
    }

    #[derive(Debug, Clone)]
    enum Op {
        Deposit(u8, i64),
        PayWallet(u8, i64),
        PayCard(i64),
        Settle(u8, i64, u16),
        Refund(u8, u8, i64, i64, u16),
        Withdraw(u8, i64),
    }

    fn op() -> impl Strategy<Value = Op> {
        let amount = 0i64..1_000_000;
        prop_oneof![
            (0u8..3, amount.clone()).prop_map(|(p, a)| Op::Deposit(p, a)),
            (0u8..3, amount.clone()).prop_map(|(p, a)| Op::PayWallet(p, a)),
            amount.clone().prop_map(Op::PayCard),
            (0u8..3, amount.clone(), 0u16..=10_000).prop_map(|(d, a, b)| Op::Settle(d, a, b)),
            (0u8..3, 0u8..3, amount.clone(), amount.clone(), 0u16..=10_000)
                .prop_map(|(p, d, h, r, b)| Op::Refund(p, d, h, r, b)),
            (0u8..3, amount).prop_map(|(d, a)| Op::Withdraw(d, a)),
        ]
    }

    proptest! {
        #[test]
        fn any_sequence_keeps_every_posting_balanced_and_no_wallet_negative(ops in prop::collection::vec(op(), 1..60)) {
            let mut books = Balances::default();
            let patient = |n: u8| UserId(100 + i64::from(n));
            let doctor = |n: u8| UserId(200 + i64::from(n));
            for op in ops {
                let posting = match op {
                    Op::Deposit(p, a) => Posting::deposit(patient(p), a),
                    Op::PayWallet(p, a) => Posting::pay_from_wallet(patient(p), a),
                    Op::PayCard(a) => Posting::pay_by_card(a),
                    Op::Settle(d, a, b) => Posting::settle(doctor(d), a, b),
                    Op::Refund(p, d, h, r, b) => Posting::refund(patient(p), doctor(d), h, r, b),
                    Op::Withdraw(d, a) => Posting::withdraw(doctor(d), a),
                };
                prop_assert!(posting.entries.is_empty() || posting.is_balanced(), "{:?}", posting);
                let _ = books.apply(&posting);
                prop_assert_eq!(books.total(), 0);
                for n in 0..3 {
                    prop_assert!(books.of(Account::Wallet(patient(n))) >= 0);
                    prop_assert!(books.of(Account::Earnings(doctor(n))) >= 0);
                }
                prop_assert!(books.of(Account::Escrow) >= 0);
            }
        }

        #[test]
        fn the_platform_cut_is_never_more_than_the_amount(amount in 0i64..i64::MAX / 2, bps in 0u16..=u16::MAX) {
            let cut = platform_cut(amount, bps);
            prop_assert!(cut >= 0 && cut <= amount);
        }
    }
}
