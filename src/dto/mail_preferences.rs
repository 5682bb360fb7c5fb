//! The mail a person may turn off. Security mail (codes, address and password changes) and
//! booking mail (requests, confirmations, cancellations, receipts) are always sent.

use serde::{Deserialize, Serialize};

/// Which optional mails a person receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailPreferences {
    /// Reminders before a confirmed visit.
    pub reminders: bool,
    /// After a completed visit, the invitation to review it.
    pub review_requests: bool,
}
