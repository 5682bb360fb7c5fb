//! `POST /api/save_feed_privacy`: whether a doctor's calendar feed names patients.

use crate::error::AppError;
use leptos::prelude::*;

/// A doctor's choice (a ticked box sends its field, an unticked one nothing).
#[server(endpoint = "save_feed_privacy", output = crate::wire::TextJson)]
pub async fn save_feed_privacy(
    #[server(default)] patient_names: Option<String>,
) -> Result<(), AppError> {
    use crate::server::services::calendar_feed;
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let user = auth::require_user(&ctx.state, &ctx.session).await?;
        calendar_feed::save_privacy(&ctx.state, &user, patient_names.is_some()).await
    }
    .await;
    request::finish(result)
}
