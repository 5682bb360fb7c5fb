//! A verified doctor as patients see them in the directory.

use crate::domain::UserId;
use serde::{Deserialize, Serialize};

/// One entry of the public doctor directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoctorCard {
    pub id: UserId,
    pub full_name: String,
    pub specialty: String,
}
