//! `POST /api/list_doctors`: the public directory of verified doctors.

use crate::api::doctor_card::DoctorCard;
use crate::error::AppError;
use leptos::prelude::*;

/// Verified, active doctors, optionally of one specialty (public). Unverified doctors never
/// appear here.
#[server(endpoint = "list_doctors")]
pub async fn list_doctors(specialty: Option<i64>) -> Result<Vec<DoctorCard>, AppError> {
    use crate::domain::SpecialtyId;
    use crate::server::{doctors, failure::internal, request};
    let ctx = request::context().await?;
    let result = doctors::list_verified(&ctx.state.db, specialty.map(SpecialtyId))
        .await
        .map_err(|e| internal("listing doctors", e));
    request::finish(result)
}
