//! A user's own things: notifications, wallet; and users as admins list them.

use super::{MoneyView, RoleView};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A notice to the user about one of their appointments.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NotificationItem {
    pub id: i64,
    /// What happened (`booked`, `confirmed`, `cancelled`, …).
    pub kind: String,
    pub headline: String,
    /// The appointment's start.
    pub start: DateTime<Utc>,
    pub doctor_time_zone: String,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

/// The user's notices, newest first.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NotificationsAnswer {
    pub unread: i64,
    pub items: Vec<NotificationItem>,
}

/// One line of a wallet's history.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WalletLine {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// `deposit`, `payment`, `refund`, …
    pub kind: String,
    /// `posted`, `declined` or `pending`.
    pub status: String,
    /// Signed for the patient: deposits and refunds positive, payments negative.
    pub amount: MoneyView,
    /// `wallet`, `card`, or empty.
    pub method: String,
    pub description: String,
    pub card_last4: Option<String>,
    pub appointment_id: Option<i64>,
}

/// A patient's wallet.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WalletAnswer {
    /// One balance per currency held (the clinic's first, even at zero).
    pub balances: Vec<MoneyView>,
    /// Newest first.
    pub history: Vec<WalletLine>,
}

/// A deposit made.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DepositAnswer {
    pub transaction_id: i64,
    pub amount: MoneyView,
    /// The wallet's balance afterwards.
    pub balance: MoneyView,
}

/// A user as an admin lists them.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UserSummary {
    pub id: i64,
    pub role: RoleView,
    pub username: String,
    pub email: String,
    pub full_name: String,
    pub is_active: bool,
    pub email_verified: bool,
    /// Doctors only: verified by an admin (listed in the directory when also active).
    pub doctor_verified: Option<bool>,
    pub created_at: DateTime<Utc>,
}
