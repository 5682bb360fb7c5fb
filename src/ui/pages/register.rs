//! Registration for patients and doctors.

use crate::api::list_specialties::list_specialties;
use crate::api::register::Register;
use crate::domain::Field;
use crate::paths;
use crate::ui::components::{FieldMessages, FormAlert, PasswordField, TextField, use_form_error};
use crate::ui::components::{FormAction, PostForm};
use crate::ui::viewer_zone::ViewerZone;
use leptos::prelude::*;
use leptos_meta::Title;

/// The registration form, an island: on its page (an islands page) the browser runs only this.
/// `role` is "patient" or "doctor".
#[island]
fn RegisterForm(role: String) -> impl IntoView {
    crate::ui::islands::provide_island_context();
    let action = FormAction::<Register>::new();
    let error = use_form_error(action.value());
    let viewer_zone = ViewerZone::get();
    view! {
        <FormAlert error />
        <PostForm action attr:class="form" attr:novalidate=true>
            <input type="hidden" name="role" value=role.clone() />
            // The browser's zone (when known), for the times in mail and reminders.
            <input type="hidden" name="time_zone"
                prop:value=move || viewer_zone.known().map(|z| z.name()).unwrap_or_default() />
            <TextField label="Full name" field=Field::FullName error autocomplete="name" max_len=100 />
            <TextField label="Username" field=Field::Username error autocomplete="username" max_len=32
                hint="3–32 characters: letters, digits, '_', '.' or '-'." />
            <TextField label="Email" field=Field::Email error kind="email" autocomplete="email" max_len=254 />
            <TextField label="Phone" field=Field::Phone error kind="tel" autocomplete="tel" max_len=30 />
            <TextField label="Date of birth" field=Field::DateOfBirth error kind="date" autocomplete="bday" />
            {(role == "doctor").then(|| view! { <DoctorFields error /> })}
            <PasswordField label="Password" name="password" field=Field::Password error
                autocomplete="new-password"
                hint="At least 10 characters. Avoid common passwords and your username." />
            <button type="submit" class="button" disabled=move || action.pending().get()>
                {move || if action.pending().get() { "Creating account…" } else { "Create account" }}
            </button>
        </PostForm>
    }
}

/// `/register` (patients) and `/register/doctor` (doctors, who then wait for verification).
#[component]
pub fn RegisterPage(doctor: bool) -> impl IntoView {
    let (title, role) = if doctor {
        ("Register as a doctor", "doctor")
    } else {
        ("Create your account", "patient")
    };
    view! {
        <Title text=title />
        <section class="card narrow">
            <h1>{title}</h1>
            {if doctor {
                view! { <p class="muted">"Doctors appear to patients once a clinic admin has verified their licence."</p> }.into_any()
            } else {
                view! { <p class="muted">"Patients can browse specialists and book visits."</p> }.into_any()
            }}
            <RegisterForm role=role.to_owned() />
            <p class="muted">
                {if doctor {
                    view! { "Registering as a patient? " <a href=paths::REGISTER>"Patient registration"</a> }.into_any()
                } else {
                    view! { "Are you a doctor? " <a href=paths::REGISTER_DOCTOR>"Doctor registration"</a> }.into_any()
                }}
                " · Already registered? " <a href=paths::LOGIN>"Sign in"</a>
            </p>
        </section>
    }
}

#[component]
fn DoctorFields(error: Signal<Option<crate::error::AppError>>) -> impl IntoView {
    let specialties = Resource::new(|| (), |_| list_specialties());
    view! {
        <div class="field">
            <label for="specialty">"Specialty"</label>
            <select id="specialty" name="specialty" required aria-describedby="specialty-error">
                <option value="">"Choose a specialty…"</option>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        specialties
                            .await
                            .unwrap_or_default()
                            .into_iter()
                            .filter(|s| !s.retired)
                            .map(|s| view! { <option value=s.id.0.to_string()>{s.name}</option> })
                            .collect_view()
                    })}
                </Transition>
            </select>
            <FieldMessages field=Field::Specialty error />
        </div>
        <TextField label="Licence number" field=Field::LicenceNumber error max_len=32
            hint="As printed on your medical licence, e.g. MD-123456." />
    }
}
