//! `POST /api/list_doctors`: the public directory of verified doctors.

use crate::dto::doctor_card::DoctorCard;
use crate::error::AppError;
use leptos::prelude::*;

/// Verified, active doctors, optionally of one specialty, with fee and next free day (public).
/// Unverified doctors never appear here.
#[server(endpoint = "list_doctors", output = crate::wire::TextJson)]
pub async fn list_doctors(specialty: Option<i64>) -> Result<Vec<DoctorCard>, AppError> {
    use crate::server::{request, services};
    let result = async {
        let ctx = request::context().await?;
        services::availability::directory(&ctx.state, specialty).await
    }
    .await;
    request::finish(result)
}
