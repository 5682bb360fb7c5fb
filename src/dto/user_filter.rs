//! The admin user list's filter.

use serde::{Deserialize, Serialize};

/// Which users an admin lists.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserFilter {
    /// `patient`, `doctor`, `admin`, `unverified` (doctors waiting) or empty for all.
    pub show: String,
    /// Matches name, username or email.
    pub search: String,
}
