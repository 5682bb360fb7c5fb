//! `POST /api/doctor_public`: a listed doctor's public profile.

use crate::dto::doctor_profile::DoctorProfile;
use crate::error::AppError;
use leptos::prelude::*;

/// The profile of a verified, active doctor (public); others are "not found".
#[server(endpoint = "doctor_public", output = crate::wire::TextJson)]
pub async fn doctor_public(doctor_id: i64) -> Result<DoctorProfile, AppError> {
    use crate::domain::UserId;
    use crate::server::{request, services};
    let result = async {
        let ctx = request::context().await?;
        services::availability::listed_doctor(&ctx.state, UserId(doctor_id)).await
    }
    .await;
    request::finish(result.map(|record| record.profile))
}
