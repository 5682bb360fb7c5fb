//! `/verify`: the signed-in user enters the code emailed to them, or asks for another.

use crate::api::my_profile::my_profile;
use crate::api::resend_verification_code::ResendVerificationCode;
use crate::api::verify_email::VerifyEmail;
use crate::error::AppError;
use crate::paths;
use crate::ui::components::{CodeInput, FormAlert, use_form_error};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/verify`: email verification by code.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let verify = ServerAction::<VerifyEmail>::new();
    let resend = ServerAction::<ResendVerificationCode>::new();
    let profile = Resource::new(move || verify.version().get(), |_| my_profile());
    view! {
        <Title text="Verify your email" />
        <h1>"Verify your email"</h1>
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(user) if user.email_verified_at.is_some() => view! {
                        <div class="alert alert-success" role="status">
                            "Your email address " <strong>{user.email}</strong> " is verified. "
                            <a href=paths::DOCTORS>"Find a doctor"</a> " to book a visit."
                        </div>
                    }.into_any(),
                    Ok(user) => view! { <CodeForms email=user.email verify resend /> }.into_any(),
                    Err(AppError::Unauthenticated) => view! {
                        <p class="alert alert-info">"Please " <a href=paths::LOGIN>"sign in"</a> " to verify your email."</p>
                    }.into_any(),
                    Err(error) => view! { <p class="alert alert-error">{error.message()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn CodeForms(
    email: String,
    verify: ServerAction<VerifyEmail>,
    resend: ServerAction<ResendVerificationCode>,
) -> impl IntoView {
    let verify_error = use_form_error(verify.value());
    let resend_error = use_form_error(resend.value());
    let query = use_query_map();
    let sent = move || {
        matches!(resend.value().get(), Some(Ok(true)))
            || (resend.value().get().is_none() && query.with(|q| q.get("sent").is_some()))
    };
    let attempts_left = move || match verify_error.get() {
        Some(AppError::WrongCode { attempts_left }) if verify.value().get().is_some() => {
            Some(format!(
                "{attempts_left} {} left for this code.",
                if attempts_left == 1 { "try" } else { "tries" }
            ))
        }
        _ => None,
    };
    view! {
        <section class="card" aria-labelledby="code-heading">
            <h2 id="code-heading">"Enter your code"</h2>
            <p>
                "We emailed a 6-digit code to " <strong>{email}</strong>
                ". It is valid for 10 minutes. You need a verified address to book or pay."
            </p>
            <FormAlert error=verify_error />
            {move || attempts_left().map(|text| view! { <p class="hint">{text}</p> })}
            <ActionForm action=verify attr:class="form" attr:novalidate=true>
                <CodeInput id="code" />
                <button type="submit" class="button" disabled=move || verify.pending().get()>"Verify"</button>
            </ActionForm>
        </section>
        <section class="card" aria-labelledby="resend-heading">
            <h2 id="resend-heading">"No code?"</h2>
            <Show when=sent>
                <div class="alert alert-success" role="status">"A new code is on its way."</div>
            </Show>
            <FormAlert error=resend_error />
            <p>"Check your spam folder, or ask for a new code (one a minute, a few an hour)."</p>
            <ActionForm action=resend attr:class="form">
                <button type="submit" class="button-secondary" disabled=move || resend.pending().get()>"Send a new code"</button>
            </ActionForm>
        </section>
    }
}
