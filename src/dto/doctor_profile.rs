//! A doctor's public profile.

use crate::domain::UserId;
use crate::domain::money::Money;
use crate::domain::schedule::TimeZone;
use crate::dto::directory_page::RatingSummary;
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
    /// The practice place, broadest first ("Dhaka › Dhaka › Dhanmondi"); empty when not set.
    pub place: String,
    /// Languages the doctor consults in, by English name.
    pub languages: Vec<String>,
    pub rating: RatingSummary,
    /// The profile-size photo's URL; `None`: the default avatar.
    pub photo_url: Option<String>,
}
