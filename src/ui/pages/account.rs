//! The account page: profile, email, time zone, password change and signing out everywhere.

use super::calendar_feed_card::CalendarFeedCard;
use super::email_change_card::EmailChangeCard;
use super::mail_preferences_card::MailPreferencesCard;
use super::patient_details_card::PatientDetailsCard;
use super::practice_profile_card::PracticeProfileCard;
use super::profile_card::ProfileCard;
use super::record_views_card::RecordViewsCard;
use super::time_zone_card::TimeZoneCard;
use crate::api::change_password::ChangePassword;
use crate::api::confirm_email_change::ConfirmEmailChange;
use crate::api::my_profile::my_profile;
use crate::api::sign_out_everywhere::SignOutEverywhere;
use crate::domain::{Field, Role};
use crate::ui::components::{FormAlert, PageData, PasswordField, use_form_error};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/account`: the signed-in user's details, email, time zone and password.
#[component]
pub fn AccountPage() -> impl IntoView {
    let confirm_email = ServerAction::<ConfirmEmailChange>::new();
    let profile = Resource::new(move || confirm_email.version().get(), |_| my_profile());
    // A confirmed new address is a verified one: the header drops its "Verify email" button.
    let auth = crate::ui::auth::Auth::get();
    Effect::new(move |_| {
        if matches!(confirm_email.value().get(), Some(Ok(_))) {
            auth.user.refetch();
        }
    });
    view! {
        <Title text="Account" />
        <h1>"Your account"</h1>
        <PageData resource=profile loading="Loading…" sign_in_for="to see your account."
            content=move |user| {
                let (email, zone, role, mail) = (user.email.clone(), user.time_zone, user.role, user.mail);
                view! {
                    <div class="grid">
                        {match role {
                            Role::Patient => Some(view! { <PatientDetailsCard /> }.into_any()),
                            Role::Doctor => Some(view! { <PracticeProfileCard /> }.into_any()),
                            Role::Admin => None,
                        }}
                        <ProfileCard user />
                        <ChangePasswordForm />
                        <EmailChangeCard current=email confirm=confirm_email />
                        <TimeZoneCard current=zone />
                        {(role == Role::Patient).then(|| view! { <MailPreferencesCard current=mail /> }.into_any())}
                        {(role != Role::Admin).then(|| view! { <CalendarFeedCard /> }.into_any())}
                        <SignOutEverywhereCard />
                        {(role == Role::Patient).then(|| view! { <RecordViewsCard /> })}
                        {(role != Role::Admin).then(|| view! { <super::close_account_card::CloseAccountCard role /> })}
                    </div>
                }
            }
        />
    }
}

#[component]
fn ChangePasswordForm() -> impl IntoView {
    let action = ServerAction::<ChangePassword>::new();
    let error = use_form_error(action.value());
    let query = use_query_map();
    let changed = move || {
        matches!(action.value().get(), Some(Ok(())))
            || (action.value().get().is_none()
                && query.with(|q| q.get("password_changed").is_some()))
    };
    view! {
        <section class="card" aria-labelledby="password-heading">
            <h2 id="password-heading">"Change password"</h2>
            <Show when=changed>
                <div class="alert alert-success" role="status">
                    "Your password was changed. You were signed out everywhere else."
                </div>
            </Show>
            <FormAlert error />
            <ActionForm action attr:class="form" attr:novalidate=true>
                <PasswordField label="Current password" name="current_password" field=Field::CurrentPassword error />
                <PasswordField label="New password" name="new_password" field=Field::NewPassword error
                    autocomplete="new-password" hint="At least 10 characters, not a common password." />
                <PasswordField label="Repeat new password" name="confirm_password" field=Field::ConfirmPassword error
                    autocomplete="new-password" />
                <button type="submit" class="button" disabled=move || action.pending().get()>"Change password"</button>
            </ActionForm>
        </section>
    }
}

/// Ends every session of the account, on every device (a lost phone, a shared computer).
#[component]
fn SignOutEverywhereCard() -> impl IntoView {
    let action = ServerAction::<SignOutEverywhere>::new();
    let error = use_form_error(action.value());
    let auth = crate::ui::auth::Auth::get();
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(()))) {
            auth.user.refetch();
        }
    });
    view! {
        <section class="card" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">"Sessions"</h2>
            <p class="muted">
                "Signed in on a device you no longer have, or on a shared computer? End every session of this account, this one included."
            </p>
            <FormAlert error />
            <ActionForm action attr:class="form">
                <button type="submit" class="button button-secondary" data-testid="sign-out-everywhere"
                    disabled=move || action.pending().get()>"Sign out everywhere"</button>
            </ActionForm>
        </section>
    }
}
