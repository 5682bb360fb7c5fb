//! The signed-in user, as the navigation and pages see them.

use crate::domain::{Role, UserId};
use serde::{Deserialize, Serialize};

/// Who is signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub id: UserId,
    pub role: Role,
    pub username: String,
    pub full_name: String,
    /// The email address was proved with a code (needed to book).
    pub email_verified: bool,
    /// Notices not yet read (filled in for the header by `current_user`; 0 elsewhere).
    #[serde(default)]
    pub unread_notifications: i64,
}
