//! `POST /api/register`: create a patient or doctor account.

use crate::error::AppError;
use leptos::prelude::*;

/// Registers an account; doctors also give `specialty` (an id) and `licence_number`.
/// On success the browser goes to the sign-in page.
#[server(endpoint = "register")]
#[allow(clippy::too_many_arguments)]
pub async fn register(
    role: String,
    full_name: String,
    username: String,
    email: String,
    phone: String,
    date_of_birth: String,
    password: String,
    specialty: Option<String>,
    licence_number: Option<String>,
    time_zone: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::RegistrationInput;
    use crate::domain::schedule::TimeZone;
    use crate::server::{request, services, users};
    let ctx = request::context().await?;
    let input = RegistrationInput {
        role,
        full_name,
        username,
        email,
        phone,
        date_of_birth,
        password,
        specialty,
        licence_number,
    };
    let result = services::register::register(&ctx.state, &input).await;
    // The browser's zone is a preference: an unknown one is ignored, not an error.
    if let (Ok(id), Some(zone)) = (&result, time_zone.as_deref().and_then(TimeZone::parse)) {
        let now = ctx.state.now_unix();
        if let Err(e) = users::set_time_zone(&ctx.state.writer, *id, Some(zone.name()), now).await {
            tracing::warn!(error = %e, "could not store a new user's time zone");
        }
    }
    let result = result.map(|_| ());
    request::finish_with_redirect(result, Some("/login?registered=1"))
}
