//! `POST /api/save_time_zone`: the zone the caller reads times in, in mail and reminders.

use crate::error::AppError;
use leptos::prelude::*;

/// Sets the caller's time zone (an IANA name); empty follows each doctor's zone.
#[server(endpoint = "save_time_zone")]
pub async fn save_time_zone(time_zone: String) -> Result<(), AppError> {
    use crate::domain::schedule::TimeZone;
    use crate::domain::{Field, FieldErrorCode};
    use crate::paths;
    use crate::server::{auth, error::Doing, request, users};
    let result = async {
        let ctx = request::context().await?;
        let user = auth::require_user(&ctx.state, &ctx.session).await?;
        let zone = match time_zone.trim() {
            "" => None,
            name => Some(
                TimeZone::parse(name)
                    .ok_or_else(|| AppError::field(Field::TimeZone, FieldErrorCode::Unknown))?,
            ),
        };
        users::set_time_zone(&ctx.state.writer, user.id, zone, ctx.state.clock.now())
            .await
            .doing("saving a time zone")
    }
    .await;
    request::finish_redirecting_forms(result, Some(&format!("{}?zone=1", paths::ACCOUNT)))
}
