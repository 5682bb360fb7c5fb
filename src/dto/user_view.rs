//! A user's profile as shown to themselves and to admins.

use crate::domain::schedule::TimeZone;
use crate::domain::{Role, UserId};
use crate::dto::mail_preferences::MailPreferences;
use serde::{Deserialize, Serialize};

/// A user account with its doctor details, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub id: UserId,
    pub role: Role,
    pub username: String,
    pub email: String,
    pub full_name: String,
    pub phone: Option<String>,
    pub date_of_birth: Option<String>,
    pub is_active: bool,
    /// Unix seconds the email address was proved with a code; `None` until then.
    pub email_verified_at: Option<i64>,
    /// The IANA zone mail and reminders use; `None`: the doctor's zone.
    pub time_zone: Option<TimeZone>,
    /// Unix seconds.
    pub created_at: i64,
    /// The optional mails they receive.
    pub mail: MailPreferences,
    pub doctor: Option<DoctorDetailsView>,
}

/// What a doctor account adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoctorDetailsView {
    pub specialty: String,
    pub licence_number: String,
    /// Unix seconds of verification; `None` while waiting for an admin.
    pub verified_at: Option<i64>,
}

impl UserView {
    /// True for a doctor an admin has not verified yet.
    pub fn is_unverified_doctor(&self) -> bool {
        self.doctor.as_ref().is_some_and(|d| d.verified_at.is_none())
    }
}
