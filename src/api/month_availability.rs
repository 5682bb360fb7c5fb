//! `POST /api/month_availability`: which days of a month have free slots.

use crate::dto::availability_views::MonthAvailabilityView;
use crate::error::AppError;
use leptos::prelude::*;

/// Free-slot counts per day of `month` (`YYYY-MM`), days taken in the viewer's `time_zone`.
#[server(endpoint = "month_availability")]
pub async fn month_availability(
    doctor_id: i64,
    month: String,
    time_zone: String,
) -> Result<MonthAvailabilityView, AppError> {
    use crate::domain::UserId;
    use crate::server::{request, services};
    let result = async {
        let ctx = request::context().await?;
        services::availability::month_overview(&ctx.state, UserId(doctor_id), &month, &time_zone)
            .await
    }
    .await;
    request::finish(result)
}
