//! Places of the location hierarchy (division → district → upazila / thana).

use crate::dto::location_view::{LocationMatch, LocationView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A place.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Place {
    pub id: i64,
    /// 1 for the broadest level (a division).
    pub depth: u8,
    pub name_en: String,
    /// The name in the country's language (Bangla).
    pub name_local: String,
    /// What the level is called ("District" / "জেলা").
    pub level_en: String,
    pub level_local: String,
}

impl From<LocationView> for Place {
    fn from(l: LocationView) -> Self {
        Place {
            id: l.id,
            depth: l.depth,
            name_en: l.name_en,
            name_local: l.name_local,
            level_en: l.level_en,
            level_local: l.level_local,
        }
    }
}

/// A place in the whole tree, with its parent.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PlaceNode {
    #[serde(flatten)]
    pub place: Place,
    /// `null` for the top level.
    pub parent_id: Option<i64>,
}

/// A place found by name, with its breadcrumb.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PlaceMatch {
    pub place: Place,
    /// "Dhaka › Dhaka › Dhanmondi".
    pub breadcrumb_en: String,
    pub breadcrumb_local: String,
}

impl From<LocationMatch> for PlaceMatch {
    fn from(m: LocationMatch) -> Self {
        PlaceMatch {
            place: m.place.into(),
            breadcrumb_en: m.breadcrumb_en,
            breadcrumb_local: m.breadcrumb_local,
        }
    }
}

/// Whether places given from the top down form one chain (each inside the one before).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ChainCheck {
    pub valid: bool,
    /// The deepest place that continues the chain (`null`: not even the first).
    pub deepest: Option<i64>,
}
