//! Every page's path, in one place: the router's links, the server functions' redirects and
//! the links in mail all come from here.

use crate::domain::{AppointmentId, Role, UserId};

pub const HOME: &str = "/";
pub const LOGIN: &str = "/login";
pub const REGISTER: &str = "/register";
pub const REGISTER_DOCTOR: &str = "/register/doctor";
pub const FORGOT_PASSWORD: &str = "/forgot";
/// Leaves for the OpenID Connect provider (`?remember=on` keeps the session).
pub const OIDC_START: &str = "/auth/oidc/start";
/// Where the provider sends the browser back (the redirect URI registered with it).
pub const OIDC_CALLBACK: &str = "/auth/oidc/callback";
/// The account step after the provider vouched for someone new: sign up or link.
pub const PROVIDER_ACCOUNT: &str = "/sign-in/provider";
pub const VERIFY_EMAIL: &str = "/verify";
pub const ACCOUNT: &str = "/account";
pub const DOCTORS: &str = "/doctors";
pub const SCHEDULE: &str = "/schedule";
pub const APPOINTMENTS: &str = "/appointments";
pub const AGENDA: &str = "/agenda";
pub const NOTIFICATIONS: &str = "/notifications";
pub const WALLET: &str = "/wallet";
pub const WALLET_HISTORY_CSV: &str = "/wallet/history.csv";
/// A doctor's photo upload (multipart form) and removal.
pub const PHOTO_UPLOAD: &str = "/account/photo";
pub const PHOTO_REMOVE: &str = "/account/photo/remove";
/// Photos by content hash: `/photos/{hash}/card.jpg`, `/photos/{hash}/profile.jpg`.
pub const PHOTOS: &str = "/photos";
pub const EARNINGS: &str = "/earnings";
/// Monthly reports and statistics (doctors and admins).
pub const REPORTS: &str = "/reports";
/// Charts of bookings, lead times, utilisation, cancellations, revenue and new patients.
pub const ANALYTICS: &str = "/analytics";
/// Patients' records (`/patients/{id}`), for their doctors and admins.
pub const PATIENTS: &str = "/patients";
pub const ADMIN_USERS: &str = "/admin/users";
pub const ADMIN_APPOINTMENTS: &str = "/admin/appointments";
pub const ADMIN_MAIL: &str = "/admin/mail";
pub const ADMIN_PAYMENTS: &str = "/admin/payments";
pub const ADMIN_SPECIALTIES: &str = "/admin/specialties";
/// Where server functions answer (`/api/<endpoint>`).
pub const SERVER_FN_PREFIX: &str = "/api/";

/// A doctor's public page with their calendar.
pub fn doctor(id: i64) -> String {
    format!("{DOCTORS}/{id}")
}

/// A patient's record, for their doctors and admins.
pub fn patient_record(patient: UserId) -> String {
    format!("{PATIENTS}/{patient}")
}

/// The confirmation step of a held time.
pub fn book(appointment: AppointmentId) -> String {
    format!("/book/{appointment}")
}

/// An appointment's page: the visit, its history and notes.
pub fn appointment(appointment: AppointmentId) -> String {
    format!("{APPOINTMENTS}/{appointment}")
}

/// A doctor's page with the calendar opened on `date` (a follow-up's week).
pub fn doctor_from(id: i64, date: chrono::NaiveDate) -> String {
    format!("{DOCTORS}/{id}?from={date}")
}

/// An appointment as an `.ics` file, for its patient or doctor.
pub fn appointment_calendar(appointment: AppointmentId) -> String {
    format!("{APPOINTMENTS}/{appointment}/calendar.ics")
}

/// Choosing a new time for an appointment.
pub fn reschedule(appointment: AppointmentId) -> String {
    format!("{APPOINTMENTS}/{appointment}/reschedule")
}

/// Reviewing a completed visit (writing, or editing within 14 days).
pub fn review(appointment: AppointmentId) -> String {
    format!("{APPOINTMENTS}/{appointment}/review")
}

/// The patient's list after a booking, highlighting it.
pub fn appointments_after_booking(appointment: AppointmentId) -> String {
    format!("{APPOINTMENTS}?booked={appointment}")
}

/// The appointments page of `role`: a patient's list, a doctor's agenda, the admin's overview.
pub fn appointments_for(role: Role) -> &'static str {
    match role {
        Role::Patient => APPOINTMENTS,
        Role::Doctor => AGENDA,
        Role::Admin => ADMIN_APPOINTMENTS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_has_its_own_appointments_page() {
        assert_eq!(appointments_for(Role::Patient), "/appointments");
        assert_eq!(appointments_for(Role::Doctor), "/agenda");
        assert_eq!(appointments_for(Role::Admin), "/admin/appointments");
        assert_eq!(reschedule(AppointmentId(7)), "/appointments/7/reschedule");
        assert_eq!(doctor(3), "/doctors/3");
    }
}
