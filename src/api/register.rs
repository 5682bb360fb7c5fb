//! `POST /api/register`: create a patient or doctor account.
// Server functions take their form fields one by one.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use leptos::prelude::*;

/// Registers an account; doctors also give `specialty` (an id) and `licence_number`.
/// On success the browser goes to the sign-in page.
#[server(endpoint = "register", output = crate::wire::TextJson)]
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
    use crate::paths;
    use crate::server::{request, services};
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
    let result = async {
        let ctx = request::context().await?;
        ctx.state.limits.code_request(ctx.client)?;
        services::register::register(&ctx.state, &input, time_zone.as_deref()).await.map(|_| ())
    }
    .await;
    request::finish_with_redirect(result, Some(&format!("{}?registered=1", paths::LOGIN)))
}
