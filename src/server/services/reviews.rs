//! Reviews from real visits: written by the patient of a completed appointment, once, editable
//! for 14 days; answered once by the doctor; hidden (with a reason the author is told) or
//! restored by an admin. SQLite refuses anything else whatever code writes (see `reviews`).

use crate::domain::review::{PAGE_SIZE, parse_reason, parse_reply, parse_review};
use crate::domain::{AppointmentId, Role, UserId};
use crate::dto::review_views::{DoctorReviews, MyReview};
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::db::{self, refusal_or_failure};
use crate::server::error::{Doing, ServerResult};
use crate::server::mail::templates::MailTemplate;
use crate::server::state::AppState;
use crate::server::{jobs, reviews};

/// What a patient writes: stars, text, and whether to be shown anonymously.
pub struct ReviewInput<'a> {
    pub stars: &'a str,
    pub body: &'a str,
    pub anonymous: bool,
}

/// Writes `patient`'s review of their completed `appointment`; returns its id.
pub async fn write(
    state: &AppState,
    patient: &SessionUser,
    appointment: AppointmentId,
    input: &ReviewInput<'_>,
) -> ServerResult<i64> {
    let (stars, body) = parse_review(input.stars, input.body).map_err(AppError::Invalid)?;
    let now = state.clock.now().timestamp();
    let rows = db::write_at_once(
        &state.writer,
        sqlx::query(crate::immediate_transaction!(
            "INSERT INTO reviews (appointment_id, doctor_id, patient_id, stars, body, anonymous, \
               created_at, updated_at) \
             SELECT id, doctor_id, patient_id, ?3, ?4, ?5, ?6, ?6 FROM appointments \
              WHERE id = ?1 AND patient_id = ?2 \
             RETURNING id"
        ))
        .bind(appointment.0)
        .bind(patient.id.0)
        .bind(i64::from(stars))
        .bind(body)
        .bind(input.anonymous)
        .bind(now),
    )
    .await
    .map_err(|e| {
        if db::is_unique_violation(&e) {
            AppError::AlreadyReviewed.into()
        } else {
            refusal_or_failure(e, "writing review")
        }
    })?;
    let row = rows.first().ok_or(AppError::NotFound)?;
    Ok(sqlx::Row::get(row, 0))
}

/// Changes `patient`'s own review (within its 14 days).
pub async fn edit(
    state: &AppState,
    patient: &SessionUser,
    review: i64,
    input: &ReviewInput<'_>,
) -> ServerResult<()> {
    let (stars, body) = parse_review(input.stars, input.body).map_err(AppError::Invalid)?;
    let rows = db::write_at_once(
        &state.writer,
        sqlx::query(crate::immediate_transaction!(
            "UPDATE reviews SET stars = ?3, body = ?4, anonymous = ?5, updated_at = max(updated_at, ?6) \
             WHERE id = ?1 AND patient_id = ?2 RETURNING id"
        ))
        .bind(review)
        .bind(patient.id.0)
        .bind(i64::from(stars))
        .bind(body)
        .bind(input.anonymous)
        .bind(state.clock.now().timestamp()),
    )
    .await
    .map_err(|e| refusal_or_failure(e, "editing review"))?;
    if rows.is_empty() {
        return Err(AppError::NotFound.into());
    }
    Ok(())
}

/// The doctor's one public answer to a review of them.
pub async fn answer(
    state: &AppState,
    doctor: &SessionUser,
    review: i64,
    reply: &str,
) -> ServerResult<()> {
    let reply = parse_reply(reply).map_err(|e| AppError::Invalid(vec![e]))?;
    let rows = db::write_at_once(
        &state.writer,
        sqlx::query(crate::immediate_transaction!(
            "UPDATE reviews SET reply = ?3, replied_at = ?4 WHERE id = ?1 AND doctor_id = ?2 \
             RETURNING id"
        ))
        .bind(review)
        .bind(doctor.id.0)
        .bind(reply)
        .bind(state.clock.now().timestamp()),
    )
    .await
    .map_err(|e| refusal_or_failure(e, "answering review"))?;
    if rows.is_empty() {
        return Err(AppError::NotFound.into());
    }
    Ok(())
}

/// Hides a review with `reason` (its author is mailed the reason) or restores it. Hiding a
/// hidden review, or restoring a shown one, changes nothing.
pub async fn moderate(
    state: &AppState,
    admin: &SessionUser,
    review: i64,
    hide: bool,
    reason: &str,
) -> ServerResult<()> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.writer).await.doing("moderating review")?;
    if !hide {
        let done = sqlx::query(
            "UPDATE reviews SET hidden_at = NULL, hidden_by = NULL, hidden_reason = NULL WHERE id = ?1",
        )
        .bind(review)
        .execute(&mut *tx)
        .await
        .map_err(|e| refusal_or_failure(e, "restoring review"))?;
        if done.rows_affected() == 0 {
            return Err(AppError::NotFound.into());
        }
        tx.commit().await.doing("restoring review")?;
        return Ok(());
    }
    let reason = parse_reason(reason).map_err(|e| AppError::Invalid(vec![e]))?;
    let author: Option<(String, String, String, bool)> = sqlx::query_as(
        "SELECT p.email, p.full_name, d.full_name, r.hidden_at IS NOT NULL \
         FROM reviews r JOIN users p ON p.id = r.patient_id JOIN users d ON d.id = r.doctor_id \
         WHERE r.id = ?1",
    )
    .bind(review)
    .fetch_optional(&mut *tx)
    .await
    .doing("moderating review")?;
    let (to, name, doctor, already_hidden) = author.ok_or(AppError::NotFound)?;
    if already_hidden {
        return Ok(());
    }
    sqlx::query(
        "UPDATE reviews SET hidden_at = ?2, hidden_by = ?3, hidden_reason = ?4 WHERE id = ?1",
    )
    .bind(review)
    .bind(now.timestamp())
    .bind(admin.id.0)
    .bind(&reason)
    .execute(&mut *tx)
    .await
    .map_err(|e| refusal_or_failure(e, "hiding review"))?;
    let mail = MailTemplate::ReviewHidden { to, name, doctor, reason };
    jobs::enqueue_mail(&mut tx, &mail, now, now).await.doing("telling the author")?;
    tx.commit().await.doing("hiding review")?;
    Ok(())
}

/// A page of a listed doctor's reviews for `viewer` (admins also see hidden ones, with why).
pub async fn of_doctor(
    state: &AppState,
    viewer: Option<&SessionUser>,
    doctor: UserId,
    page: u32,
) -> ServerResult<DoctorReviews> {
    let mut conn = state.db.acquire().await.doing("loading reviews")?;
    crate::server::services::availability::listed_doctor_in(&mut *conn, doctor).await?;
    let viewer_is_admin = viewer.is_some_and(|v| v.role == Role::Admin);
    let page = page.max(1);
    let (summary, distribution) =
        reviews::summary(&mut *conn, doctor).await.doing("loading ratings")?;
    let total =
        reviews::count(&mut *conn, doctor, viewer_is_admin).await.doing("loading reviews")?;
    let list =
        reviews::page(&mut *conn, doctor, page, viewer_is_admin).await.doing("loading reviews")?;
    Ok(DoctorReviews {
        doctor,
        summary,
        distribution,
        reviews: list,
        page,
        pages: total.div_ceil(PAGE_SIZE).max(1),
        viewer_is_doctor: viewer.is_some_and(|v| v.id == doctor),
        viewer_is_admin,
    })
}

/// `patient`'s review of `appointment`, if any.
pub async fn mine(
    state: &AppState,
    patient: &SessionUser,
    appointment: AppointmentId,
) -> ServerResult<Option<MyReview>> {
    reviews::mine(&state.db, patient.id, appointment).await.doing("loading review")
}
