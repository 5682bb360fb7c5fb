//! A doctor's public profile.

use crate::domain::UserId;
use crate::domain::money::Money;
use crate::domain::schedule::TimeZone;
use serde::{Deserialize, Serialize};

/// What patients see about a doctor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoctorProfile {
    pub id: UserId,
    pub full_name: String,
    pub specialty: String,
    pub bio: String,
    pub years_of_experience: u8,
    pub fee: Money,
    pub location: String,
    /// IANA zone of the doctor's practice.
    pub time_zone: TimeZone,
    pub slot_minutes: u16,
}
