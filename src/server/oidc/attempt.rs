//! What the session remembers between leaving for the provider and coming back (the attempt),
//! and after coming back while the account step is unfinished (the pending sign-in).

use crate::server::error::{Doing, ServerResult};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

const ATTEMPT_KEY: &str = "oidc_attempt";
const PENDING_KEY: &str = "oidc_pending";
/// Seconds a started sign-in may take at the provider.
pub const ATTEMPT_SECONDS: i64 = 600;
/// Seconds the account step may wait after the provider vouched.
pub const PENDING_SECONDS: i64 = 900;

/// One sign-in started in this browser: the values its answer is checked against.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Attempt {
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
    /// Unix seconds by the app's clock.
    pub started_at: i64,
    /// "Keep me signed in" was ticked.
    pub remember: bool,
}

/// A verified identity MediBook does not know yet, waiting for its account step.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pending {
    pub issuer: String,
    pub subject: String,
    pub email: String,
    pub name: Option<String>,
    /// The account that already has this email (linked once its password is proved).
    pub existing_user: Option<i64>,
    pub remember: bool,
    /// Unix seconds by the app's clock.
    pub verified_at: i64,
}

/// Remembers a new attempt (replacing an older one: only the latest sign-in can finish).
pub async fn store_attempt(session: &Session, attempt: &Attempt) -> ServerResult<()> {
    session.remove_value(PENDING_KEY).await.doing("clearing a pending sign-in")?;
    session.insert(ATTEMPT_KEY, attempt).await.doing("remembering a sign-in attempt")
}

/// Takes the attempt out of the session: an answer can be checked against it once.
pub async fn take_attempt(session: &Session) -> ServerResult<Option<Attempt>> {
    session.remove::<Attempt>(ATTEMPT_KEY).await.doing("reading a sign-in attempt")
}

pub async fn store_pending(session: &Session, pending: &Pending) -> ServerResult<()> {
    session.insert(PENDING_KEY, pending).await.doing("remembering a pending sign-in")
}

/// The pending sign-in, if there is one younger than [`PENDING_SECONDS`] at `now`.
pub async fn pending(session: &Session, now: i64) -> ServerResult<Option<Pending>> {
    let pending: Option<Pending> =
        session.get(PENDING_KEY).await.doing("reading a pending sign-in")?;
    Ok(pending.filter(|p| now - p.verified_at <= PENDING_SECONDS && p.verified_at <= now + 60))
}

pub async fn clear_pending(session: &Session) -> ServerResult<()> {
    session.remove_value(PENDING_KEY).await.doing("clearing a pending sign-in").map(|_| ())
}
