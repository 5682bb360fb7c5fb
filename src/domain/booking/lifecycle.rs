//! The appointment lifecycle: which status changes are legal, and for whom.

use serde::{Deserialize, Serialize};

/// Where an appointment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppointmentStatus {
    /// A patient picked the slot and is confirming; it blocks the time until it expires.
    Held,
    /// Booked, waiting for the doctor to accept.
    Pending,
    Confirmed,
    Rejected,
    Cancelled,
    Completed,
    NoShow,
    /// A hold that was let go or expired.
    Released,
}

/// Who asks for a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Actor {
    Patient,
    Doctor,
    Admin,
    /// The server itself (hold expiry).
    System,
}

/// Why a status change was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TransitionError {
    /// No such change exists from this status.
    Illegal,
    /// The change exists, but not for this actor.
    NotAllowedFor,
    /// Completed / no-show can only be recorded once the visit has started.
    NotStartedYet,
    /// Accepting, and a patient's cancelling, are only possible before the visit starts.
    AlreadyStarted,
}

impl AppointmentStatus {
    /// Every status.
    pub const ALL: [AppointmentStatus; 8] = [
        AppointmentStatus::Held,
        AppointmentStatus::Pending,
        AppointmentStatus::Confirmed,
        AppointmentStatus::Rejected,
        AppointmentStatus::Cancelled,
        AppointmentStatus::Completed,
        AppointmentStatus::NoShow,
        AppointmentStatus::Released,
    ];

    /// Stable name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            AppointmentStatus::Held => "held",
            AppointmentStatus::Pending => "pending",
            AppointmentStatus::Confirmed => "confirmed",
            AppointmentStatus::Rejected => "rejected",
            AppointmentStatus::Cancelled => "cancelled",
            AppointmentStatus::Completed => "completed",
            AppointmentStatus::NoShow => "no_show",
            AppointmentStatus::Released => "released",
        }
    }

    /// Parses a stored name.
    pub fn parse(raw: &str) -> Option<AppointmentStatus> {
        AppointmentStatus::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// A word for people.
    pub fn label(self) -> &'static str {
        match self {
            AppointmentStatus::Held => "Held for you",
            AppointmentStatus::Pending => "Awaiting the doctor",
            AppointmentStatus::Confirmed => "Confirmed",
            AppointmentStatus::Rejected => "Rejected",
            AppointmentStatus::Cancelled => "Cancelled",
            AppointmentStatus::Completed => "Completed",
            AppointmentStatus::NoShow => "No-show",
            AppointmentStatus::Released => "Released",
        }
    }

    /// Active appointments occupy their time: no other active one may overlap them.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            AppointmentStatus::Held | AppointmentStatus::Pending | AppointmentStatus::Confirmed
        )
    }

    /// Checks a change to `to` asked by `actor`; `started` tells whether the visit has begun.
    pub fn transition(
        self,
        to: AppointmentStatus,
        actor: Actor,
        started: bool,
    ) -> Result<(), TransitionError> {
        use Actor::*;
        use AppointmentStatus::*;
        let allowed: &[Actor] = match (self, to) {
            (Held, Pending | Confirmed) => &[Patient],
            (Held, Released) => &[Patient, System],
            (Pending, Confirmed | Rejected) => &[Doctor, Admin],
            (Pending | Confirmed, Cancelled) => &[Patient, Doctor, Admin],
            (Confirmed, Completed | NoShow) => &[Doctor, Admin],
            _ => return Err(TransitionError::Illegal),
        };
        if !allowed.contains(&actor) {
            return Err(TransitionError::NotAllowedFor);
        }
        if matches!(to, Completed | NoShow) && !started {
            return Err(TransitionError::NotStartedYet);
        }
        let before_start_only =
            (self == Pending && to == Confirmed) || (to == Cancelled && actor == Patient);
        if before_start_only && started {
            return Err(TransitionError::AlreadyStarted);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AppointmentStatus::*;

    #[test]
    fn the_happy_path_is_legal() {
        assert_eq!(Held.transition(Pending, Actor::Patient, false), Ok(()));
        assert_eq!(Pending.transition(Confirmed, Actor::Doctor, false), Ok(()));
        assert_eq!(Confirmed.transition(Completed, Actor::Doctor, true), Ok(()));
    }

    #[test]
    fn terminal_statuses_never_change() {
        for from in [Rejected, Cancelled, Completed, NoShow, Released] {
            for to in AppointmentStatus::ALL {
                for actor in [Actor::Patient, Actor::Doctor, Actor::Admin, Actor::System] {
                    assert_eq!(
                        from.transition(to, actor, true),
                        Err(TransitionError::Illegal),
                        "{from:?}->{to:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn patients_cannot_accept_and_visits_cannot_complete_early() {
        assert_eq!(
            Pending.transition(Confirmed, Actor::Patient, false),
            Err(TransitionError::NotAllowedFor)
        );
        assert_eq!(
            Confirmed.transition(NoShow, Actor::Doctor, false),
            Err(TransitionError::NotStartedYet)
        );
        assert_eq!(
            Held.transition(Released, Actor::Doctor, false),
            Err(TransitionError::NotAllowedFor)
        );
        assert_eq!(
            Confirmed.transition(Cancelled, Actor::Patient, true),
            Err(TransitionError::AlreadyStarted)
        );
        assert_eq!(
            Pending.transition(Confirmed, Actor::Doctor, true),
            Err(TransitionError::AlreadyStarted)
        );
        assert_eq!(Confirmed.transition(Cancelled, Actor::Doctor, true), Ok(()));
    }

    #[test]
    fn only_held_pending_and_confirmed_are_active() {
        let active: Vec<_> = AppointmentStatus::ALL.into_iter().filter(|s| s.is_active()).collect();
        assert_eq!(active, vec![Held, Pending, Confirmed]);
        for status in AppointmentStatus::ALL {
            assert_eq!(AppointmentStatus::parse(status.as_str()), Some(status));
        }
    }
}
