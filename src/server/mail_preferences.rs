//! Reading and saving which optional mails a person receives (`users.mail_reminders`,
//! `users.mail_review_requests`); the job worker asks before it sends one.

use crate::domain::UserId;
use crate::dto::mail_preferences::MailPreferences;
use sqlx::SqlitePool;

/// An optional kind of mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Optional {
    Reminders,
    ReviewRequests,
}

/// Whether `user` receives `which` (an unknown user receives nothing).
pub async fn wants(pool: &SqlitePool, user: i64, which: Optional) -> Result<bool, sqlx::Error> {
    let preferences = read(pool, UserId(user)).await?;
    Ok(preferences.is_some_and(|p| match which {
        Optional::Reminders => p.reminders,
        Optional::ReviewRequests => p.review_requests,
    }))
}

/// `user`'s choices, if they exist.
pub async fn read(pool: &SqlitePool, user: UserId) -> Result<Option<MailPreferences>, sqlx::Error> {
    let row: Option<(bool, bool)> =
        sqlx::query_as("SELECT mail_reminders, mail_review_requests FROM users WHERE id = ?1")
            .bind(user.0)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(reminders, review_requests)| MailPreferences { reminders, review_requests }))
}

/// Saves `user`'s choices (one statement on the writer pool).
pub async fn save(
    writer: &SqlitePool,
    user: UserId,
    preferences: MailPreferences,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET mail_reminders = ?2, mail_review_requests = ?3 WHERE id = ?1")
        .bind(user.0)
        .bind(preferences.reminders)
        .bind(preferences.review_requests)
        .execute(writer)
        .await
        .map(|_| ())
}
