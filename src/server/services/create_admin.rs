//! Creating an admin account (from the command line).

use crate::domain::field_error::collect;
use crate::domain::{
    Email, Field, FieldError, FieldErrorCode, Password, PersonName, UserId, Username,
};
use crate::error::AppError;
use crate::server::error::Doing;
use crate::server::error::ServerResult;
use crate::server::state::AppState;
use crate::server::{db, users};

/// What the operator typed.
pub struct AdminInput {
    pub username: String,
    pub email: String,
    pub full_name: String,
    pub password: String,
}

/// Validates and stores a new admin; every bad field is reported.
pub async fn create_admin(state: &AppState, input: &AdminInput) -> ServerResult<UserId> {
    let mut errors = Vec::new();
    let username = collect(&mut errors, Username::parse(&input.username));
    let email = collect(&mut errors, Email::parse(&input.email));
    let full_name = collect(&mut errors, PersonName::parse(&input.full_name));
    let password = collect(
        &mut errors,
        Password::parse(
            &input.password,
            Field::Password,
            &[input.username.trim(), input.email.trim()],
        ),
    );
    let (Some(username), Some(email), Some(full_name), Some(password)) =
        (username, email, full_name, password)
    else {
        return Err(AppError::Invalid(errors).into());
    };
    let hash = state.hasher.hash(&password).await?;
    let mut tx = db::begin_write(&state.writer).await.doing("starting admin")?;
    let (username_taken, email_taken) =
        users::identity_taken(&mut tx, username.as_str(), email.as_str())
            .await
            .doing("checking admin")?;
    let mut taken = Vec::new();
    if username_taken {
        taken.push(FieldError::new(Field::Username, FieldErrorCode::Taken));
    }
    if email_taken {
        taken.push(FieldError::new(Field::Email, FieldErrorCode::Taken));
    }
    if !taken.is_empty() {
        return Err(AppError::Invalid(taken).into());
    }
    let id = users::insert_admin(
        &mut tx,
        username.as_str(),
        email.as_str(),
        full_name.as_str(),
        &hash,
        state.clock.now(),
    )
    .await
    .doing("storing admin")?;
    tx.commit().await.doing("committing admin")?;
    Ok(id)
}
