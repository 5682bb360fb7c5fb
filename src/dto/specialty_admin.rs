//! The clinic's specialty list as admins manage it.

use crate::domain::SpecialtyId;
use serde::{Deserialize, Serialize};

/// One specialty with how many doctors have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecialtyRow {
    pub id: SpecialtyId,
    pub name: String,
    /// Retired: kept by its doctors, offered to nobody new.
    pub retired: bool,
    /// Doctors registered under it (verified or not).
    pub doctors: i64,
}
