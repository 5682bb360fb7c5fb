//! `POST /api/analytics`: the analytics dashboard's series.

use crate::dto::analytics_view::AnalyticsView;
use crate::error::AppError;
use leptos::prelude::*;

/// Bookings per day, lead times, utilisation, cancellations, revenue per month and new patients
/// over the clinic days `from`–`to` (YYYY-MM-DD; empty: the last 90 days): the clinic's for an
/// admin, a doctor's own for a doctor.
#[server(endpoint = "analytics", output = crate::wire::TextJson)]
pub async fn analytics(
    #[server(default)] from: String,
    #[server(default)] to: String,
) -> Result<AnalyticsView, AppError> {
    use crate::server::reports::{analytics, reading};
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let viewer = auth::require_user(&ctx.state, &ctx.session).await?;
        let range = if from.trim().is_empty() && to.trim().is_empty() {
            let today = ctx.state.config.clinic.time_zone.local(ctx.state.clock.now()).date();
            reading::Range { first_day: today - chrono::Duration::days(89), last_day: today }
        } else {
            reading::parse_range(&from, &to)?
        };
        analytics::analytics(&ctx.state, &viewer, range).await
    }
    .await;
    request::finish(result)
}
