//! `POST /api/practice_profile`: the calling doctor's editable public profile.

use crate::dto::practice_profile::PracticeProfileView;
use crate::error::AppError;
use leptos::prelude::*;

/// Name, specialty, languages, practice place and licence number of the calling doctor.
#[server(endpoint = "practice_profile", output = crate::wire::TextJson)]
pub async fn practice_profile() -> Result<PracticeProfileView, AppError> {
    use crate::domain::Role;
    use crate::server::services::doctor_profile;
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let doctor = auth::require_role(&ctx.state, &ctx.session, Role::Doctor).await?;
        doctor_profile::load(&ctx.state, &doctor).await
    }
    .await;
    request::finish(result)
}
