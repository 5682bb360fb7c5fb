//! One page of the doctor directory, as the search page shows it.

use crate::domain::UserId;
use crate::domain::directory_filter::{DirectoryFilter, FilterKind};
use crate::domain::money::Money;
use crate::dto::location_view::PickerLevel;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A listed doctor as a directory card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryCard {
    pub id: UserId,
    pub full_name: String,
    pub specialty: String,
    pub fee: Money,
    pub years_of_experience: u8,
    /// The practice place and the one above it ("Dhanmondi, Dhaka"); `None` when not given.
    pub place: Option<String>,
    pub rating: RatingSummary,
    /// The doctor's local day of their first free slot, within their booking horizon.
    pub next_free_day: Option<NaiveDate>,
    /// The card-sized photo's URL; `None`: the default avatar.
    pub photo_url: Option<String>,
}

/// Visible reviews of a doctor: how many, and their average.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RatingSummary {
    pub count: u32,
    /// Average stars × 10, rounded (43 = 4.3); 0 without reviews.
    pub average_tenths: u16,
}

impl RatingSummary {
    /// "4.3" (one decimal), or `None` without reviews.
    pub fn average_label(&self) -> Option<String> {
        (self.count > 0)
            .then(|| format!("{}.{}", self.average_tenths / 10, self.average_tenths % 10))
    }
}

/// When a search finds nobody: the filter whose removal finds the most doctors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WiderSearch {
    pub drop: FilterKind,
    /// Doctors found without it.
    pub total: u32,
    pub filter: DirectoryFilter,
}

/// A page of search results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryPage {
    pub filter: DirectoryFilter,
    pub cards: Vec<DirectoryCard>,
    /// Doctors matching, over all pages.
    pub total: u32,
    pub pages: u32,
    /// Offered only when nothing matched and a filter is set.
    pub wider: Option<WiderSearch>,
    /// The place pickers showing the search's place.
    pub place_picker: Vec<PickerLevel>,
}
