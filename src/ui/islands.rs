//! The patient's booking path as islands: those pages are rendered on the server only and the
//! browser hydrates just their interactive parts (`#[island]`s), so a first visit downloads the
//! islands' code instead of the whole app: a client of their own (feature `islands-client`,
//! `build_islands_client` in `scripts/env.sh`). Every other page hydrates the whole app's client.

use crate::ui::viewer_zone::ViewerZone;
use leptos::prelude::*;

/// What an island reads from the app around it, provided again when the island hydrates on its
/// own (an islands page has no app, no router, on the client): the viewer's zone and the page's
/// URL (for the query string an error comes back in after a plain form post).
pub fn provide_island_context() {
    if use_context::<ViewerZone>().is_none() {
        ViewerZone::provide();
    }
    #[cfg(feature = "hydrate")]
    if is_islands_page() {
        use leptos_router::location::{BrowserUrl, LocationProvider};
        if let Ok(url) = BrowserUrl::current() {
            provide_context(ArcRwSignal::new(url));
        }
    }
}

/// Whether `path` is a page of the booking path (rendered as islands): the landing page,
/// sign-in, registration, the directory, a doctor's page, the confirmation step and the
/// patient's appointments (where booking ends). Their forms work as plain posts where they are
/// not islands.
pub fn is_islands_path(path: &str) -> bool {
    let numbered = |prefix: &str| {
        path.strip_prefix(prefix)
            .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
    };
    matches!(path, "/" | "/login" | "/register" | "/register/doctor" | "/doctors" | "/appointments")
        || numbered("/doctors/")
        || numbered("/book/")
}

/// Goes to another page of the app: a full page load on an islands page (no router runs in the
/// browser there), the router's navigation anywhere else. Call it while the component is set up.
pub fn use_go_to() -> std::sync::Arc<dyn Fn(&str) + Send + Sync> {
    #[cfg(feature = "hydrate")]
    if is_islands_page() {
        return std::sync::Arc::new(|path: &str| {
            let _ = window().location().set_href(path);
        });
    }
    let navigate = leptos_router::hooks::use_navigate();
    std::sync::Arc::new(move |path: &str| navigate(path, Default::default()))
}

/// Whether the page being rendered is an islands page (on the server: the request's path).
#[cfg(feature = "ssr")]
pub fn requested() -> bool {
    use_context::<axum::http::request::Parts>()
        .is_some_and(|parts| is_islands_path(parts.uri.path()))
}

/// Whether the page being rendered is an islands page (outside the server: never rendered).
#[cfg(not(feature = "ssr"))]
pub fn requested() -> bool {
    false
}

/// Whether the server sent an islands page (it marks `<body data-islands>`).
#[cfg(feature = "hydrate")]
pub fn is_islands_page() -> bool {
    document().body().is_some_and(|body| body.has_attribute("data-islands"))
}

/// Starts an islands page: the islands script then hydrates each island. A server function's
/// redirect (a held slot going to its confirmation) loads the next page.
#[cfg(feature = "hydrate")]
pub fn hydrate() {
    leptos::mount::hydrate_islands();
    // What `HydrationMark` says on a page of the whole app, once every island is hydrated: Leptos's
    // island script calls this function first and then hydrates the islands in the microtasks
    // that follow it, so a task queued now runs after them.
    set_timeout(
        || {
            if let Some(body) = document().body() {
                let _ = body.set_attribute("data-hydrated", "true");
            }
        },
        std::time::Duration::ZERO,
    );
    let _ = leptos::server_fn::redirect::set_redirect_hook(|location: &str| {
        let _ = window().location().set_href(location);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_booking_path_is_islands() {
        assert!(is_islands_path("/doctors/5"));
        assert!(is_islands_path("/doctors"));
        assert!(is_islands_path("/login"));
        assert!(is_islands_path("/register"));
        assert!(is_islands_path("/book/12"));
        assert!(!is_islands_path("/book/"));
        assert!(!is_islands_path("/doctors/"));
        assert!(is_islands_path("/"));
        assert!(is_islands_path("/appointments"));
        assert!(!is_islands_path("/appointments/3"));
        assert!(!is_islands_path("/doctors/5/x"));
        assert!(!is_islands_path("/account"));
    }
}
