//! `/api/v1/me/profile`: the caller's profile, read and changed a few fields at a time through
//! the account page's services (the same checks; nothing half-written).

use crate::domain::Role;
use crate::domain::api_scope::ApiScope;
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::error::Doing;
use crate::server::rest::extract::{Caller, JsonBody};
use crate::server::rest::problem::{Problem, ProblemBody, RestResult};
use crate::server::rest::views::RoleView;
use crate::server::services::own_profile::{self, DetailsChange};
use crate::server::services::patient_details;
use crate::server::state::AppState;
use crate::server::users;
use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The caller's account as they see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Profile {
    pub id: i64,
    pub role: RoleView,
    pub username: String,
    pub email: String,
    pub email_verified: bool,
    pub full_name: String,
    pub phone: Option<String>,
    /// YYYY-MM-DD.
    pub date_of_birth: Option<String>,
    /// The IANA zone mail and reminders use; absent: each doctor's zone.
    pub time_zone: Option<String>,
    /// A patient's details (patients only).
    pub patient: Option<PatientDetails>,
}

/// What a patient keeps for their doctors.
#[derive(Debug, Serialize, ToSchema)]
pub struct PatientDetails {
    pub blood_group: Option<String>,
    /// The place's breadcrumb, e.g. "Dhaka › Dhaka › Dhanmondi".
    pub place: Option<String>,
    pub address: String,
    pub emergency_name: String,
    pub emergency_relation: String,
    pub emergency_phone: Option<String>,
    pub allergies: String,
    pub conditions: String,
}

/// Fields to change; each one given replaces the stored value, the rest stay. The details
/// (every field but `time_zone`) are a patient's.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileChange {
    /// An IANA zone; "" follows each doctor's zone.
    #[schema(example = "Asia/Dhaka")]
    pub time_zone: Option<String>,
    pub full_name: Option<String>,
    pub phone: Option<String>,
    /// YYYY-MM-DD.
    pub date_of_birth: Option<String>,
    /// `A+`, `O-`, … or "".
    pub blood_group: Option<String>,
    pub address: Option<String>,
    pub emergency_name: Option<String>,
    pub emergency_relation: Option<String>,
    pub emergency_phone: Option<String>,
    pub allergies: Option<String>,
    pub conditions: Option<String>,
}

/// The caller's profile.
#[utoipa::path(get, path = "/api/v1/me/profile", tag = "me", security(("bearer" = [])),
    responses(
        (status = 200, description = "The profile", body = Profile),
        (status = 401, description = "`unauthenticated` or `token_invalid`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: a personal token without `me:read`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn read(State(state): State<AppState>, caller: Caller) -> RestResult<Json<Profile>> {
    let user = caller.may(ApiScope::MeRead)?;
    Ok(Json(profile_of(&state, &user).await?))
}

/// Changes some of the caller's profile. Every field given is checked first (each refusal
/// names its field); nothing is written unless all pass.
#[utoipa::path(patch, path = "/api/v1/me/profile", tag = "me", request_body = ProfileChange,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The profile after the change", body = Profile),
        (status = 400, description = "`invalid_input` (field errors) or `bad_request`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated` or `token_invalid`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: details of someone who is not a patient, or a personal token without `me:write`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn change(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<ProfileChange>,
) -> RestResult<Json<Profile>> {
    let user = caller.may(ApiScope::MeWrite)?;
    let details = DetailsChange {
        full_name: body.full_name,
        phone: body.phone,
        date_of_birth: body.date_of_birth,
        blood_group: body.blood_group,
        address: body.address,
        emergency_name: body.emergency_name,
        emergency_relation: body.emergency_relation,
        emergency_phone: body.emergency_phone,
        allergies: body.allergies,
        conditions: body.conditions,
    };
    own_profile::update(&state, &user, &details, body.time_zone.as_deref()).await?;
    Ok(Json(profile_of(&state, &user).await?))
}

async fn profile_of(state: &AppState, user: &SessionUser) -> Result<Profile, Problem> {
    let view = users::find_view(&state.db, user.id)
        .await
        .doing("loading a profile")?
        .ok_or(AppError::Unauthenticated)?;
    let patient = if view.role == Role::Patient {
        let d = patient_details::read(state, user.id).await?;
        let place = match d.location_id {
            Some(id) => Some(
                crate::server::locations::queries::path(&state.db, id)
                    .await
                    .doing("reading places")?
                    .into_iter()
                    .map(|p| p.name_en)
                    .collect::<Vec<_>>()
                    .join(" › "),
            ),
            None => None,
        };
        Some(PatientDetails {
            blood_group: d.blood_group,
            place,
            address: d.address,
            emergency_name: d.emergency_name,
            emergency_relation: d.emergency_relation,
            emergency_phone: d.emergency_phone,
            allergies: d.allergies,
            conditions: d.conditions,
        })
    } else {
        None
    };
    Ok(Profile {
        id: view.id.0,
        role: view.role.into(),
        username: view.username,
        email: view.email,
        email_verified: view.email_verified_at.is_some(),
        full_name: view.full_name,
        phone: view.phone,
        date_of_birth: view.date_of_birth,
        time_zone: view.time_zone.map(|zone| zone.name().to_owned()),
        patient,
    })
}
