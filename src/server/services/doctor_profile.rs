//! A doctor edits their public profile: name, specialty, languages, practice place and licence
//! number. A changed licence number takes the doctor out of the directory until an admin
//! verifies them again.

use crate::domain::doctor_profile::DoctorProfileInput;
use crate::domain::{Field, FieldErrorCode, SpecialtyId};
use crate::dto::practice_profile::PracticeProfileView;
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::error::{Doing, ServerResult};
use crate::server::locations::queries;
use crate::server::services::photos::{self, PhotoSize};
use crate::server::state::AppState;
use crate::server::{db, doctors};

/// The saved profile's columns: name, specialty, licence, place, languages (JSON), verified,
/// photo hash.
type SavedProfile = (String, i64, String, Option<i64>, Option<String>, bool, Option<String>);

/// What the form shows: the saved profile.
pub async fn load(state: &AppState, doctor: &SessionUser) -> ServerResult<PracticeProfileView> {
    let row: Option<SavedProfile> = sqlx::query_as(
        "SELECT u.full_name, d.specialty_id, d.licence_number, d.practice_location_id, \
                (SELECT json_group_array(language) FROM doctor_languages WHERE doctor_id = d.user_id), \
                d.verified_at IS NOT NULL, p.hash \
         FROM doctors d JOIN users u ON u.id = d.user_id LEFT JOIN photos p ON p.id = d.photo_id \
         WHERE d.user_id = ?1",
    )
    .bind(doctor.id.0)
    .fetch_optional(&state.db)
    .await
    .doing("loading profile")?;
    let (full_name, specialty_id, licence_number, practice_location_id, languages, verified, photo) =
        row.ok_or(AppError::NotFound)?;
    Ok(PracticeProfileView {
        full_name,
        specialty_id,
        licence_number,
        practice_location_id,
        place_picker: state
            .reference
            .picker(&state.db, practice_location_id)
            .await
            .doing("loading places")?,
        languages: serde_json::from_str(&languages.unwrap_or_default()).unwrap_or_default(),
        verified,
        photo_url: photo.map(|hash| photos::url(&hash, PhotoSize::Profile)),
    })
}

/// Saves the profile; returns true when the new licence number needs an admin's verification.
pub async fn save(
    state: &AppState,
    doctor: &SessionUser,
    input: &DoctorProfileInput,
    picked: &[i64],
) -> ServerResult<bool> {
    let edit = input.parse().map_err(AppError::Invalid)?;
    let place = queries::deepest_in_chain(&state.db, picked).await.doing("reading places")?;
    let now = state.clock.now().timestamp();
    let mut tx = db::begin_write(&state.writer).await.doing("saving profile")?;
    if !doctors::specialty_offered(&mut tx, SpecialtyId(edit.specialty), Some(doctor.id))
        .await
        .doing("saving profile")?
    {
        return Err(AppError::field(Field::Specialty, FieldErrorCode::Unknown).into());
    }
    let holder: Option<i64> =
        sqlx::query_scalar("SELECT user_id FROM doctors WHERE licence_number = ?1")
            .bind(edit.licence.as_str())
            .fetch_optional(&mut *tx)
            .await
            .doing("saving profile")?;
    if holder.is_some_and(|id| id != doctor.id.0) {
        return Err(AppError::field(Field::LicenceNumber, FieldErrorCode::Taken).into());
    }
    sqlx::query("UPDATE users SET full_name = ?2, updated_at = ?3 WHERE id = ?1")
        .bind(doctor.id.0)
        .bind(edit.full_name.as_str())
        .bind(now)
        .execute(&mut *tx)
        .await
        .doing("saving profile")?;
    let reverify: bool = sqlx::query_scalar(
        "UPDATE doctors SET specialty_id = ?2, practice_location_id = ?3, \
           verified_at = CASE WHEN licence_number = ?4 THEN verified_at END, \
           verified_by = CASE WHEN licence_number = ?4 THEN verified_by END, \
           licence_number = ?4 \
         WHERE user_id = ?1 RETURNING verified_at IS NULL",
    )
    .bind(doctor.id.0)
    .bind(edit.specialty)
    .bind(place)
    .bind(edit.licence.as_str())
    .fetch_one(&mut *tx)
    .await
    .doing("saving profile")?;
    sqlx::query("DELETE FROM doctor_languages WHERE doctor_id = ?1")
        .bind(doctor.id.0)
        .execute(&mut *tx)
        .await
        .doing("saving languages")?;
    sqlx::query(
        "INSERT INTO doctor_languages (doctor_id, language) SELECT ?1, value FROM json_each(?2)",
    )
    .bind(doctor.id.0)
    .bind(serde_json::to_string(&edit.languages).unwrap_or_else(|_| "[]".into()))
    .execute(&mut *tx)
    .await
    .doing("saving languages")?;
    tx.commit().await.doing("saving profile")?;
    Ok(reverify)
}
