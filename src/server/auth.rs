//! Who is signed in: the session record, its validity checks and sign-in/out.
//!
//! A session stores the user id and the user's `auth_version` at sign-in. Deactivating a user or
//! changing their password bumps the version, so every older session stops being valid at its
//! next request. Sessions without "remember me" also end after `session.idle_minutes` idle, and
//! every session ends `session.max_days` after its sign-in, however active.

use super::config::SessionConfig;
use super::error::Doing;
use super::state::AppState;
use super::users;
use crate::domain::{Role, UserId};
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::error::ServerResult;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tower_sessions::{Expiry, Session};

const AUTH_KEY: &str = "auth";
/// How stale `last_seen` may get before it is rewritten (limits session writes).
const TOUCH_AFTER_SECONDS: i64 = 60;

/// What the session remembers about the sign-in.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct SessionAuth {
    user_id: i64,
    auth_version: i64,
    remember: bool,
    last_seen: i64,
    /// When the user signed in (unix seconds); sessions from before this field was kept read 0
    /// and so end at once.
    #[serde(default)]
    signed_in_at: i64,
}

/// Starts a signed-in session with a fresh session id (prevents session fixation).
pub async fn sign_in(
    session: &Session,
    config: &SessionConfig,
    user: UserId,
    auth_version: i64,
    remember: bool,
    now: DateTime<Utc>,
) -> ServerResult<()> {
    session.cycle_id().await.doing("cycling session id")?;
    store(
        session,
        config,
        SessionAuth {
            user_id: user.0,
            auth_version,
            remember,
            last_seen: now.timestamp(),
            signed_in_at: now.timestamp(),
        },
    )
    .await
}

/// Ends the session (deletes its record and clears the cookie).
pub async fn sign_out(session: &Session) -> ServerResult<()> {
    session.flush().await.doing("ending session")
}

/// The signed-in user, or `None`. An invalid session (user gone, deactivated, password changed,
/// idle too long) is ended on the spot.
pub async fn current_user(
    state: &AppState,
    session: &Session,
) -> ServerResult<Option<SessionUser>> {
    let auth: Option<SessionAuth> = session.get(AUTH_KEY).await.doing("reading session")?;
    let Some(auth) = auth else {
        return Ok(None);
    };
    let now = state.clock.now().timestamp();
    let standing = users::find_standing(&state.db, UserId(auth.user_id))
        .await
        .doing("loading session user")?;
    let idle_limit = state.config.session.idle_minutes * 60;
    let lifetime = state.config.session.max_days * 86_400;
    let valid = standing.filter(|s| {
        s.is_active
            && s.auth_version == auth.auth_version
            && (auth.remember || now - auth.last_seen <= idle_limit)
            && now - auth.signed_in_at <= lifetime
    });
    let Some(standing) = valid else {
        sign_out(session).await?;
        return Ok(None);
    };
    if now - auth.last_seen >= TOUCH_AFTER_SECONDS {
        store(session, &state.config.session, SessionAuth { last_seen: now, ..auth }).await?;
    }
    Ok(Some(standing.user))
}

/// Keeps the current session signed in after the user's auth version changed (e.g. after they
/// changed their own password), while every other session ends.
pub async fn refresh_version(
    session: &Session,
    config: &SessionConfig,
    auth_version: i64,
    now: DateTime<Utc>,
) -> ServerResult<()> {
    let auth: Option<SessionAuth> = session.get(AUTH_KEY).await.doing("reading session")?;
    match auth {
        Some(auth) => {
            session.cycle_id().await.doing("cycling session id")?;
            store(session, config, SessionAuth { auth_version, last_seen: now.timestamp(), ..auth })
                .await
        }
        None => Ok(()),
    }
}

/// Ends every session of `user`, this one included (their auth version moves on).
pub async fn sign_out_everywhere(
    state: &AppState,
    session: &Session,
    user: UserId,
) -> ServerResult<()> {
    users::end_all_sessions(&state.writer, user, state.clock.now())
        .await
        .doing("ending every session")?;
    sign_out(session).await
}

/// The signed-in user, or `Unauthenticated`.
pub async fn require_user(state: &AppState, session: &Session) -> ServerResult<SessionUser> {
    Ok(current_user(state, session).await?.ok_or(AppError::Unauthenticated)?)
}

/// The signed-in user if they have `role`; `Unauthenticated` or `Forbidden` otherwise.
pub async fn require_role(
    state: &AppState,
    session: &Session,
    role: Role,
) -> ServerResult<SessionUser> {
    let user = require_user(state, session).await?;
    if user.role == role { Ok(user) } else { Err(AppError::Forbidden.into()) }
}

async fn store(session: &Session, config: &SessionConfig, auth: SessionAuth) -> ServerResult<()> {
    session.set_expiry(Some(expiry(config, auth.remember)));
    session.insert(AUTH_KEY, auth).await.doing("writing session")
}

/// "Remember me" keeps the cookie for `remember_days` of inactivity; otherwise it is a browser
/// session cookie (and the idle limit is checked on the server).
fn expiry(config: &SessionConfig, remember: bool) -> Expiry {
    if remember {
        Expiry::OnInactivity(time::Duration::days(config.remember_days))
    } else {
        Expiry::OnSessionEnd
    }
}
