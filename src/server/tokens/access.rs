//! Access tokens: JWTs signed with HS256, valid for [`super::ACCESS_SECONDS`].
//!
//! The signature and expiry are checked here (expiry by the app's clock, not the system's);
//! [`caller`] then checks the database on every request: the family is not revoked, and the
//! user is active with the auth version the token was issued under.

use super::keys::SigningKey;
use crate::domain::UserId;
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::error::{Doing, ServerResult};
use crate::server::state::AppState;
use crate::server::users;
use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

/// Who issued a token (the `iss` claim), so a token of another system is never taken.
const ISSUER: &str = "medibook";

/// What an access token says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    pub iss: String,
    /// The user id, as text (JWT's convention).
    pub sub: String,
    /// `patient`, `doctor` or `admin` (for clients; the server reads the role from the database).
    pub role: String,
    /// The token family (one sign-in), which revoking ends.
    pub fam: i64,
    /// The user's auth version at sign-in.
    pub ver: i64,
    /// A unique id of this token.
    pub jti: String,
    pub iat: i64,
    pub exp: i64,
}

/// A signed access token for `user` in `family`, and when it expires.
pub fn issue(
    key: &SigningKey,
    user: &SessionUser,
    family: i64,
    auth_version: i64,
    now: DateTime<Utc>,
    jti: String,
) -> ServerResult<(String, DateTime<Utc>)> {
    let expires = now + chrono::Duration::seconds(super::ACCESS_SECONDS);
    let claims = Claims {
        iss: ISSUER.to_owned(),
        sub: user.id.0.to_string(),
        role: user.role.as_str().to_owned(),
        fam: family,
        ver: auth_version,
        jti,
        iat: now.timestamp(),
        exp: expires.timestamp(),
    };
    let signing = EncodingKey::from_secret(key.secret()).doing("reading the signing key")?;
    let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &signing)
        .doing("signing an access token")?;
    Ok((token, expires))
}

/// The claims of `token` if it is ours, untampered and not expired at `now`.
pub fn read(key: &SigningKey, token: &str, now: DateTime<Utc>) -> Option<Claims> {
    let mut validation = Validation::new(Algorithm::HS256);
    // Expiry is checked against the app's clock below; the library would use the system's.
    validation.validate_exp = false;
    validation.required_spec_claims.clear();
    validation.set_issuer(&[ISSUER]);
    let verifying = DecodingKey::from_secret(key.secret()).ok()?;
    let data = jsonwebtoken::decode::<Claims>(token, &verifying, &validation).ok()?;
    (now.timestamp() < data.claims.exp).then_some(data.claims)
}

/// The user an access token speaks for, after every check; `TokenInvalid` otherwise.
pub async fn caller(state: &AppState, token: &str) -> ServerResult<SessionUser> {
    let claims = read(&state.token_key, token, state.clock.now()).ok_or(AppError::TokenInvalid)?;
    let user = UserId(claims.sub.parse().map_err(|_| AppError::TokenInvalid)?);
    let standing = users::find_standing_in_live_family(&state.db, user, claims.fam)
        .await
        .doing("checking an access token")?;
    match standing {
        Some(s) if s.is_active && s.auth_version == claims.ver => Ok(s.user),
        _ => Err(AppError::TokenInvalid.into()),
    }
}

#[cfg(test)]
mod tests;
