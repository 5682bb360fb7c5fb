//! Accounts behind OpenID Connect identities: signing in a linked one, signing up a new patient
//! with the provider's verified email, and linking an existing account once its password is
//! proved (a provider's email alone never opens an existing account).

use crate::domain::{Field, FieldError, FieldErrorCode, RegistrationInput, Role, UserId};
use crate::dto::session_user::SessionUser;
use crate::dto::sign_in_provider::PendingProviderSignIn;
use crate::error::AppError;
use crate::server::error::{Doing, ServerError, ServerResult};
use crate::server::oidc::attempt::{self, Pending};
use crate::server::oidc::provider::VerifiedIdentity;
use crate::server::services::login;
use crate::server::state::AppState;
use crate::server::{auth, db, provider_identities, users};
use rand::Rng;
use rand::distributions::Alphanumeric;
use tower_sessions::Session;

/// Where the browser goes after the provider vouched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrival {
    /// A linked, active account: the session is signed in.
    SignedIn,
    /// Unknown identity: the account step (sign up or link) waits in the session.
    AccountStep,
}

/// Signs in the account linked to `identity`, or leaves the account step pending.
pub async fn arrive(
    state: &AppState,
    session: &Session,
    identity: VerifiedIdentity,
    remember: bool,
) -> ServerResult<Arrival> {
    let now = state.clock.now();
    let linked = provider_identities::find_linked(&state.db, &identity.issuer, &identity.subject)
        .await
        .doing("looking up a provider identity")?;
    if let Some(account) = linked {
        if !account.is_active {
            return Err(AppError::AccountDeactivated.into());
        }
        attempt::clear_pending(session).await?;
        auth::sign_in(
            session,
            &state.config.session,
            account.id,
            account.auth_version,
            remember,
            now,
        )
        .await?;
        tracing::info!(user = %account.id, "signed in through the provider");
        return Ok(Arrival::SignedIn);
    }
    let existing = users::find_by_email(&state.db, &identity.email)
        .await
        .doing("looking up the provider's email")?;
    let pending = Pending {
        issuer: identity.issuer,
        subject: identity.subject,
        email: identity.email,
        name: identity.name,
        existing_user: existing.map(|(id, ..)| id.0),
        remember,
        verified_at: now.timestamp(),
    };
    attempt::store_pending(session, &pending).await?;
    Ok(Arrival::AccountStep)
}

/// What the account step shows; `ProviderSignInExpired` when nothing is pending.
pub async fn pending_view(
    state: &AppState,
    session: &Session,
) -> ServerResult<PendingProviderSignIn> {
    let pending = require_pending(state, session).await?;
    let provider = state.oidc.as_ref().map(|p| p.button_label().to_owned()).unwrap_or_default();
    Ok(PendingProviderSignIn {
        provider,
        email: pending.email,
        name: pending.name.unwrap_or_default(),
        existing_account: pending.existing_user.is_some(),
    })
}

/// Creates a patient account with the provider's verified email and the details given, links
/// the identity, and signs in, in one write transaction. The account gets a random password
/// nobody knows ("Forgot your password?" sets one).
pub async fn sign_up(
    state: &AppState,
    session: &Session,
    details: &RegistrationInput,
    browser_zone: Option<&str>,
) -> ServerResult<SessionUser> {
    let pending = require_pending(state, session).await?;
    if pending.existing_user.is_some() {
        // An account has this email: it is linked with its password, never duplicated.
        return Err(AppError::field(Field::Email, FieldErrorCode::Taken).into());
    }
    let input = RegistrationInput {
        role: Role::Patient.as_str().to_owned(),
        email: pending.email.clone(),
        password: unguessable_password(),
        specialty: None,
        licence_number: None,
        ..details.clone()
    };
    let now = state.clock.now();
    let account = input.parse(now.date_naive())?;
    let password_hash = state.hasher.hash(&account.password).await?;
    let mut tx = db::begin_write(&state.writer).await.doing("starting a provider sign-up")?;
    let (username_taken, email_taken) =
        users::identity_taken(&mut tx, account.username.as_str(), account.email.as_str())
            .await
            .doing("checking sign-up conflicts")?;
    let mut conflicts = Vec::new();
    if username_taken {
        conflicts.push(FieldError::new(Field::Username, FieldErrorCode::Taken));
    }
    if email_taken {
        conflicts.push(FieldError::new(Field::Email, FieldErrorCode::Taken));
    }
    if !conflicts.is_empty() {
        return Err(AppError::Invalid(conflicts).into());
    }
    let id = users::insert(&mut tx, &account, &password_hash, now, true)
        .await
        .map_err(|e| unique_as(e, AppError::field(Field::Username, FieldErrorCode::Taken)))?;
    if let Some(zone) = browser_zone.and_then(crate::domain::schedule::TimeZone::parse) {
        users::set_time_zone(&mut *tx, id, Some(zone), now)
            .await
            .doing("storing the browser's time zone")?;
    }
    provider_identities::link(&mut tx, &pending.issuer, &pending.subject, id, &pending.email, now)
        .await
        .map_err(|e| unique_as(e, AppError::ProviderAlreadyLinked))?;
    tx.commit().await.doing("committing a provider sign-up")?;
    tracing::info!(user = %id, "patient signed up through the provider");
    finish(state, session, id, 1, pending.remember).await
}

/// Links the pending identity to the account that has its email, once that account's password
/// is proved (same backoff as the sign-in form), and signs in.
pub async fn link_with_password(
    state: &AppState,
    session: &Session,
    password: &str,
) -> ServerResult<SessionUser> {
    let pending = require_pending(state, session).await?;
    let owner = pending.existing_user.map(UserId).ok_or(AppError::ProviderSignInExpired)?;
    let credentials = users::find_credentials_by_id(&state.db, owner)
        .await
        .doing("looking up the account to link")?
        .ok_or(AppError::ProviderSignInExpired)?;
    let username = users::find_view(&state.db, owner)
        .await
        .doing("looking up the account to link")?
        .map(|view| view.username)
        .ok_or(AppError::ProviderSignInExpired)?;
    let proved = login::prove_password(state, &username, password).await?;
    if proved.id != owner || credentials.id != owner.0 {
        return Err(AppError::InvalidCredentials.into());
    }
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.writer).await.doing("starting a provider link")?;
    provider_identities::link(
        &mut tx,
        &pending.issuer,
        &pending.subject,
        owner,
        &pending.email,
        now,
    )
    .await
    .map_err(|e| unique_as(e, AppError::ProviderAlreadyLinked))?;
    tx.commit().await.doing("committing a provider link")?;
    tracing::info!(user = %owner, "provider identity linked after the password was proved");
    finish(state, session, owner, proved.auth_version, pending.remember).await
}

async fn require_pending(state: &AppState, session: &Session) -> ServerResult<Pending> {
    attempt::pending(session, state.clock.now().timestamp())
        .await?
        .ok_or_else(|| AppError::ProviderSignInExpired.into())
}

async fn finish(
    state: &AppState,
    session: &Session,
    user: UserId,
    auth_version: i64,
    remember: bool,
) -> ServerResult<SessionUser> {
    attempt::clear_pending(session).await?;
    auth::sign_in(session, &state.config.session, user, auth_version, remember, state.clock.now())
        .await?;
    auth::require_user(state, session).await
}

/// 40 random alphanumerics: a password that exists only as its hash.
fn unguessable_password() -> String {
    rand::thread_rng().sample_iter(&Alphanumeric).take(40).map(char::from).collect()
}

/// A unique violation (a racing writer won) as `refusal`; anything else as a failure.
fn unique_as(error: sqlx::Error, refusal: AppError) -> ServerError {
    if db::is_unique_violation(&error) {
        refusal.into()
    } else {
        ServerError::failed("storing a provider sign-in", error)
    }
}
