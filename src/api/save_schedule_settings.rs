//! `POST /api/save_schedule_settings`: the doctor's zone, slot rules, fee and profile.
// Server functions take their form fields one by one.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use leptos::prelude::*;

/// Saves the practice settings (doctors only); `auto_confirm` is present when ticked.
#[server(endpoint = "save_schedule_settings", output = crate::wire::TextJson)]
pub async fn save_schedule_settings(
    time_zone: String,
    slot_minutes: String,
    buffer_before: String,
    buffer_after: String,
    min_notice: String,
    horizon: String,
    fee: String,
    currency: String,
    bio: String,
    years_of_experience: String,
    location: String,
    auto_confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::domain::schedule::settings::SettingsInput;
    use crate::server::{auth, request, services};
    let input = SettingsInput {
        time_zone,
        slot_minutes,
        buffer_before,
        buffer_after,
        min_notice,
        horizon,
        fee,
        currency,
        bio,
        years_of_experience,
        location,
        auto_confirm: auto_confirm.is_some(),
    };
    let result = async {
        let ctx = request::context().await?;
        let doctor = auth::require_role(&ctx.state, &ctx.session, Role::Doctor).await?;
        services::schedule_editing::save_settings(&ctx.state, &doctor, &input).await
    }
    .await;
    request::finish(result)
}
