//! Queries on reviews and the ratings kept beside them.

use crate::domain::review::{PAGE_SIZE, author_label, edit_window};
use crate::domain::{AppointmentId, UserId};
use crate::dto::directory_page::RatingSummary;
use crate::dto::review_views::{MyReview, ReviewView};
use sqlx::SqliteExecutor;

#[derive(sqlx::FromRow)]
struct ReviewRow {
    id: i64,
    full_name: String,
    anonymous: bool,
    stars: i64,
    body: String,
    created_at: i64,
    updated_at: i64,
    reply: Option<String>,
    hidden_reason: Option<String>,
}

/// A doctor's summary and distribution (5 → 1 stars) of visible reviews.
pub async fn summary(
    db: impl SqliteExecutor<'_>,
    doctor: UserId,
) -> sqlx::Result<(RatingSummary, [u32; 5])> {
    let row: Option<(i64, i64, i64, i64, i64, Option<f64>)> = sqlx::query_as(
        "SELECT stars_5, stars_4, stars_3, stars_2, stars_1, average FROM doctor_ratings \
         WHERE doctor_id = ?1",
    )
    .bind(doctor.0)
    .fetch_optional(db)
    .await?;
    let (s5, s4, s3, s2, s1, average) = row.unwrap_or_default();
    let distribution = [s5, s4, s3, s2, s1].map(|n| u32::try_from(n).unwrap_or(0));
    let summary = RatingSummary {
        count: distribution.iter().sum(),
        average_tenths: average.map_or(0, |a| (a * 10.0).round() as u16),
    };
    Ok((summary, distribution))
}

/// One page of a doctor's reviews, newest first; hidden ones only when `with_hidden`.
pub async fn page(
    db: impl SqliteExecutor<'_>,
    doctor: UserId,
    page: u32,
    with_hidden: bool,
) -> sqlx::Result<Vec<ReviewView>> {
    let rows: Vec<ReviewRow> = sqlx::query_as(
        "SELECT r.id, u.full_name, (r.anonymous OR u.closed_at IS NOT NULL) AS anonymous, r.stars, r.body, r.created_at, r.updated_at, \
                r.reply, r.hidden_reason \
         FROM reviews r JOIN users u ON u.id = r.patient_id \
         WHERE r.doctor_id = ?1 AND (?2 OR r.hidden_at IS NULL) \
         ORDER BY r.created_at DESC, r.id DESC LIMIT ?3 OFFSET ?4",
    )
    .bind(doctor.0)
    .bind(with_hidden)
    .bind(PAGE_SIZE)
    .bind((page.max(1) - 1) * PAGE_SIZE)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| ReviewView {
            id: row.id,
            author: author_label(&row.full_name, row.anonymous),
            stars: row.stars.clamp(1, 5) as u8,
            body: row.body,
            created_at: row.created_at,
            edited: row.updated_at > row.created_at,
            reply: row.reply,
            hidden_reason: row.hidden_reason,
        })
        .collect())
}

/// How many of a doctor's reviews [`page`] pages through.
pub async fn count(
    db: impl SqliteExecutor<'_>,
    doctor: UserId,
    with_hidden: bool,
) -> sqlx::Result<u32> {
    let n: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM reviews WHERE doctor_id = ?1 AND (?2 OR hidden_at IS NULL)",
    )
    .bind(doctor.0)
    .bind(with_hidden)
    .fetch_one(db)
    .await?;
    Ok(u32::try_from(n).unwrap_or(0))
}

/// `patient`'s review of `appointment`, if they wrote one.
pub async fn mine(
    db: impl SqliteExecutor<'_>,
    patient: UserId,
    appointment: AppointmentId,
) -> sqlx::Result<Option<MyReview>> {
    let row: Option<(i64, i64, String, bool, i64, Option<String>, Option<String>)> =
        sqlx::query_as(
            "SELECT id, stars, body, anonymous, created_at, reply, hidden_reason FROM reviews \
         WHERE appointment_id = ?1 AND patient_id = ?2",
        )
        .bind(appointment.0)
        .bind(patient.0)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|(id, stars, body, anonymous, created_at, reply, hidden_reason)| MyReview {
        id,
        appointment,
        stars: stars.clamp(1, 5) as u8,
        body,
        anonymous,
        editable_until: created_at + edit_window().num_seconds(),
        reply,
        hidden_reason,
    }))
}
