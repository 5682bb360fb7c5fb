//! The REST API's credentials: signed access tokens and rotating refresh tokens.
//!
//! A sign-in starts a token *family*. Each access token (15 minutes, HS256) names its user,
//! role, family and the user's auth version; the server checks all of them on every request,
//! so a revoked family, a password change or a deactivation ends its tokens at once. Each
//! refresh token (30 days, stored hashed) is used once; using it again revokes the family.

pub mod access;
pub mod keys;
pub mod personal;
pub mod refresh;

/// How long an access token is valid.
pub const ACCESS_SECONDS: i64 = 15 * 60;
/// How long a refresh token is valid.
pub const REFRESH_SECONDS: i64 = 30 * 86_400;
