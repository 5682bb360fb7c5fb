//! Admins keep the clinic's specialty list: add, rename, retire (a retired specialty stays on
//! the doctors who have it and is offered to nobody new; the `doctors_*_specialty_not_retired`
//! triggers hold that) and bring back. Specialties are never deleted (`MB_SPECIALTIES_KEPT`).

use crate::domain::specialty_name::parse_specialty_name;
use crate::domain::{Field, FieldErrorCode, SpecialtyId};
use crate::dto::specialty_admin::SpecialtyRow;
use crate::error::AppError;
use crate::server::db::is_unique_violation;
use crate::server::error::{Doing, ServerError, ServerResult};
use crate::server::state::AppState;

/// Every specialty by name, with its number of doctors.
pub async fn overview(state: &AppState) -> ServerResult<Vec<SpecialtyRow>> {
    let rows: Vec<(i64, String, bool, i64)> = sqlx::query_as(
        "SELECT s.id, s.name, s.retired_at IS NOT NULL, \
         (SELECT count(*) FROM doctors d WHERE d.specialty_id = s.id) \
         FROM specialties s ORDER BY s.name",
    )
    .fetch_all(&state.db)
    .await
    .doing("listing specialties")?;
    Ok(rows
        .into_iter()
        .map(|(id, name, retired, doctors)| SpecialtyRow {
            id: SpecialtyId(id),
            name,
            retired,
            doctors,
        })
        .collect())
}

/// Adds a specialty called `name`; a name already in use (in any case) is refused at the field.
pub async fn add(state: &AppState, name: &str) -> ServerResult<SpecialtyId> {
    let name = parse_specialty_name(name).map_err(|e| AppError::Invalid(vec![e]))?;
    let id: i64 = sqlx::query_scalar("INSERT INTO specialties (name) VALUES (?1) RETURNING id")
        .bind(&name)
        .fetch_one(&state.writer)
        .await
        .map_err(|e| name_refused(e, "adding a specialty"))?;
    tracing::info!(specialty = id, "specialty added");
    Ok(SpecialtyId(id))
}

/// Renames specialty `id`; its doctors' directory entries follow (a trigger re-indexes them).
pub async fn rename(state: &AppState, id: SpecialtyId, name: &str) -> ServerResult<()> {
    let name = parse_specialty_name(name).map_err(|e| AppError::Invalid(vec![e]))?;
    let changed = sqlx::query("UPDATE specialties SET name = ?2 WHERE id = ?1")
        .bind(id.0)
        .bind(&name)
        .execute(&state.writer)
        .await
        .map_err(|e| name_refused(e, "renaming a specialty"))?;
    if changed.rows_affected() == 0 {
        return Err(AppError::NotFound.into());
    }
    Ok(())
}

/// Retires specialty `id` (or, with `retired` false, offers it again). Doing it twice changes
/// nothing the second time: the first retirement's time is kept.
pub async fn set_retired(state: &AppState, id: SpecialtyId, retired: bool) -> ServerResult<()> {
    let now = state.clock.now().timestamp();
    let changed = sqlx::query(
        "UPDATE specialties SET retired_at = CASE WHEN ?2 THEN ifnull(retired_at, ?3) END \
         WHERE id = ?1",
    )
    .bind(id.0)
    .bind(retired)
    .bind(now)
    .execute(&state.writer)
    .await
    .doing("retiring a specialty")?;
    if changed.rows_affected() == 0 {
        return Err(AppError::NotFound.into());
    }
    Ok(())
}

/// A name the table refused: taken (the UNIQUE NOCASE index) is the admin's to fix.
fn name_refused(error: sqlx::Error, doing: &'static str) -> ServerError {
    if is_unique_violation(&error) {
        AppError::field(Field::Specialty, FieldErrorCode::Taken).into()
    } else {
        ServerError::failed(doing, error)
    }
}
