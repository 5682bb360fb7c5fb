//! Where each role finds its appointments.

use crate::domain::Role;

/// The appointments page of `role`: a patient's list, a doctor's agenda, the admin's overview.
pub fn appointments_path(role: Role) -> &'static str {
    match role {
        Role::Patient => "/appointments",
        Role::Doctor => "/agenda",
        Role::Admin => "/admin/appointments",
    }
}
