//! How much of a paid fee goes back to the patient when an appointment ends without a visit.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// The clinic's refund rules (`[payments]` in Leptos.toml).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefundPolicy {
    /// A patient cancelling at least this long before the start gets everything back.
    pub full_refund_before: Duration,
    /// The share (in percent, 0–100) a patient cancelling later gets back.
    pub late_refund_percent: u8,
}

impl RefundPolicy {
    /// The rules in one sentence for patients.
    pub fn describe(&self) -> String {
        let hours = self.full_refund_before.num_hours();
        let late = match self.late_refund_percent.min(100) {
            0 => "nothing is refunded".to_owned(),
            100 => "the whole fee is refunded".to_owned(),
            p => format!("{p}% of the fee is refunded"),
        };
        format!(
            "Cancel at least {hours} hours before the start for a full refund to your wallet; \
             after that {late}. The cut-off counts from the earliest time the visit was booked \
             for: moving it later does not change it. Missed appointments are not refunded. If \
             the doctor declines or cancels, you get everything back."
        )
    }
}

impl Default for RefundPolicy {
    fn default() -> Self {
        RefundPolicy { full_refund_before: Duration::hours(24), late_refund_percent: 50 }
    }
}

/// Why an appointment ended without a visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ending {
    /// The doctor declined the request.
    Rejected,
    /// The doctor (or an admin for the clinic) cancelled.
    CancelledByClinic,
    /// The patient cancelled.
    CancelledByPatient,
    /// The patient did not come.
    NoShow,
}

/// What happens to a paid fee when an appointment reaches a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closing {
    /// The visit took place: the fee goes to the doctor, less the platform's cut.
    Settle,
    /// No visit: the policy decides the refund for this ending.
    Refund(Ending),
}

/// The closing due when `actor` moves a paid appointment to `status`; `None` while the
/// appointment is still live (or for a status a paid appointment never reaches).
pub fn closing_for(
    status: crate::domain::booking::AppointmentStatus,
    actor: crate::domain::booking::Actor,
) -> Option<Closing> {
    use crate::domain::booking::{Actor, AppointmentStatus as S};
    match status {
        S::Completed => Some(Closing::Settle),
        S::NoShow => Some(Closing::Refund(Ending::NoShow)),
        S::Rejected => Some(Closing::Refund(Ending::Rejected)),
        S::Cancelled if actor == Actor::Patient => {
            Some(Closing::Refund(Ending::CancelledByPatient))
        }
        S::Cancelled => Some(Closing::Refund(Ending::CancelledByClinic)),
        S::Held | S::Pending | S::Confirmed | S::Released => None,
    }
}

/// Why the refund is what it is (shown in the patient's history).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefundReason {
    DeclinedByDoctor,
    CancelledByClinic,
    CancelledInTime,
    CancelledLate,
    NoShow,
}

impl RefundReason {
    /// Stored reason code (worded by `transaction_kind::reason_text`).
    pub fn as_str(self) -> &'static str {
        match self {
            RefundReason::DeclinedByDoctor => "declined_by_doctor",
            RefundReason::CancelledByClinic => "cancelled_by_clinic",
            RefundReason::CancelledInTime => "cancelled_in_time",
            RefundReason::CancelledLate => "cancelled_late",
            RefundReason::NoShow => "no_show",
        }
    }
}

/// The refund decided by the policy, in minor units of the paid currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refund {
    pub minor: i64,
    pub reason: RefundReason,
}

/// The refund of `paid_minor` for an appointment first booked to start at `start` (a later
/// move does not count) that ended as `ending` at `now`. Never negative and never more than
/// was paid; a late share rounds down.
pub fn refund_for(
    policy: &RefundPolicy,
    paid_minor: i64,
    ending: Ending,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Refund {
    let paid = paid_minor.max(0);
    let (minor, reason) = match ending {
        Ending::Rejected => (paid, RefundReason::DeclinedByDoctor),
        Ending::CancelledByClinic => (paid, RefundReason::CancelledByClinic),
        Ending::NoShow => (0, RefundReason::NoShow),
        Ending::CancelledByPatient if start - now >= policy.full_refund_before => {
            (paid, RefundReason::CancelledInTime)
        }
        Ending::CancelledByPatient => {
            let percent = i64::from(policy.late_refund_percent.min(100));
            (paid / 100 * percent + paid % 100 * percent / 100, RefundReason::CancelledLate)
        }
    };
    Refund { minor, reason }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(hours_before_start: i64) -> (DateTime<Utc>, DateTime<Utc>) {
        let start: DateTime<Utc> = "2026-11-23T15:00:00Z".parse().expect("instant");
        (start, start - Duration::hours(hours_before_start))
    }

    #[test]
    fn the_clinic_refunds_in_full_the_patient_by_the_cut_off_and_a_no_show_gets_nothing() {
        let policy = RefundPolicy::default();
        let (start, now) = at(2);
        let refund = |ending| refund_for(&policy, 10_000, ending, start, now);
        assert_eq!(
            refund(Ending::Rejected),
            Refund { minor: 10_000, reason: RefundReason::DeclinedByDoctor }
        );
        assert_eq!(refund(Ending::CancelledByClinic).minor, 10_000);
        assert_eq!(refund(Ending::NoShow), Refund { minor: 0, reason: RefundReason::NoShow });
        assert_eq!(
            refund(Ending::CancelledByPatient),
            Refund { minor: 5_000, reason: RefundReason::CancelledLate }
        );
        let (start, in_time) = at(24);
        assert_eq!(
            refund_for(&policy, 10_000, Ending::CancelledByPatient, start, in_time),
            Refund { minor: 10_000, reason: RefundReason::CancelledInTime },
            "exactly at the cut-off is in time"
        );
    }

    #[test]
    fn the_policy_is_described_with_its_numbers() {
        let text = RefundPolicy::default().describe();
        assert!(text.contains("24 hours") && text.contains("50% of the fee"), "{text}");
    }

    #[test]
    fn who_cancels_decides_the_ending() {
        use crate::domain::booking::{Actor, AppointmentStatus as S};
        assert_eq!(
            closing_for(S::Cancelled, Actor::Patient),
            Some(Closing::Refund(Ending::CancelledByPatient))
        );
        for clinic in [Actor::Doctor, Actor::Admin, Actor::System] {
            assert_eq!(
                closing_for(S::Cancelled, clinic),
                Some(Closing::Refund(Ending::CancelledByClinic))
            );
        }
        assert_eq!(closing_for(S::Completed, Actor::Doctor), Some(Closing::Settle));
        assert_eq!(closing_for(S::NoShow, Actor::Doctor), Some(Closing::Refund(Ending::NoShow)));
        assert_eq!(
            closing_for(S::Rejected, Actor::Doctor),
            Some(Closing::Refund(Ending::Rejected))
        );
        assert_eq!(closing_for(S::Confirmed, Actor::Doctor), None);
    }

    #[test]
    fn a_late_share_rounds_down_to_a_whole_minor_unit() {
        let policy = RefundPolicy { late_refund_percent: 33, ..RefundPolicy::default() };
        let (start, now) = at(1);
        assert_eq!(refund_for(&policy, 1_001, Ending::CancelledByPatient, start, now).minor, 330);
    }

    proptest! {
        #[test]
        fn a_refund_is_never_negative_nor_more_than_was_paid(
            paid in 0i64..10_000_000_000,
            percent in 0u8..=255,
            hours in -48i64..200,
            cutoff in 0i64..200,
            ending in prop_oneof![Just(Ending::Rejected), Just(Ending::CancelledByClinic),
                                  Just(Ending::CancelledByPatient), Just(Ending::NoShow)],
        ) {
            let policy = RefundPolicy { full_refund_before: Duration::hours(cutoff), late_refund_percent: percent };
            let (start, now) = at(hours);
            let refund = refund_for(&policy, paid, ending, start, now);
            prop_assert!(refund.minor >= 0 && refund.minor <= paid);
        }
    }
}
