//! The 404 page.

use leptos::prelude::*;
use leptos_meta::Title;

/// Shown for unknown paths (with HTTP status 404 on the server).
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Page not found" />
        <section class="card narrow">
            <h1>"Page not found"</h1>
            <p>"The page you asked for does not exist."</p>
            <p><a href="/">"Go to the home page"</a></p>
        </section>
    }
}
