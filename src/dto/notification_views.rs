//! Notifications as the bell and the notifications page show them.

use crate::domain::notice::{Audience, NoticeKind};
use crate::domain::schedule::TimeZone;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One notice about an appointment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationView {
    pub id: i64,
    pub kind: NoticeKind,
    pub audience: Audience,
    /// What happened, naming the other party.
    pub headline: String,
    /// When the appointment is (its time as of the notice).
    pub start: DateTime<Utc>,
    pub doctor_time_zone: TimeZone,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

/// The newest notices and how many are unread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationList {
    pub unread: i64,
    pub items: Vec<NotificationView>,
}
