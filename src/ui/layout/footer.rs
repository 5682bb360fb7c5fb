//! The page footer.

use leptos::prelude::*;

/// The site footer.
#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="container">
                <p>"MediBook — book a specialist, manage your practice, run your clinic."</p>
                <p class="muted">"No third-party scripts, fonts or trackers are loaded on this site."</p>
            </div>
        </footer>
    }
}
