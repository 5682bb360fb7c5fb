//! `POST /api/admin_appointments`: every appointment, filtered and paginated (admins only).

use crate::dto::appointment_lists::AppointmentPage;
use crate::error::AppError;
use leptos::prelude::*;

/// A page of appointments matching the filter: `doctor` / `patient` (user ids), `status` (a
/// status, "active", "standing" (with completed) or "called_off" (cancelled or rejected)), `from` / `to` (clinic dates, YYYY-MM-DD), `search` (names, usernames
/// or reason) and `page` (1-based). Empty values match everything.
#[allow(clippy::too_many_arguments)]
#[server(endpoint = "admin_appointments", output = crate::wire::TextJson)]
pub async fn admin_appointments(
    #[server(default)] doctor: String,
    #[server(default)] patient: String,
    #[server(default)] status: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
    #[server(default)] search: String,
    #[server(default)] page: String,
) -> Result<AppointmentPage, AppError> {
    use crate::domain::Role;
    use crate::server::services::appointment_lists::{AdminFilter, admin_appointments};
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let admin = auth::require_role(&ctx.state, &ctx.session, Role::Admin).await?;
        let filter = AdminFilter {
            doctor: &doctor,
            patient: &patient,
            status: &status,
            from: &from,
            to: &to,
            search: &search,
            page: &page,
        };
        admin_appointments(&ctx.state, &admin, &filter).await
    }
    .await;
    request::finish(result)
}
