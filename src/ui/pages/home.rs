//! The landing page: a welcome for visitors, a role-specific dashboard for users.

use super::dashboard_panels::{AdminPanel, DoctorPanel, PatientPanel};
use super::profile_card::ProfileCard;
use crate::api::my_dashboard::my_dashboard;
use crate::dto::dashboards::{Dashboard, DashboardPanel};
use crate::paths;
use crate::ui::auth::Auth;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/`: what a visitor, patient, doctor or admin sees first.
#[component]
pub fn HomePage() -> impl IntoView {
    let auth = Auth::get();
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match auth.user.await {
                    Ok(Some(_)) => view! { <Dashboard /> }.into_any(),
                    Ok(None) => view! { <Welcome /> }.into_any(),
                    Err(error) => view! { <p class="alert alert-error">{error.message()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Welcome() -> impl IntoView {
    let closed =
        leptos_router::hooks::use_query_map().with_untracked(|q| q.get("account_closed").is_some());
    view! {
        <Title text="" />
        {closed.then(|| view! {
            <div class="alert alert-success" role="status">"Your account is closed and your personal data erased. Thank you for using MediBook."</div>
        })}
        <section class="hero">
            <h1>"See the right specialist, at a time that suits you."</h1>
            <p class="lead">
                "MediBook lets patients find verified doctors and book visits, doctors manage their
                hours, and clinics keep every appointment in order."
            </p>
            <div class="actions">
                <a class="button" href=paths::REGISTER>"Register as a patient"</a>
                <a class="button-secondary" href=paths::DOCTORS>"Browse our doctors"</a>
            </div>
            <p class="muted">
                "Are you a doctor? " <a href=paths::REGISTER_DOCTOR>"Join the clinic"</a>
                " · Already registered? " <a href=paths::LOGIN>"Sign in"</a>
            </p>
        </section>
    }
}

#[component]
fn Dashboard() -> impl IntoView {
    let dashboard = Resource::new(|| (), |_| my_dashboard());
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading your dashboard…"</p> }>
            {move || Suspend::new(async move {
                match dashboard.await {
                    Ok(dashboard) => view! { <RoleDashboard dashboard /> }.into_any(),
                    Err(error) => view! { <p class="alert alert-error">{error.message()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn RoleDashboard(dashboard: Dashboard) -> impl IntoView {
    let user = dashboard.user;
    // "Dr. Emily Davis" is greeted as Emily.
    let first_name = user
        .full_name
        .split_whitespace()
        .find(|word| !matches!(*word, "Dr." | "Dr" | "Prof." | "Prof"))
        .unwrap_or_default()
        .to_owned();
    let panel = match dashboard.panel {
        DashboardPanel::Patient(panel) => {
            view! { <PatientPanel panel now=dashboard.now /> }.into_any()
        }
        DashboardPanel::Doctor(panel) => view! { <DoctorPanel panel /> }.into_any(),
        DashboardPanel::Admin(panel) => view! { <AdminPanel panel /> }.into_any(),
    };
    view! {
        <Title text="Home" />
        <h1 data-testid="landing-heading">{format!("Welcome, {first_name}")}</h1>
        <p class="muted">{format!("Signed in as {} · {}", user.username, user.role.label())}</p>
        <div class="grid">
            {panel}
            <ProfileCard user />
        </div>
    }
}
