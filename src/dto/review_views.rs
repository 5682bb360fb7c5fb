//! Reviews as the doctor's page, the author and admins see them.

use crate::domain::{AppointmentId, UserId};
use crate::dto::directory_page::RatingSummary;
use serde::{Deserialize, Serialize};

/// One review on a doctor's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewView {
    pub id: i64,
    /// "Alice M." or "Anonymous patient".
    pub author: String,
    pub stars: u8,
    pub body: String,
    /// Unix seconds.
    pub created_at: i64,
    pub edited: bool,
    pub reply: Option<String>,
    /// Why an admin hid it (shown to admins only; hidden reviews are not listed for others).
    pub hidden_reason: Option<String>,
}

/// A page of a doctor's reviews with their summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoctorReviews {
    pub doctor: UserId,
    pub summary: RatingSummary,
    /// Visible reviews with 5, 4, 3, 2 and 1 stars.
    pub distribution: [u32; 5],
    pub reviews: Vec<ReviewView>,
    pub page: u32,
    pub pages: u32,
    /// The viewer is this doctor (may answer) / an admin (may hide and restore).
    pub viewer_is_doctor: bool,
    pub viewer_is_admin: bool,
}

/// The author's own review of one visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyReview {
    pub id: i64,
    pub appointment: AppointmentId,
    pub stars: u8,
    pub body: String,
    pub anonymous: bool,
    /// Unix seconds until which it may be edited.
    pub editable_until: i64,
    pub reply: Option<String>,
    /// Set when an admin hid it, with their reason.
    pub hidden_reason: Option<String>,
}
