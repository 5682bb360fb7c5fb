//! `POST /api/day_slots`: the free slots of one day.

use crate::dto::availability_views::DaySlotsView;
use crate::error::AppError;
use leptos::prelude::*;

/// Free slots starting on local `date` (`YYYY-MM-DD`) in the viewer's `time_zone`.
#[server(endpoint = "day_slots", output = crate::wire::TextJson)]
pub async fn day_slots(
    doctor_id: i64,
    date: String,
    time_zone: String,
) -> Result<DaySlotsView, AppError> {
    use crate::domain::UserId;
    use crate::server::{request, services};
    let result = async {
        let ctx = request::context().await?;
        services::availability::day_slots(&ctx.state, UserId(doctor_id), &date, &time_zone).await
    }
    .await;
    request::finish(result)
}
