//! A place in the location hierarchy, as pickers and breadcrumbs show it.

use serde::{Deserialize, Serialize};

/// One place (a division, district or upazila / thana in Bangladesh).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocationView {
    pub id: i64,
    /// 1 for the broadest level (a division).
    pub depth: u8,
    pub name_en: String,
    /// The name in the country's language (Bangla).
    pub name_local: String,
    /// What this level is called, e.g. "District" / "জেলা".
    pub level_en: String,
    pub level_local: String,
}

/// A search hit: the place and its parents, broadest first, as one line in each language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocationMatch {
    pub place: LocationView,
    /// e.g. "Dhaka › Dhaka › Dhanmondi".
    pub breadcrumb_en: String,
    pub breadcrumb_local: String,
}

/// One level of the cascading place pickers as first shown: its name, its places and the one
/// chosen (loaded with the page, so the pickers render without waiting).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickerLevel {
    /// e.g. "District".
    pub label: String,
    pub options: Vec<LocationView>,
    pub chosen: Option<i64>,
}
