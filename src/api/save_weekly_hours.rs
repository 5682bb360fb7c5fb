//! `POST /api/save_weekly_hours`: replace the doctor's weekly hours.

use crate::error::AppError;
use leptos::prelude::*;

/// Saves one line of intervals per weekday, e.g. `10:00-13:00, 14:00-17:00` (doctors only).
#[server(endpoint = "save_weekly_hours", output = crate::wire::TextJson)]
#[allow(clippy::too_many_arguments)]
pub async fn save_weekly_hours(
    hours_mon: String,
    hours_tue: String,
    hours_wed: String,
    hours_thu: String,
    hours_fri: String,
    hours_sat: String,
    hours_sun: String,
) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::{auth, request, services};
    let days = [hours_mon, hours_tue, hours_wed, hours_thu, hours_fri, hours_sat, hours_sun];
    let result = async {
        let ctx = request::context().await?;
        let doctor = auth::require_role(&ctx.state, &ctx.session, Role::Doctor).await?;
        services::schedule_editing::save_weekly_hours(&ctx.state, &doctor, &days).await
    }
    .await;
    request::finish(result)
}
