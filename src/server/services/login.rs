//! Signing in by username or email.

use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::auth;
use crate::server::error::Doing;
use crate::server::error::ServerResult;
use crate::server::sign_in_failures;
use crate::server::state::AppState;
use crate::server::users;
use tower_sessions::Session;

/// Longest login or password looked at (longer input cannot match and is not hashed).
const MAX_INPUT: usize = 256;

/// An account whose password was just proved.
#[derive(Debug, Clone, Copy)]
pub struct ProvedAccount {
    pub id: crate::domain::UserId,
    /// The user's auth version now (a session or token family remembers it).
    pub auth_version: i64,
}

/// Checks the credentials and signs the session in.
pub async fn login(
    state: &AppState,
    session: &Session,
    login: &str,
    password: &str,
    remember: bool,
) -> ServerResult<SessionUser> {
    let account = prove_password(state, login, password).await?;
    auth::sign_in(
        session,
        &state.config.session,
        account.id,
        account.auth_version,
        remember,
        state.clock.now(),
    )
    .await?;
    auth::require_user(state, session).await
}

/// Checks a username or email and password, for a session or an API token. Unknown users and
/// wrong passwords get the same error after the same amount of hashing work; failures count
/// towards the account's (or the name's) backoff.
pub async fn prove_password(
    state: &AppState,
    login: &str,
    password: &str,
) -> ServerResult<ProvedAccount> {
    if login.len() > MAX_INPUT || password.len() > MAX_INPUT {
        return Err(AppError::InvalidCredentials.into());
    }
    let name = login.trim().to_lowercase();
    let credentials =
        users::find_credentials(&state.db, &name).await.doing("looking up credentials")?;
    // Counted before the check (so parallel guesses cannot outrun the backoff), for unknown
    // names too (so the backoff tells nothing about which accounts exist).
    let key = match &credentials {
        Some(account) => format!("user:{}", account.id),
        None => format!("login:{name}"),
    };
    let free = state.config.limits.sign_in_failures_before_backoff;
    let reserved = sign_in_failures::reserve_attempt(&state.writer, &key, state.clock.now(), free)
        .await
        .doing("counting a sign-in attempt")?;
    if let Err(left) = reserved {
        let seconds = u64::try_from(left.num_seconds()).unwrap_or(0) + 1;
        return Err(AppError::RateLimited { retry_after_seconds: seconds }.into());
    }
    let stored = credentials.as_ref().map(|c| c.password_hash.as_str());
    if !state.hasher.verify(password, stored).await {
        return Err(AppError::InvalidCredentials.into());
    }
    let credentials = credentials.ok_or(AppError::InvalidCredentials)?;
    sign_in_failures::clear(&state.writer, &key).await.doing("clearing sign-in failures")?;
    if !credentials.is_active {
        return Err(AppError::AccountDeactivated.into());
    }
    Ok(ProvedAccount {
        id: crate::domain::UserId(credentials.id),
        auth_version: credentials.auth_version,
    })
}
