//! Who may act on an appointment: its patient, its doctor, or an admin.

use super::lifecycle::Actor;
use crate::domain::{Role, UserId};

/// The part `user` (with `role`) plays on an appointment between `patient` and `doctor`, or
/// `None` when it is none of theirs (answered exactly like a missing appointment).
pub fn actor_for(role: Role, user: UserId, patient: UserId, doctor: UserId) -> Option<Actor> {
    match role {
        Role::Patient if user == patient => Some(Actor::Patient),
        Role::Doctor if user == doctor => Some(Actor::Doctor),
        Role::Admin => Some(Actor::Admin),
        _ => None,
    }
}

impl Actor {
    /// Stable name, as stored in `status_by`.
    pub fn as_str(self) -> &'static str {
        match self {
            Actor::Patient => "patient",
            Actor::Doctor => "doctor",
            Actor::Admin => "admin",
            Actor::System => "system",
        }
    }

    /// Parses a stored name.
    pub fn parse(raw: &str) -> Option<Actor> {
        [Actor::Patient, Actor::Doctor, Actor::Admin, Actor::System]
            .into_iter()
            .find(|a| a.as_str() == raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_parties_and_admins_act() {
        let (patient, doctor, other) = (UserId(1), UserId(2), UserId(3));
        assert_eq!(actor_for(Role::Patient, patient, patient, doctor), Some(Actor::Patient));
        assert_eq!(actor_for(Role::Doctor, doctor, patient, doctor), Some(Actor::Doctor));
        assert_eq!(actor_for(Role::Admin, other, patient, doctor), Some(Actor::Admin));
        assert_eq!(actor_for(Role::Patient, other, patient, doctor), None);
        assert_eq!(actor_for(Role::Doctor, other, patient, doctor), None);
        // A doctor id used with the patient role (or the reverse) is not a match.
        assert_eq!(actor_for(Role::Patient, doctor, patient, doctor), None);
        assert_eq!(actor_for(Role::Doctor, patient, patient, doctor), None);
    }
}
