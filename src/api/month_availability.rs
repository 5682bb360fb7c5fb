//! `POST /api/month_availability`: which days of a month have free slots.

use crate::dto::availability_views::MonthAvailabilityView;
use crate::error::AppError;
use leptos::prelude::*;

/// Free-slot counts per day of `month` (`YYYY-MM`; absent: the current month), days taken in
/// the viewer's `time_zone` (absent: the doctor's).
#[server(endpoint = "month_availability", output = crate::wire::TextJson)]
pub async fn month_availability(
    doctor_id: i64,
    month: Option<String>,
    time_zone: Option<String>,
) -> Result<MonthAvailabilityView, AppError> {
    use crate::domain::UserId;
    use crate::server::{request, services};
    let result = async {
        let ctx = request::context().await?;
        services::availability::month_overview(
            &ctx.state,
            UserId(doctor_id),
            month.as_deref(),
            time_zone.as_deref(),
        )
        .await
    }
    .await;
    request::finish(result)
}
