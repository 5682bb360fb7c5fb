//! The landing page: a welcome for visitors, a role-specific dashboard for users.

use super::profile_card::ProfileCard;
use crate::api::list_users::list_users;
use crate::api::my_profile::my_profile;
use crate::domain::Role;
use crate::dto::user_view::UserView;
use crate::paths;
use crate::ui::auth::Auth;
use crate::ui::format;
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
    let profile = Resource::new(|| (), |_| my_profile());
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading your dashboard…"</p> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(user) => view! { <RoleDashboard user /> }.into_any(),
                    Err(error) => view! { <p class="alert alert-error">{error.message()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn RoleDashboard(user: UserView) -> impl IntoView {
    let first_name = user.full_name.split(' ').next().unwrap_or_default().to_owned();
    let panel = match user.role {
        Role::Patient => view! { <PatientPanel /> }.into_any(),
        Role::Doctor => view! { <DoctorPanel user=user.clone() /> }.into_any(),
        Role::Admin => view! { <AdminPanel /> }.into_any(),
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

#[component]
fn PatientPanel() -> impl IntoView {
    view! {
        <section class="card">
            <h2>"Find a specialist"</h2>
            <p>"Browse our verified doctors by specialty."</p>
            <a class="button" href=paths::DOCTORS>"Browse doctors"</a>
        </section>
    }
}

#[component]
fn DoctorPanel(user: UserView) -> impl IntoView {
    let verified_at = user.doctor.as_ref().and_then(|d| d.verified_at);
    view! {
        <section class="card" data-testid="verification-status">
            <h2>"Verification"</h2>
            {match verified_at {
                Some(at) => view! {
                    <p class="status status-ok">"Verified"</p>
                    <p>{format!("The clinic verified your licence on {}. Patients can find you in the directory.", format::date(at))}</p>
                }.into_any(),
                None => view! {
                    <p class="status status-pending">"Awaiting verification"</p>
                    <p>"A clinic admin will check your licence number. Until then patients cannot see or book you."</p>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn AdminPanel() -> impl IntoView {
    let pending = Resource::new(|| (), |_| list_users("unverified".into(), String::new()));
    view! {
        <section class="card">
            <h2>"Clinic overview"</h2>
            <Transition fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let count = pending.await.map(|users| users.len()).unwrap_or_default();
                    view! {
                        <p data-testid="pending-doctors">
                            {match count {
                                0 => "No doctors are waiting for verification.".to_owned(),
                                1 => "1 doctor is waiting for verification.".to_owned(),
                                n => format!("{n} doctors are waiting for verification."),
                            }}
                        </p>
                    }
                })}
            </Transition>
            <div class="actions">
                <a class="button" href="/admin/users?show=unverified">"Review doctors"</a>
                <a class="button-secondary" href=paths::ADMIN_USERS>"All users"</a>
            </div>
        </section>
    }
}
