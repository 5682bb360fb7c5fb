//! `POST /api/save_mail_preferences`: which optional mails the caller receives.

use crate::error::AppError;
use leptos::prelude::*;

/// Turns reminders and review invitations on or off (a ticked box sends its field, an unticked
/// one nothing, as an HTML form does).
#[server(endpoint = "save_mail_preferences", output = crate::wire::TextJson)]
pub async fn save_mail_preferences(
    #[server(default)] reminders: Option<String>,
    #[server(default)] review_requests: Option<String>,
) -> Result<(), AppError> {
    use crate::dto::mail_preferences::MailPreferences;
    use crate::paths;
    use crate::server::{auth, error::Doing, mail_preferences, request};
    let result = async {
        let ctx = request::context().await?;
        let user = auth::require_user(&ctx.state, &ctx.session).await?;
        let chosen = MailPreferences {
            reminders: reminders.is_some(),
            review_requests: review_requests.is_some(),
        };
        mail_preferences::save(&ctx.state.writer, user.id, chosen)
            .await
            .doing("saving mail preferences")
    }
    .await;
    request::finish_redirecting_forms(result, Some(&format!("{}?mail=1", paths::ACCOUNT)))
}
