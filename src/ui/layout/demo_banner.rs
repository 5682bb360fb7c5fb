//! The banner every page of a demo server shows, so no one mistakes it for a real clinic.

use crate::dto::demo_site::DemoSite;
use leptos::prelude::*;

/// The mode this page was rendered in: from the server's context while rendering, from the
/// page's `<meta>` tag once hydrated (so both render the same).
pub fn demo_site() -> DemoSite {
    #[cfg(feature = "hydrate")]
    {
        DemoSite(crate::ui::browser::meta_content(DemoSite::META_NAME).as_deref() == Some("true"))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        use_context::<DemoSite>().unwrap_or_default()
    }
}

/// "Demo clinic — simulated payments" on a demo server; nothing otherwise.
#[component]
pub fn DemoBanner() -> impl IntoView {
    demo_site().0.then(|| {
        view! {
            <div class="demo-banner" role="note" data-testid="demo-banner">
                <strong>"Demo clinic — simulated payments."</strong>
                " Accounts and doctors are examples, cards are never charged, and mail stays on \
                 this server. Do not enter real personal or medical details."
            </div>
        }
    })
}
