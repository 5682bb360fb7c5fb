//! The sign-in page.

use crate::api::login::Login;
use crate::dto::sign_in_provider::ProviderRefusal;
use crate::paths;
use crate::ui::auth::Auth;
use crate::ui::components::{FormAction, FormAlert, PasswordField, PostForm, use_form_error};
use crate::ui::layout::sign_in_provider;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/login`: sign in by username or email.
#[component]
pub fn LoginPage() -> impl IntoView {
    let query = use_query_map();
    let registered = move || query.with(|q| q.get("registered").is_some());
    let was_reset = move || query.with(|q| q.get("reset").is_some());
    let everywhere = move || query.with(|q| q.get("signed_out_everywhere").is_some());
    let provider_refusal = move || {
        query.with(|q| q.get("provider_error")).and_then(|code| ProviderRefusal::from_code(&code))
    };
    view! {
        <Title text="Sign in" />
        <section class="card narrow">
            <h1>"Sign in"</h1>
            <Show when=registered>
                <div class="alert alert-success" role="status">
                    "Your account was created. Sign in to continue."
                </div>
            </Show>
            <Show when=was_reset>
                <div class="alert alert-success" role="status">
                    "Your password was changed and every session was signed out. Sign in with the new password."
                </div>
            </Show>
            <Show when=everywhere>
                <div class="alert alert-success" role="status">
                    "Every session of your account has ended, on every device. Sign in again to continue."
                </div>
            </Show>
            {move || provider_refusal().map(|refusal| view! {
                <div class="alert alert-error" role="alert" data-provider-error=refusal.code()>
                    {refusal.message()}
                </div>
            })}
            {sign_in_provider().map(|label| view! {
                // A full page load (rel="external"): the provider's pages are not this app's.
                <a class="button button-secondary provider-button" href=paths::OIDC_START rel="external">
                    {format!("Continue with {label}")}
                </a>
                <p class="divider-text muted">"or with your MediBook password"</p>
            })}
            <LoginForm />
            <p class="muted">"New here? " <a href=paths::REGISTER>"Create an account"</a></p>
            <p class="muted"><a href=paths::FORGOT_PASSWORD>"Forgot your password?"</a></p>
        </section>
    }
}

/// The sign-in form, an island (on its page, an islands page, the browser runs only this). In
/// the whole app it signs in through the app's `Auth`, so the header follows.
#[island]
fn LoginForm() -> impl IntoView {
    crate::ui::islands::provide_island_context();
    let login = use_context::<Auth>().map_or_else(FormAction::<Login>::new, |auth| auth.login);
    let error = use_form_error(login.value());
    view! {
        <FormAlert error />
        <PostForm action=login attr:class="form" attr:novalidate=true>
            <div class="field">
                <label for="login">"Username or email"</label>
                <input id="login" name="login" type="text" autocomplete="username" maxlength="254" required />
            </div>
            <PasswordField label="Password" name="password" error />
            <label class="checkbox">
                <input type="checkbox" name="remember" value="on" />
                "Keep me signed in on this device"
            </label>
            <button type="submit" class="button" disabled=move || login.pending().get()>
                {move || if login.pending().get() { "Signing in…" } else { "Sign in" }}
            </button>
        </PostForm>
    }
}
