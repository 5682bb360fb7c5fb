//! What admins see of outgoing mail: the development outbox and jobs that gave up.

use serde::{Deserialize, Serialize};

/// A message in the development outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMailView {
    pub id: i64,
    pub to: String,
    pub subject: String,
    /// The plain-text part (the HTML part has the same words).
    pub text: String,
    /// Unix seconds.
    pub created_at: i64,
}

/// A job that failed for the last time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedJobView {
    pub id: i64,
    /// What the job sends, e.g. "verification code to ann@example.com".
    pub kind: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    /// Unix seconds.
    pub finished_at: Option<i64>,
}

/// The outbox (newest first) and the failed jobs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailOverview {
    pub mails: Vec<OutboxMailView>,
    pub failed_jobs: Vec<FailedJobView>,
    /// Jobs waiting to run.
    pub queued: i64,
}
