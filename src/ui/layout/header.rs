//! The top bar: brand, navigation for the signed-in role, and sign in/out.

use super::notification_bell::NotificationBell;
use crate::domain::Role;
use crate::dto::session_user::SessionUser;
use crate::paths;
use crate::ui::auth::Auth;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;

/// The site header.
#[component]
pub fn Header() -> impl IntoView {
    let auth = Auth::get();
    refresh_every_minute(auth);
    refresh_after_navigation(auth);
    view! {
        <header class="site-header">
            <div class="container header-row">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"+"</span>
                    "MediBook"
                </a>
                <nav aria-label="Main">
                    <Transition fallback=|| view! { <ul class="nav"></ul> }>
                        {move || Suspend::new(async move {
                            let user = auth.user.await.ok().flatten();
                            view! { <NavLinks user /> }
                        })}
                    </Transition>
                </nav>
            </div>
        </header>
    }
}

#[component]
fn NavLinks(user: Option<SessionUser>) -> impl IntoView {
    let auth = Auth::get();
    match user {
        None => view! {
            <ul class="nav">
                <li><A href=paths::DOCTORS>"Find a doctor"</A></li>
                <li><A href=paths::LOGIN>"Sign in"</A></li>
                <li><A href=paths::REGISTER attr:class="button">"Register"</A></li>
            </ul>
        }
        .into_any(),
        Some(user) => {
            let links: Vec<(&'static str, &'static str)> = match user.role {
                Role::Patient => {
                    vec![
                        ("/", "Home"),
                        (paths::DOCTORS, "Find a doctor"),
                        (paths::APPOINTMENTS, "My appointments"),
                        (paths::WALLET, "Wallet"),
                        (paths::ACCOUNT, "Account"),
                    ]
                }
                Role::Doctor => {
                    vec![
                        ("/", "Dashboard"),
                        (paths::AGENDA, "Agenda"),
                        (paths::SCHEDULE, "Schedule"),
                        (paths::EARNINGS, "Earnings"),
                        (paths::REPORTS, "Reports"),
                        (paths::ANALYTICS, "Analytics"),
                        (paths::ACCOUNT, "Account"),
                    ]
                }
                Role::Admin => vec![
                    ("/", "Overview"),
                    (paths::ADMIN_USERS, "Users"),
                    (paths::ADMIN_APPOINTMENTS, "Appointments"),
                    (paths::ADMIN_PAYMENTS, "Payments"),
                    (paths::ADMIN_MAIL, "Mail"),
                    (paths::ADMIN_SPECIALTIES, "Specialties"),
                    (paths::REPORTS, "Reports"),
                    (paths::ANALYTICS, "Analytics"),
                    (paths::DOCTORS, "Directory"),
                    (paths::ACCOUNT, "Account"),
                ],
            };
            view! {
                <ul class="nav">
                    {links
                        .into_iter()
                        .map(|(href, label)| view! { <li><A href=href>{label}</A></li> })
                        .collect_view()}
                    {(!user.email_verified && user.role != Role::Admin).then(|| view! {
                        <li><A href=paths::VERIFY_EMAIL attr:class="button nav-verify">"Verify email"</A></li>
                    })}
                    {(user.role != Role::Admin).then(|| view! {
                        <li><NotificationBell count=user.unread_notifications /></li>
                    })}
                    <li class="nav-user" title=user.role.label()>
                        {user.full_name.clone()}
                        <span class="role-badge">{user.role.label()}</span>
                    </li>
                    <li>
                        <ActionForm action=auth.logout>
                            <button type="submit" class="button-secondary">"Sign out"</button>
                        </ActionForm>
                    </li>
                </ul>
            }
            .into_any()
        }
    }
}

/// Fetches the user (and so the unread count) again after each client-side navigation (not on
/// the first page, whose header came from the server).
fn refresh_after_navigation(auth: Auth) {
    let location = leptos_router::hooks::use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.as_ref().is_some_and(|p| *p != path) {
            auth.user.refetch();
        }
        path
    });
}

/// Fetches the user (and so the unread count) again every minute, in the browser only.
fn refresh_every_minute(auth: Auth) {
    Effect::new(move |_| {
        let handle = set_interval_with_handle(
            move || auth.user.refetch(),
            std::time::Duration::from_secs(60),
        );
        on_cleanup(move || {
            if let Ok(handle) = handle {
                handle.clear();
            }
        });
    });
}
