//! `/sign-in/provider`: after an OpenID Connect provider vouched for an email MediBook does not
//! know by that identity: complete a new patient account, or link the existing account that has
//! this email by proving its password.

use crate::api::provider_sign_in::{LinkProviderAccount, ProviderSignUp, provider_pending};
use crate::domain::Field;
use crate::dto::session_user::SessionUser;
use crate::dto::sign_in_provider::PendingProviderSignIn;
use crate::error::AppError;
use crate::paths;
use crate::ui::auth::Auth;
use crate::ui::components::{FormAlert, PasswordField, TextField, use_form_error};
use crate::ui::viewer_zone::ViewerZone;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

/// The account step of a sign-in through the provider.
#[component]
pub fn ProviderAccountPage() -> impl IntoView {
    let pending = Resource::new(|| (), |_| provider_pending());
    view! {
        <Title text="Finish signing in" />
        <section class="card narrow">
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match pending.await {
                        Ok(pending) if pending.existing_account => view! { <LinkForm pending /> }.into_any(),
                        Ok(pending) => view! { <SignUpForm pending /> }.into_any(),
                        Err(error) => view! {
                            <h1>"Finish signing in"</h1>
                            <div class="alert alert-error" role="alert" data-error-code=error.code()>{error.message()}</div>
                            <p><a href=paths::LOGIN>"Back to sign in"</a></p>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// Signed in: refresh who is signed in and go home.
fn go_home_when_done(
    value: impl Get<Value = Option<Result<SessionUser, AppError>>> + Send + Sync + 'static,
) {
    let auth = Auth::get();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(_)) = value.get() {
            auth.user.refetch();
            navigate(paths::HOME, Default::default());
        }
    });
}

#[component]
fn SignUpForm(pending: PendingProviderSignIn) -> impl IntoView {
    let action = ServerAction::<ProviderSignUp>::new();
    let error = use_form_error(action.value());
    let viewer_zone = ViewerZone::get();
    go_home_when_done(action.value());
    view! {
        <h1>"Create your patient account"</h1>
        <p>
            {pending.provider.clone()} " confirmed your email address " <strong>{pending.email.clone()}</strong>
            ". Add the details a clinic needs to finish your account."
        </p>
        <FormAlert error />
        <ActionForm action attr:class="form" attr:novalidate=true>
            <input type="hidden" name="time_zone"
                prop:value=move || viewer_zone.known().map(|z| z.name()).unwrap_or_default() />
            <TextField label="Full name" field=Field::FullName error autocomplete="name" max_len=100 value=pending.name.clone() />
            <TextField label="Username" field=Field::Username error autocomplete="username" max_len=32
                hint="3–32 characters: letters, digits, '_', '.' or '-'." />
            <TextField label="Phone" field=Field::Phone error kind="tel" autocomplete="tel" max_len=30 />
            <TextField label="Date of birth" field=Field::DateOfBirth error kind="date" autocomplete="bday" />
            <p class="hint">
                "You will sign in with " {pending.provider} ". To also have a MediBook password, use "
                <a href=paths::FORGOT_PASSWORD>"Forgot your password?"</a> " later."
            </p>
            <button type="submit" class="button" disabled=move || action.pending().get()>
                {move || if action.pending().get() { "Creating account…" } else { "Create account" }}
            </button>
        </ActionForm>
        <p class="muted"><a href=paths::LOGIN>"Cancel"</a></p>
    }
}

#[component]
fn LinkForm(pending: PendingProviderSignIn) -> impl IntoView {
    let action = ServerAction::<LinkProviderAccount>::new();
    let error = use_form_error(action.value());
    go_home_when_done(action.value());
    view! {
        <h1>"Link your account"</h1>
        <p>
            "A MediBook account already uses " <strong>{pending.email}</strong> ". To sign in to it with "
            {pending.provider.clone()} " from now on, enter its MediBook password once."
        </p>
        <FormAlert error />
        <ActionForm action attr:class="form" attr:novalidate=true>
            <PasswordField label="MediBook password" name="password" error />
            <button type="submit" class="button" disabled=move || action.pending().get()>
                {move || if action.pending().get() { "Linking…" } else { "Link and sign in" }}
            </button>
        </ActionForm>
        <p class="muted">
            <a href=paths::FORGOT_PASSWORD>"Forgot your password?"</a> " · " <a href=paths::LOGIN>"Cancel"</a>
        </p>
    }
}
