//! Whether an OpenID Connect provider is offered on the sign-in page, and what it is called.

use crate::dto::sign_in_provider::SignInProvider;

/// The provider's label: from the server's context while rendering, from the page's `<meta>`
/// tag once hydrated (so both render the same). `None`: no provider is configured.
pub fn sign_in_provider() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        crate::ui::browser::meta_content(SignInProvider::META_NAME)
            .filter(|label| !label.is_empty())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        leptos::prelude::use_context::<SignInProvider>().unwrap_or_default().0
    }
}
