//! `POST /api/save_practice_profile`: a doctor edits their public profile.
// Server functions take their form fields one by one.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use leptos::prelude::*;

/// Saves the calling doctor's name, specialty, languages (`languages[]` checkboxes), practice
/// place (`practice_1` … `practice_3` pickers) and licence number. Returns true when a changed
/// licence number now waits for an admin's verification (the doctor leaves the directory).
#[server(endpoint = "save_practice_profile", output = crate::wire::TextJson)]
pub async fn save_practice_profile(
    full_name: String,
    specialty: String,
    #[server(default)] languages: Vec<String>,
    #[server(default)] practice_1: String,
    #[server(default)] practice_2: String,
    #[server(default)] practice_3: String,
    licence_number: String,
) -> Result<bool, AppError> {
    use crate::domain::Role;
    use crate::domain::doctor_profile::DoctorProfileInput;
    use crate::server::services::doctor_profile;
    use crate::server::{auth, request};
    let input = DoctorProfileInput { full_name, specialty, languages, licence_number };
    let picked: Vec<i64> =
        [practice_1, practice_2, practice_3].iter().map_while(|p| p.trim().parse().ok()).collect();
    let result = async {
        let ctx = request::context().await?;
        let doctor = auth::require_role(&ctx.state, &ctx.session, Role::Doctor).await?;
        doctor_profile::save(&ctx.state, &doctor, &input, &picked).await
    }
    .await;
    request::finish(result)
}
