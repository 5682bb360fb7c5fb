//! Signing in with an OpenID Connect provider (authorization code + PKCE): the provider client,
//! what the session remembers between the two legs, and the two routes.

pub mod attempt;
pub mod provider;
pub mod routes;
