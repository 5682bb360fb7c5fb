//! `POST /api/statistics`: the report figures for any range of days.

use crate::dto::report_views::StatisticsView;
use crate::error::AppError;
use leptos::prelude::*;

/// The figures of the clinic days `from`–`to` (YYYY-MM-DD, inclusive, up to two years): a
/// doctor's own, or for an admin every doctor's (or only `doctor`'s: a user id, empty for all).
#[server(endpoint = "statistics", output = crate::wire::TextJson)]
pub async fn statistics(
    from: String,
    to: String,
    #[server(default)] doctor: String,
) -> Result<StatisticsView, AppError> {
    use crate::server::reports::reading;
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let viewer = auth::require_user(&ctx.state, &ctx.session).await?;
        let doctor = crate::server::services::appointment_lists::optional_id(&doctor)?;
        reading::statistics(&ctx.state, &viewer, &from, &to, doctor).await
    }
    .await;
    request::finish(result)
}
