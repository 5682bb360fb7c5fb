//! `[oidc]`: signing in with an OpenID Connect provider (Google or any other), configured by
//! issuer URL, client id and secret. An empty issuer turns it off (no button, no routes).

use super::settings::Settings;
use super::{ConfigError, env_name};

/// A configured OpenID Connect provider.
#[derive(Clone)]
pub struct OidcConfig {
    /// The issuer identifier, e.g. `https://accounts.google.com` (discovery is read from
    /// `<issuer>/.well-known/openid-configuration`).
    pub issuer: String,
    pub client_id: String,
    /// Read only from the environment (`MEDIBOOK_OIDC_CLIENT_SECRET`).
    pub client_secret: String,
    /// What the sign-in button says after "Continue with", e.g. "Google".
    pub button_label: String,
}

impl std::fmt::Debug for OidcConfig {
    /// Never prints the secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcConfig")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("button_label", &self.button_label)
            .finish()
    }
}

/// Reads `[oidc]`; `None` when `oidc.issuer` is empty.
pub(super) fn oidc_config(s: &Settings) -> Result<Option<OidcConfig>, ConfigError> {
    let issuer: String = s.raw("oidc.issuer").map(|(v, _)| v.trim().to_owned()).unwrap_or_default();
    let client_id: String =
        s.raw("oidc.client_id").map(|(v, _)| v.trim().to_owned()).unwrap_or_default();
    let button_label: String =
        s.raw("oidc.button_label").map(|(v, _)| v.trim().to_owned()).unwrap_or_default();
    if issuer.is_empty() {
        return Ok(None);
    }
    if !issuer_allowed(&issuer) {
        return Err(s.invalid(
            "oidc.issuer",
            "expected an https:// URL (plain http only on loopback, for tests)",
        ));
    }
    if client_id.is_empty() {
        return Err(ConfigError::Missing {
            key: "oidc.client_id".into(),
            env: env_name("oidc.client_id"),
        });
    }
    let secret_env = env_name("oidc.client_secret");
    let client_secret =
        s.env.get(&secret_env).filter(|v| !v.is_empty()).cloned().ok_or_else(|| {
            ConfigError::Missing {
                key: "oidc.client_secret (environment only)".into(),
                env: secret_env,
            }
        })?;
    if button_label.is_empty() || button_label.chars().count() > 40 {
        return Err(s.invalid("oidc.button_label", "expected 1 to 40 characters, e.g. \"Google\""));
    }
    Ok(Some(OidcConfig { issuer, client_id, client_secret, button_label }))
}

/// `https://…`, or `http://` to a loopback host (a provider started by the tests).
fn issuer_allowed(issuer: &str) -> bool {
    if issuer.starts_with("https://") {
        return true;
    }
    let Some(rest) = issuer.strip_prefix("http://") else { return false };
    let host = rest.split(['/', ':']).next().unwrap_or("");
    matches!(host, "127.0.0.1" | "localhost") || rest.starts_with("[::1]")
}

#[cfg(test)]
mod tests {
    use super::issuer_allowed;

    #[test]
    fn issuers_must_be_https_except_on_loopback() {
        assert!(issuer_allowed("https://accounts.google.com"));
        assert!(issuer_allowed("http://127.0.0.1:4000"));
        assert!(issuer_allowed("http://localhost:4000/oidc"));
        assert!(issuer_allowed("http://[::1]:4000"));
        assert!(!issuer_allowed("http://accounts.example.com"));
        assert!(!issuer_allowed("http://127.0.0.1.evil.example"));
        assert!(!issuer_allowed("ftp://127.0.0.1"));
    }
}
