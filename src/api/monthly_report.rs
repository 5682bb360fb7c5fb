//! `POST /api/monthly_report`: a generated month's doctor reports.

use crate::dto::report_views::MonthlyReportView;
use crate::error::AppError;
use leptos::prelude::*;

/// The reports of `month` (`YYYY-MM`; empty: the newest): a doctor's own, or for an admin every
/// doctor's (or only `doctor`'s: a user id, empty for all). Patients are refused.
#[server(endpoint = "monthly_report", output = crate::wire::TextJson)]
pub async fn monthly_report(
    #[server(default)] month: String,
    #[server(default)] doctor: String,
) -> Result<MonthlyReportView, AppError> {
    use crate::server::reports::reading;
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let viewer = auth::require_user(&ctx.state, &ctx.session).await?;
        let doctor = crate::server::services::appointment_lists::optional_id(&doctor)?;
        reading::monthly(&ctx.state, &viewer, &month, doctor).await
    }
    .await;
    request::finish(result)
}
