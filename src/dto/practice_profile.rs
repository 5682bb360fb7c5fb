//! A doctor's editable public profile, as the form shows it.

use crate::dto::location_view::PickerLevel;
use serde::{Deserialize, Serialize};

/// Name, specialty, languages, practice place and licence number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeProfileView {
    pub full_name: String,
    pub specialty_id: i64,
    pub licence_number: String,
    pub practice_location_id: Option<i64>,
    /// The place pickers showing it.
    pub place_picker: Vec<PickerLevel>,
    /// ISO 639-1 codes.
    pub languages: Vec<String>,
    /// The profile-size photo's URL; `None`: the default avatar.
    pub photo_url: Option<String>,
    /// False while waiting for an admin (after registering or changing the licence number).
    pub verified: bool,
}
