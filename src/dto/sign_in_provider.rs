//! Signing in with an OpenID Connect provider: whether one is offered, why a sign-in through it
//! was refused, and the account step waiting after it.

use serde::{Deserialize, Serialize};

/// The provider's button label ("Google") when one is configured; `None`: no button.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SignInProvider(pub Option<String>);

impl SignInProvider {
    /// The `<meta>` tag's name carrying the label to the client.
    pub const META_NAME: &'static str = "medibook-sign-in-provider";
}

/// Why a sign-in through the provider ended without signing in. The code travels in the
/// sign-in page's address (`/login?provider_error=<code>`), which words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderRefusal {
    /// The person cancelled at the provider, or it answered with an error.
    Cancelled,
    /// The answer's `state` is not the one this browser's sign-in started with.
    StateMismatch,
    /// The sign-in was started too long ago, or not in this browser.
    Expired,
    /// The provider refused the code (used already, or not issued to us).
    CodeRefused,
    /// The ID token's signature, issuer, nonce or form is wrong.
    TokenInvalid,
    /// The ID token was issued to another client.
    TokenAudience,
    /// The ID token has expired.
    TokenExpired,
    /// The provider did not give an email address.
    EmailMissing,
    /// The provider does not vouch for the email address.
    EmailUnverified,
    /// The provider could not be reached or answered nonsense.
    Unavailable,
    /// The linked account is deactivated or closed.
    AccountDeactivated,
    /// Too many sign-ins from this address.
    RateLimited,
}

impl ProviderRefusal {
    pub const ALL: [ProviderRefusal; 12] = [
        Self::Cancelled,
        Self::StateMismatch,
        Self::Expired,
        Self::CodeRefused,
        Self::TokenInvalid,
        Self::TokenAudience,
        Self::TokenExpired,
        Self::EmailMissing,
        Self::EmailUnverified,
        Self::Unavailable,
        Self::AccountDeactivated,
        Self::RateLimited,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Cancelled => "cancelled",
            Self::StateMismatch => "state_mismatch",
            Self::Expired => "expired",
            Self::CodeRefused => "code_refused",
            Self::TokenInvalid => "token_invalid",
            Self::TokenAudience => "token_audience",
            Self::TokenExpired => "token_expired",
            Self::EmailMissing => "email_missing",
            Self::EmailUnverified => "email_unverified",
            Self::Unavailable => "unavailable",
            Self::AccountDeactivated => "account_deactivated",
            Self::RateLimited => "rate_limited",
        }
    }

    pub fn from_code(code: &str) -> Option<ProviderRefusal> {
        Self::ALL.into_iter().find(|refusal| refusal.code() == code)
    }

    /// What the sign-in page says.
    pub fn message(self) -> &'static str {
        match self {
            Self::Cancelled => "Sign-in with the provider was cancelled. You were not signed in.",
            Self::StateMismatch => {
                "That sign-in answer does not belong to a sign-in started in this browser, so it \
                 was ignored. Start again."
            }
            Self::Expired => "The sign-in took too long or was started elsewhere. Start again.",
            Self::CodeRefused => {
                "The provider refused the sign-in (its link may have been used already). Start again."
            }
            Self::TokenInvalid | Self::TokenAudience | Self::TokenExpired => {
                "The provider's answer could not be verified, so you were not signed in. Start again."
            }
            Self::EmailMissing => {
                "The provider did not share an email address, which MediBook needs for your account."
            }
            Self::EmailUnverified => {
                "The provider has not verified your email address. Verify it there, or sign in \
                 with your MediBook password."
            }
            Self::Unavailable => {
                "The provider could not be reached. Try again later, or sign in with your password."
            }
            Self::AccountDeactivated => "This account is deactivated. Contact the clinic.",
            Self::RateLimited => "Too many sign-in attempts. Wait a minute and try again.",
        }
    }
}

/// What waits after the provider vouched for someone MediBook does not know by that identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingProviderSignIn {
    /// The provider's button label.
    pub provider: String,
    /// The verified email address the provider gave.
    pub email: String,
    /// The name the provider gave (a starting value for the new account's name).
    pub name: String,
    /// Whether an account with this email exists: then it is linked after its password is
    /// proved; otherwise a new patient account is completed.
    pub existing_account: bool,
}

#[cfg(test)]
mod tests {
    use super::ProviderRefusal;

    #[test]
    fn every_code_reads_back() {
        for refusal in ProviderRefusal::ALL {
            assert_eq!(ProviderRefusal::from_code(refusal.code()), Some(refusal));
        }
        assert_eq!(ProviderRefusal::from_code("nonsense"), None);
    }
}
