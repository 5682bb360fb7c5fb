//! Queries on doctors and specialties.

use crate::domain::{LicenceNumber, SpecialtyId, UserId};
use crate::dto::specialty::Specialty;
use chrono::{DateTime, Utc};
use sqlx::{SqliteConnection, SqlitePool};

/// All specialties, by name, retired ones included (marked).
pub async fn list_specialties(pool: &SqlitePool) -> Result<Vec<Specialty>, sqlx::Error> {
    let rows: Vec<(i64, String, bool)> =
        sqlx::query_as("SELECT id, name, retired_at IS NOT NULL FROM specialties ORDER BY name")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, retired)| Specialty { id: SpecialtyId(id), name, retired })
        .collect())
}

/// The id of the specialty with this name (case-insensitive).
pub async fn specialty_by_name(
    conn: &mut SqliteConnection,
    name: &str,
) -> Result<Option<SpecialtyId>, sqlx::Error> {
    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM specialties WHERE name = ?1")
        .bind(name)
        .fetch_optional(conn)
        .await?;
    Ok(id.map(SpecialtyId))
}

/// True when the specialty can be chosen: it exists and is not retired, or it is the one
/// `keeping` (a doctor saving their profile) already has.
pub async fn specialty_offered(
    conn: &mut SqliteConnection,
    id: SpecialtyId,
    keeping: Option<UserId>,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM specialties s WHERE s.id = ?1 AND (s.retired_at IS NULL \
         OR EXISTS (SELECT 1 FROM doctors WHERE user_id = ?2 AND specialty_id = s.id)))",
    )
    .bind(id.0)
    .bind(keeping.map(|user| user.0))
    .fetch_one(conn)
    .await
}

/// True when another doctor holds this licence number.
pub async fn licence_taken(
    conn: &mut SqliteConnection,
    licence: &LicenceNumber,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM doctors WHERE licence_number = ?1)")
        .bind(licence.as_str())
        .fetch_one(conn)
        .await
}

/// Adds the doctor details of a doctor account; `verified` records who verified and when.
pub async fn insert(
    conn: &mut SqliteConnection,
    user: UserId,
    specialty: SpecialtyId,
    licence: &LicenceNumber,
    verified: Option<(UserId, DateTime<Utc>)>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO doctors (user_id, specialty_id, licence_number, verified_by, verified_at) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(user.0)
    .bind(specialty.0)
    .bind(licence.as_str())
    .bind(verified.map(|(admin, _)| admin.0))
    .bind(verified.map(|(_, at)| at.timestamp()))
    .execute(conn)
    .await?;
    Ok(())
}

/// Marks a doctor verified by `admin`; returns false when no such doctor exists. Verifying twice
/// keeps the first verification untouched (even when the admin who gave it has since left).
pub async fn mark_verified(
    conn: &mut SqliteConnection,
    doctor: UserId,
    admin: UserId,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE doctors SET verified_by = ?2, verified_at = ?3 \
         WHERE user_id = ?1 AND verified_by IS NULL",
    )
    .bind(doctor.0)
    .bind(admin.0)
    .bind(now.timestamp())
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 1 {
        return Ok(true);
    }
    let exists: Option<i64> = sqlx::query_scalar("SELECT 1 FROM doctors WHERE user_id = ?1")
        .bind(doctor.0)
        .fetch_optional(conn)
        .await?;
    Ok(exists.is_some())
}
