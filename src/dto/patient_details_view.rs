//! A patient's details as they, their doctors and admins see them.

use crate::domain::UserId;
use crate::dto::location_view::PickerLevel;
use serde::{Deserialize, Serialize};

/// Contact, address, emergency contact and medical notes of one patient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatientDetailsView {
    pub patient: UserId,
    pub full_name: String,
    pub phone: String,
    pub date_of_birth: String,
    pub blood_group: Option<String>,
    /// The place (any level) and its breadcrumb ("Dhaka › Dhaka › Dhanmondi").
    pub location_id: Option<i64>,
    pub place: Option<String>,
    /// The place pickers showing it.
    pub place_picker: Vec<PickerLevel>,
    pub address: String,
    pub emergency_name: String,
    pub emergency_relation: String,
    pub emergency_phone: Option<String>,
    pub allergies: String,
    pub conditions: String,
}
