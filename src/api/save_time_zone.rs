//! `POST /api/save_time_zone`: the zone the caller reads times in, in mail and reminders.

use crate::error::AppError;
use leptos::prelude::*;

/// Sets the caller's time zone (an IANA name); empty follows each doctor's zone.
#[server(endpoint = "save_time_zone", output = crate::wire::TextJson)]
pub async fn save_time_zone(time_zone: String) -> Result<(), AppError> {
    use crate::paths;
    use crate::server::services::own_profile;
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let user = auth::require_user(&ctx.state, &ctx.session).await?;
        let zone = own_profile::parse_time_zone(&time_zone)?;
        own_profile::save_time_zone(&ctx.state, &user, zone).await
    }
    .await;
    request::finish_redirecting_forms(result, Some(&format!("{}?zone=1", paths::ACCOUNT)))
}
