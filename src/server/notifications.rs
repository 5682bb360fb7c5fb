//! Reading and marking a user's notifications (written by triggers and the job worker).

use crate::domain::notice::{Audience, NoticeKind};
use crate::domain::schedule::TimeZone;
use crate::dto::notification_views::{NotificationList, NotificationView};
use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

/// Most notices listed at once.
pub const LIST_LIMIT: i64 = 50;

/// How many of `user`'s notices are unread.
pub async fn unread_count(db: &SqlitePool, user: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE user_id = ?1 AND read_at IS NULL")
        .bind(user)
        .fetch_one(db)
        .await
}

type Row = (i64, String, String, String, i64, TimeZone, i64, bool);

/// `user`'s newest notices, newest first, and the unread count.
pub async fn list(db: &SqlitePool, user: i64) -> Result<NotificationList, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT n.id, n.kind, n.audience, \
                CASE n.audience WHEN 'patient' THEN du.full_name ELSE pu.full_name END, \
                COALESCE(e.start_at, a.start_at), d.time_zone, n.created_at, n.read_at IS NOT NULL \
         FROM notifications n JOIN appointments a ON a.id = n.appointment_id \
         LEFT JOIN appointment_events e ON e.id = n.event_id \
         JOIN users du ON du.id = a.doctor_id JOIN doctors d ON d.user_id = a.doctor_id \
         JOIN users pu ON pu.id = a.patient_id \
         WHERE n.user_id = ?1 ORDER BY n.id DESC LIMIT ?2",
    )
    .bind(user)
    .bind(LIST_LIMIT)
    .fetch_all(db)
    .await?;
    let items = rows.into_iter().filter_map(view).collect();
    Ok(NotificationList { unread: unread_count(db, user).await?, items })
}

fn view(row: Row) -> Option<NotificationView> {
    let (id, kind, audience, other, start, doctor_time_zone, created_at, read) = row;
    let kind = NoticeKind::parse(&kind)?;
    let audience = Audience::parse(&audience)?;
    Some(NotificationView {
        id,
        kind,
        audience,
        headline: kind.headline(audience, &other),
        start: DateTime::from_timestamp(start, 0)?,
        doctor_time_zone,
        created_at: DateTime::from_timestamp(created_at, 0)?,
        read,
    })
}

/// Marks `user`'s notice `id` read, or all of them when `id` is `None`. Returns how many
/// changed; `None` when `id` is not one of `user`'s notices.
pub async fn mark_read(
    writer: &SqlitePool,
    user: i64,
    id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Option<u64>, sqlx::Error> {
    let changed = sqlx::query(
        "UPDATE notifications SET read_at = ?3 \
         WHERE user_id = ?1 AND read_at IS NULL AND (?2 IS NULL OR id = ?2)",
    )
    .bind(user)
    .bind(id)
    .bind(now.timestamp())
    .execute(writer)
    .await?
    .rows_affected();
    if changed > 0 || id.is_none() {
        return Ok(Some(changed));
    }
    let mine: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM notifications WHERE id = ?1 AND user_id = ?2)",
    )
    .bind(id)
    .bind(user)
    .fetch_one(writer)
    .await?;
    Ok(mine.then_some(0))
}
