//! The landing page: a welcome for visitors, a role-specific dashboard for users.

use super::dashboard_panels::{AdminPanel, DoctorPanel, PatientPanel};
use super::profile_card::ProfileCard;
use crate::api::my_dashboard::my_dashboard;
use crate::dto::dashboards::{
    AdminDashboard, Dashboard, DashboardPanel, DoctorDashboard, PatientDashboard,
};
use crate::paths;
use crate::ui::auth::Auth;
use chrono::{DateTime, Utc};
use leptos::lazy;
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
                    Ok(dashboard) => role_dashboard(dashboard).await,
                    Err(error) => view! { <p class="alert alert-error">{error.message()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The greeting, the caller's role's panel and their profile.
async fn role_dashboard(dashboard: Dashboard) -> AnyView {
    let user = dashboard.user;
    // "Dr. Emily Davis" is greeted as Emily.
    let first_name = user
        .full_name
        .split_whitespace()
        .find(|word| !matches!(*word, "Dr." | "Dr" | "Prof." | "Prof"))
        .unwrap_or_default()
        .to_owned();
    let panel = match dashboard.panel {
        DashboardPanel::Patient(panel) => patient_panel(panel, dashboard.now).await,
        DashboardPanel::Doctor(panel) => doctor_panel(panel).await,
        DashboardPanel::Admin(panel) => admin_panel(panel).await,
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
    .into_any()
}

// Each role's panel is a wasm chunk of its own (`cargo leptos build --split`): a patient's first
// visit downloads neither the doctor's nor the admin's.

#[lazy]
fn patient_panel(panel: PatientDashboard, now: DateTime<Utc>) -> AnyView {
    view! { <PatientPanel panel now /> }.into_any()
}

#[lazy]
fn doctor_panel(panel: DoctorDashboard) -> AnyView {
    view! { <DoctorPanel panel /> }.into_any()
}

#[lazy]
fn admin_panel(panel: AdminDashboard) -> AnyView {
    view! { <AdminPanel panel /> }.into_any()
}
