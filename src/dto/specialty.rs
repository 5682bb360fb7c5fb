//! A medical specialty a doctor can register under.

use crate::domain::SpecialtyId;
use serde::{Deserialize, Serialize};

/// One specialty from the specialties table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Specialty {
    pub id: SpecialtyId,
    pub name: String,
    /// Retired by an admin: kept by the doctors who have it, offered to nobody new.
    pub retired: bool,
}
