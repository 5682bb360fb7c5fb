//! The three kinds of account.

use serde::{Deserialize, Serialize};

/// What a user is to the clinic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Patient,
    Doctor,
    Admin,
}

impl Role {
    /// Stable name, as stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Patient => "patient",
            Role::Doctor => "doctor",
            Role::Admin => "admin",
        }
    }

    /// Parses a stored or submitted role name.
    pub fn parse(raw: &str) -> Option<Role> {
        match raw.trim() {
            "patient" => Some(Role::Patient),
            "doctor" => Some(Role::Doctor),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    /// Roles a person may choose when registering themselves (admins are created by the CLI).
    pub fn parse_self_registration(raw: &str) -> Option<Role> {
        Role::parse(raw).filter(|r| *r != Role::Admin)
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Role::Patient => "Patient",
            Role::Doctor => "Doctor",
            Role::Admin => "Clinic admin",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nobody_can_register_themselves_as_admin() {
        assert_eq!(Role::parse_self_registration("admin"), None);
        assert_eq!(Role::parse_self_registration("doctor"), Some(Role::Doctor));
        assert_eq!(Role::parse_self_registration("patient"), Some(Role::Patient));
        assert_eq!(Role::parse_self_registration("nurse"), None);
    }

    #[test]
    fn roles_round_trip_through_their_names() {
        for r in [Role::Patient, Role::Doctor, Role::Admin] {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
    }
}
