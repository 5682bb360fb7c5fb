//! `POST /api/reschedule_appointment`: move a booked appointment to another free time.

use crate::domain::AppointmentId;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// Moves `appointment_id` to the doctor's free slot starting at `start` (RFC 3339); the old
/// time is freed in the same transaction. Returns the new start.
#[server(endpoint = "reschedule_appointment", output = crate::wire::TextJson)]
pub async fn reschedule_appointment(
    appointment_id: AppointmentId,
    start: String,
) -> Result<DateTime<Utc>, AppError> {
    use crate::paths;
    use crate::server::{auth, booking, request};
    let mut done = None;
    let result = async {
        let ctx = request::context().await?;
        let user = auth::require_user(&ctx.state, &ctx.session).await?;
        done = Some(paths::appointments_for(user.role));
        booking::reschedule::reschedule_appointment(&ctx.state, &user, appointment_id, &start).await
    }
    .await;
    let done = result.as_ref().ok().and(done).map(|path| format!("{path}?moved={appointment_id}"));
    request::finish_with_redirect(result, done.as_deref())
}
