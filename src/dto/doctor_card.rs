//! A verified doctor as patients see them in the directory.

use crate::domain::UserId;
use crate::domain::money::Money;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One entry of the public doctor directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoctorCard {
    pub id: UserId,
    pub full_name: String,
    pub specialty: String,
    pub fee: Money,
    /// The first day (in the doctor's zone) with a free slot, within their booking horizon.
    pub next_free_day: Option<NaiveDate>,
}
