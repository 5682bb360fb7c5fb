//! `POST /api/save_patient_details`: a patient edits their own details.
// Server functions take their form fields one by one.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use leptos::prelude::*;

/// Saves the calling patient's details; `address_1` … `address_3` are the place pickers.
#[server(endpoint = "save_patient_details", output = crate::wire::TextJson)]
pub async fn save_patient_details(
    full_name: String,
    phone: String,
    date_of_birth: String,
    #[server(default)] blood_group: String,
    #[server(default)] address_1: String,
    #[server(default)] address_2: String,
    #[server(default)] address_3: String,
    #[server(default)] address: String,
    #[server(default)] emergency_name: String,
    #[server(default)] emergency_relation: String,
    #[server(default)] emergency_phone: String,
    #[server(default)] allergies: String,
    #[server(default)] conditions: String,
) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::domain::patient_details::PatientDetailsInput;
    use crate::server::services::patient_details;
    use crate::server::{auth, request};
    let input = PatientDetailsInput {
        full_name,
        phone,
        date_of_birth,
        blood_group,
        address,
        emergency_name,
        emergency_relation,
        emergency_phone,
        allergies,
        conditions,
    };
    let picked: Vec<i64> =
        [address_1, address_2, address_3].iter().map_while(|p| p.trim().parse().ok()).collect();
    let result = async {
        let ctx = request::context().await?;
        let patient = auth::require_role(&ctx.state, &ctx.session, Role::Patient).await?;
        patient_details::save(&ctx.state, &patient, &input, &picked).await
    }
    .await;
    request::finish(result)
}
