//! The account step after an OpenID Connect provider vouched for someone MediBook does not know
//! by that identity: what is waiting, signing up as a new patient, or linking the existing
//! account with its password.
// Server functions take their form fields one by one.
#![allow(clippy::too_many_arguments)]

use crate::dto::session_user::SessionUser;
use crate::dto::sign_in_provider::PendingProviderSignIn;
use crate::error::AppError;
use leptos::prelude::*;

/// What waits in this browser's session; `provider_sign_in_expired` when nothing does.
#[server(endpoint = "provider_pending", output = crate::wire::TextJson)]
pub async fn provider_pending() -> Result<PendingProviderSignIn, AppError> {
    use crate::server::{request, services};
    let result = async {
        let ctx = request::context().await?;
        services::provider_accounts::pending_view(&ctx.state, &ctx.session).await
    }
    .await;
    request::finish(result)
}

/// Creates a patient account with the provider's verified email and these details, and signs in.
#[server(endpoint = "provider_sign_up", output = crate::wire::TextJson)]
pub async fn provider_sign_up(
    full_name: String,
    username: String,
    phone: String,
    date_of_birth: String,
    time_zone: Option<String>,
) -> Result<SessionUser, AppError> {
    use crate::domain::RegistrationInput;
    use crate::paths;
    use crate::server::{request, services};
    let details = RegistrationInput {
        role: String::new(),
        full_name,
        username,
        email: String::new(),
        phone,
        date_of_birth,
        password: String::new(),
        specialty: None,
        licence_number: None,
    };
    let result = async {
        let ctx = request::context().await?;
        ctx.state.limits.code_request(ctx.client)?;
        services::provider_accounts::sign_up(
            &ctx.state,
            &ctx.session,
            &details,
            time_zone.as_deref(),
        )
        .await
    }
    .await;
    request::finish_redirecting_forms(result, Some(paths::HOME))
}

/// Links the provider identity to the account with its email once `password` is proved, and
/// signs in.
#[server(endpoint = "link_provider_account", output = crate::wire::TextJson)]
pub async fn link_provider_account(password: String) -> Result<SessionUser, AppError> {
    use crate::paths;
    use crate::server::{request, services};
    let result = async {
        let ctx = request::context().await?;
        ctx.state.limits.sign_in(ctx.client)?;
        services::provider_accounts::link_with_password(&ctx.state, &ctx.session, &password).await
    }
    .await;
    request::finish_redirecting_forms(result, Some(paths::HOME))
}
