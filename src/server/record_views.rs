//! The log of who opened which patient's record: written before a record is read (its trigger
//! is the rule of who may), read by the patient.

use crate::domain::{Role, UserId};
use crate::dto::patient_record::RecordViewEntry;
use crate::server::db::{self, refusal_or_failure};
use crate::server::error::{Doing, ServerResult};
use crate::server::state::AppState;
use chrono::DateTime;

/// Logs that `viewer` opens `patient`'s record now; "not found" when they may not (the
/// trigger `record_views_only_by_their_doctors_and_admins` decides).
pub async fn log(state: &AppState, viewer: UserId, patient: UserId) -> ServerResult<()> {
    let insert = sqlx::query(crate::immediate_transaction!(
        "INSERT INTO record_views (patient_id, viewer_id, at) VALUES (?1, ?2, ?3)"
    ))
    .bind(patient.0)
    .bind(viewer.0)
    .bind(state.clock.now().timestamp());
    db::write_at_once(&state.writer, insert)
        .await
        .map_err(|e| refusal_or_failure(e, "logging a record view"))?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    viewer_id: i64,
    full_name: String,
    role: String,
    at: i64,
}

/// The openings of `patient`'s record, newest first, and how many there are in all.
pub async fn list(
    state: &AppState,
    patient: UserId,
    limit: u32,
    offset: u32,
) -> ServerResult<(Vec<RecordViewEntry>, u32)> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT v.viewer_id, u.full_name, u.role, v.at FROM record_views v \
         JOIN users u ON u.id = v.viewer_id WHERE v.patient_id = ?1 \
         ORDER BY v.at DESC, v.id DESC LIMIT ?2 OFFSET ?3",
    )
    .bind(patient.0)
    .bind(limit)
    .bind(offset)
    .fetch_all(&state.db)
    .await
    .doing("listing record views")?;
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM record_views WHERE patient_id = ?1")
        .bind(patient.0)
        .fetch_one(&state.db)
        .await
        .doing("counting record views")?;
    let entries = rows
        .into_iter()
        .filter_map(|row| {
            Some(RecordViewEntry {
                viewer: UserId(row.viewer_id),
                viewer_name: row.full_name,
                viewer_role: Role::parse(&row.role)?,
                at: DateTime::from_timestamp(row.at, 0)?,
            })
        })
        .collect();
    Ok((entries, u32::try_from(total).unwrap_or(u32::MAX)))
}
