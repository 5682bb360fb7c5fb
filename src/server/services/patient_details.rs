//! A patient's details: edited by the patient; read by the patient, the doctors they have booked
//! (their medical notes matter to the visit) and admins — "not found" for anyone else. Every
//! reading by someone other than the patient is logged first (`record_views`).

use crate::domain::patient_details::PatientDetailsInput;
use crate::domain::{Role, UserId};
use crate::dto::patient_details_view::PatientDetailsView;
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::db;
use crate::server::error::{Doing, ServerResult};
use crate::server::locations::queries;
use crate::server::record_views;
use crate::server::state::AppState;

/// Lets `viewer` open `patient`'s details: the patient themselves, or (logged first, and the
/// log's trigger decides) an admin or a doctor they have booked; "not found" for anyone else.
pub async fn open(state: &AppState, viewer: &SessionUser, patient: UserId) -> ServerResult<()> {
    match viewer.role {
        Role::Patient if viewer.id == patient => Ok(()),
        Role::Patient => Err(AppError::NotFound.into()),
        Role::Doctor | Role::Admin => record_views::log(state, viewer.id, patient).await,
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    full_name: String,
    phone: Option<String>,
    date_of_birth: Option<String>,
    blood_group: Option<String>,
    location_id: Option<i64>,
    address: Option<String>,
    emergency_name: Option<String>,
    emergency_relation: Option<String>,
    emergency_phone: Option<String>,
    allergies: Option<String>,
    conditions: Option<String>,
}

/// `patient`'s details for `viewer` (see [`open`]), with the place pickers for editing them.
pub async fn load(
    state: &AppState,
    viewer: &SessionUser,
    patient: UserId,
) -> ServerResult<PatientDetailsView> {
    open(state, viewer, patient).await?;
    let mut details = read(state, patient).await?;
    details.place_picker =
        state.reference.picker(&state.db, details.location_id).await.doing("loading places")?;
    Ok(details)
}

/// `patient`'s details, unchecked: callers [`open`] them first. The pickers are left empty.
pub async fn read(state: &AppState, patient: UserId) -> ServerResult<PatientDetailsView> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT u.full_name, u.phone, u.date_of_birth, p.blood_group, p.location_id, p.address, \
                p.emergency_name, p.emergency_relation, p.emergency_phone, p.allergies, p.conditions \
         FROM users u LEFT JOIN patient_profiles p ON p.user_id = u.id \
         WHERE u.id = ?1 AND u.role = 'patient'",
    )
    .bind(patient.0)
    .fetch_optional(&state.db)
    .await
    .doing("loading patient details")?;
    let row = row.ok_or(AppError::NotFound)?;
    let place = match row.location_id {
        Some(id) => {
            let path = queries::path(&state.db, id).await.doing("loading place")?;
            Some(crate::domain::location_search::breadcrumb(
                path.iter().map(|p| p.name_en.as_str()),
            ))
        }
        None => None,
    };
    Ok(PatientDetailsView {
        patient,
        full_name: row.full_name,
        phone: row.phone.unwrap_or_default(),
        date_of_birth: row.date_of_birth.unwrap_or_default(),
        blood_group: row.blood_group,
        location_id: row.location_id,
        place,
        place_picker: Vec::new(),
        address: row.address.unwrap_or_default(),
        emergency_name: row.emergency_name.unwrap_or_default(),
        emergency_relation: row.emergency_relation.unwrap_or_default(),
        emergency_phone: row.emergency_phone,
        allergies: row.allergies.unwrap_or_default(),
        conditions: row.conditions.unwrap_or_default(),
    })
}

/// Saves the signed-in patient's details; `picked` are the place pickers' choices, broadest
/// first. Every field is checked before anything is written.
pub async fn save(
    state: &AppState,
    patient: &SessionUser,
    input: &PatientDetailsInput,
    picked: &[i64],
) -> ServerResult<()> {
    let now = state.clock.now();
    let details = input.parse(now.date_naive()).map_err(AppError::Invalid)?;
    let place = queries::deepest_in_chain(&state.db, picked).await.doing("reading places")?;
    let (emergency_name, emergency_relation, emergency_phone) = match &details.emergency {
        Some((name, relation, phone)) => {
            (name.as_str().to_owned(), relation.clone(), Some(phone.as_str().to_owned()))
        }
        None => (String::new(), String::new(), None),
    };
    let mut tx = db::begin_write(&state.writer).await.doing("saving patient details")?;
    sqlx::query("UPDATE users SET full_name = ?2, phone = ?3, date_of_birth = ?4, updated_at = ?5 WHERE id = ?1")
        .bind(patient.id.0)
        .bind(details.full_name.as_str())
        .bind(details.phone.as_str())
        .bind(details.date_of_birth.date().format("%Y-%m-%d").to_string())
        .bind(now.timestamp())
        .execute(&mut *tx)
        .await
        .doing("saving patient details")?;
    sqlx::query(
        "INSERT INTO patient_profiles (user_id, blood_group, location_id, address, emergency_name, \
           emergency_relation, emergency_phone, allergies, conditions, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) \
         ON CONFLICT (user_id) DO UPDATE SET blood_group = excluded.blood_group, \
           location_id = excluded.location_id, address = excluded.address, \
           emergency_name = excluded.emergency_name, emergency_relation = excluded.emergency_relation, \
           emergency_phone = excluded.emergency_phone, allergies = excluded.allergies, \
           conditions = excluded.conditions, updated_at = excluded.updated_at",
    )
    .bind(patient.id.0)
    .bind(details.blood_group)
    .bind(place)
    .bind(&details.address)
    .bind(emergency_name)
    .bind(emergency_relation)
    .bind(emergency_phone)
    .bind(&details.allergies)
    .bind(&details.conditions)
    .bind(now.timestamp())
    .execute(&mut *tx)
    .await
    .doing("saving patient details")?;
    tx.commit().await.doing("saving patient details")?;
    Ok(())
}
