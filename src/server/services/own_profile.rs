//! A user's own profile: the zone they read times in, and (patients) their details changed a
//! few fields at a time, with every field checked before anything is written.

use crate::domain::patient_details::PatientDetailsInput;
use crate::domain::schedule::TimeZone;
use crate::domain::{Field, FieldErrorCode, Role};
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::error::{Doing, ServerResult};
use crate::server::locations::queries;
use crate::server::services::patient_details;
use crate::server::state::AppState;
use crate::server::users;

/// A zone name as typed: empty follows the doctor's zone; anything else must be an IANA zone.
pub fn parse_time_zone(raw: &str) -> Result<Option<TimeZone>, AppError> {
    match raw.trim() {
        "" => Ok(None),
        name => TimeZone::parse(name)
            .map(Some)
            .ok_or_else(|| AppError::field(Field::TimeZone, FieldErrorCode::Unknown)),
    }
}

/// Sets the zone `user` reads times in (mail, reminders); `None` follows the doctor's zone.
pub async fn save_time_zone(
    state: &AppState,
    user: &SessionUser,
    zone: Option<TimeZone>,
) -> ServerResult<()> {
    users::set_time_zone(&state.writer, user.id, zone, state.clock.now())
        .await
        .doing("saving a time zone")
}

/// Changes to a patient's details: each `Some` replaces the stored value.
#[derive(Debug, Default, Clone)]
pub struct DetailsChange {
    pub full_name: Option<String>,
    pub phone: Option<String>,
    pub date_of_birth: Option<String>,
    pub blood_group: Option<String>,
    pub address: Option<String>,
    pub emergency_name: Option<String>,
    pub emergency_relation: Option<String>,
    pub emergency_phone: Option<String>,
    pub allergies: Option<String>,
    pub conditions: Option<String>,
}

impl DetailsChange {
    pub fn is_empty(&self) -> bool {
        [
            &self.full_name,
            &self.phone,
            &self.date_of_birth,
            &self.blood_group,
            &self.address,
            &self.emergency_name,
            &self.emergency_relation,
            &self.emergency_phone,
            &self.allergies,
            &self.conditions,
        ]
        .iter()
        .all(|field| field.is_none())
    }
}

/// Applies `change` and `zone` (when given) to the caller's profile. The details go through the
/// same checks and write as the account page's form (the place stays as it is); the zone is
/// checked before anything is written. Only patients have details to change.
pub async fn update(
    state: &AppState,
    user: &SessionUser,
    change: &DetailsChange,
    zone: Option<&str>,
) -> ServerResult<()> {
    let zone = zone.map(parse_time_zone).transpose()?;
    if !change.is_empty() {
        if user.role != Role::Patient {
            return Err(AppError::Forbidden.into());
        }
        let current = patient_details::read(state, user.id).await?;
        let pick = |new: &Option<String>, old: String| new.clone().unwrap_or(old);
        let input = PatientDetailsInput {
            full_name: pick(&change.full_name, current.full_name),
            phone: pick(&change.phone, current.phone),
            date_of_birth: pick(&change.date_of_birth, current.date_of_birth),
            blood_group: pick(&change.blood_group, current.blood_group.unwrap_or_default()),
            address: pick(&change.address, current.address),
            emergency_name: pick(&change.emergency_name, current.emergency_name),
            emergency_relation: pick(&change.emergency_relation, current.emergency_relation),
            emergency_phone: pick(
                &change.emergency_phone,
                current.emergency_phone.unwrap_or_default(),
            ),
            allergies: pick(&change.allergies, current.allergies),
            conditions: pick(&change.conditions, current.conditions),
        };
        let place: Vec<i64> = match current.location_id {
            Some(id) => queries::path(&state.db, id)
                .await
                .doing("reading places")?
                .into_iter()
                .map(|place| place.id)
                .collect(),
            None => Vec::new(),
        };
        patient_details::save(state, user, &input, &place).await?;
    }
    if let Some(zone) = zone {
        save_time_zone(state, user, zone).await?;
    }
    Ok(())
}
