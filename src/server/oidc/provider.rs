//! The OpenID Connect provider as a client sees it: discovery (cached), the authorization URL
//! with PKCE, `state` and `nonce`, and the code exchange with every ID-token check (signature
//! against the provider's keys, issuer, audience, expiry by the app's clock, nonce).

use super::attempt::Attempt;
use crate::dto::sign_in_provider::ProviderRefusal;
use crate::server::config::OidcConfig;
use chrono::{DateTime, Utc};
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreIdTokenClaims, CoreProviderMetadata,
};
use openidconnect::{
    AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken, IssuerUrl,
    Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// How long discovered metadata and keys are reused before they are read again.
const METADATA_LIFETIME: Duration = Duration::from_secs(600);
/// Time limit of one request to the provider.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Someone the provider vouched for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedIdentity {
    pub issuer: String,
    pub subject: String,
    /// The email address, verified by the provider.
    pub email: String,
    pub name: Option<String>,
}

/// Why the provider's answer was refused, with the cause for the log.
#[derive(Debug)]
pub struct Refused {
    pub refusal: ProviderRefusal,
    pub cause: String,
}

impl Refused {
    fn new(refusal: ProviderRefusal, cause: impl std::fmt::Display) -> Refused {
        Refused { refusal, cause: cause.to_string() }
    }
}

/// A configured provider.
pub struct OidcProvider {
    config: OidcConfig,
    redirect_uri: RedirectUrl,
    http: reqwest::Client,
    metadata: Mutex<Option<(Instant, CoreProviderMetadata)>>,
}

impl OidcProvider {
    /// A provider answering to `<site_url>/auth/oidc/callback`.
    pub fn new(config: OidcConfig, site_url: &str) -> anyhow::Result<OidcProvider> {
        let redirect_uri = RedirectUrl::new(format!(
            "{}{}",
            site_url.trim_end_matches('/'),
            crate::paths::OIDC_CALLBACK
        ))?;
        // No redirects followed: the specification's advice against request forgery.
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(REQUEST_TIMEOUT)
            .build()?;
        Ok(OidcProvider { config, redirect_uri, http, metadata: Mutex::new(None) })
    }

    pub fn issuer(&self) -> &str {
        &self.config.issuer
    }

    pub fn button_label(&self) -> &str {
        &self.config.button_label
    }

    /// The provider's metadata and keys: cached, read again after [`METADATA_LIFETIME`] or when
    /// `refresh` asks (a key the cache does not know yet).
    async fn metadata(&self, refresh: bool) -> Result<CoreProviderMetadata, Refused> {
        let mut cached = self.metadata.lock().await;
        if let Some((read_at, metadata)) = cached.as_ref() {
            let fresh = read_at.elapsed() < METADATA_LIFETIME;
            let recent = read_at.elapsed() < Duration::from_secs(30);
            if fresh && (!refresh || recent) {
                return Ok(metadata.clone());
            }
        }
        let issuer = IssuerUrl::new(self.config.issuer.clone())
            .map_err(|e| Refused::new(ProviderRefusal::Unavailable, e))?;
        let metadata = CoreProviderMetadata::discover_async(issuer, &self.http)
            .await
            .map_err(|e| Refused::new(ProviderRefusal::Unavailable, error_chain(&e)))?;
        *cached = Some((Instant::now(), metadata.clone()));
        Ok(metadata)
    }

    fn client(
        &self,
        metadata: CoreProviderMetadata,
    ) -> CoreClient<
        openidconnect::EndpointSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointMaybeSet,
        openidconnect::EndpointMaybeSet,
    > {
        CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.config.client_id.clone()),
            Some(ClientSecret::new(self.config.client_secret.clone())),
        )
        .set_redirect_uri(self.redirect_uri.clone())
    }

    /// Where to send the browser, and what the session must remember to check the answer.
    pub async fn authorize(
        &self,
        now: DateTime<Utc>,
        remember: bool,
    ) -> Result<(String, Attempt), Refused> {
        let client = self.client(self.metadata(false).await?);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge)
            .url();
        let attempt = Attempt {
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
            started_at: now.timestamp(),
            remember,
        };
        Ok((url.to_string(), attempt))
    }

    /// Exchanges `code` (with the attempt's PKCE verifier) and checks the ID token at `now`.
    pub async fn finish(
        &self,
        attempt: &Attempt,
        code: &str,
        now: DateTime<Utc>,
    ) -> Result<VerifiedIdentity, Refused> {
        let client = self.client(self.metadata(false).await?);
        let response = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| Refused::new(ProviderRefusal::Unavailable, e))?
            .set_pkce_verifier(PkceCodeVerifier::new(attempt.pkce_verifier.clone()))
            .request_async(&self.http)
            .await
            .map_err(|e| Refused::new(ProviderRefusal::CodeRefused, error_chain(&e)))?;
        let id_token = response
            .id_token()
            .ok_or_else(|| Refused::new(ProviderRefusal::TokenInvalid, "no ID token"))?;
        let nonce = Nonce::new(attempt.nonce.clone());
        let verify = |client: &CoreClient<_, _, _, _, _, _>| {
            let verifier = client.id_token_verifier().set_time_fn(move || now);
            id_token.claims(&verifier, &nonce).cloned()
        };
        let claims = match verify(&client) {
            Err(ClaimsVerificationError::SignatureVerification(_)) => {
                // Perhaps a key the provider rotated in since the cache was filled.
                verify(&self.client(self.metadata(true).await?))
            }
            other => other,
        }
        .map_err(|e| Refused::new(classify(&e), e))?;
        identity(&claims)
    }
}

/// The account details an ID token carries; only a verified email is accepted.
fn identity(claims: &CoreIdTokenClaims) -> Result<VerifiedIdentity, Refused> {
    let email = claims
        .email()
        .map(|email| email.as_str().trim().to_owned())
        .filter(|email| !email.is_empty())
        .ok_or_else(|| Refused::new(ProviderRefusal::EmailMissing, "no email claim"))?;
    if claims.email_verified() != Some(true) {
        return Err(Refused::new(
            ProviderRefusal::EmailUnverified,
            format!("email_verified = {:?}", claims.email_verified()),
        ));
    }
    let name = claims
        .name()
        .and_then(|names| names.get(None))
        .map(|name| name.as_str().trim().to_owned())
        .filter(|name| !name.is_empty());
    Ok(VerifiedIdentity {
        issuer: claims.issuer().as_str().to_owned(),
        subject: claims.subject().as_str().to_owned(),
        email,
        name,
    })
}

fn classify(error: &ClaimsVerificationError) -> ProviderRefusal {
    match error {
        ClaimsVerificationError::Expired(_) => ProviderRefusal::TokenExpired,
        ClaimsVerificationError::InvalidAudience(_) => ProviderRefusal::TokenAudience,
        _ => ProviderRefusal::TokenInvalid,
    }
}

/// An error and its sources, for the log.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
