//! The bell in the header: a link to the notices with the unread count.

use crate::paths;
use leptos::prelude::*;
use leptos_router::components::A;

/// A bell icon linking to `/notifications`, badged with `count` unread notices.
#[component]
pub fn NotificationBell(count: i64) -> impl IntoView {
    let label = match count {
        0 => "Notifications, none unread".to_owned(),
        1 => "Notifications, 1 unread".to_owned(),
        n => format!("Notifications, {n} unread"),
    };
    view! {
        <A href=paths::NOTIFICATIONS attr:class="bell" attr:aria-label=label.clone() attr:title=label>
            <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="none"
                stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
                <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
                <path d="M13.7 21a2 2 0 0 1-3.4 0" />
            </svg>
            {(count > 0).then(|| view! {
                <span class="bell-count" data-testid="unread-count">{if count > 99 { "99+".to_owned() } else { count.to_string() }}</span>
            })}
        </A>
    }
}
