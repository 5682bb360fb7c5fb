//! A user's profile details.

use crate::dto::user_view::UserView;
use crate::paths;
use crate::ui::format;
use leptos::prelude::*;

/// The profile of `user` as a definition list.
#[component]
pub fn ProfileCard(user: UserView) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="profile-heading">
            <h2 id="profile-heading">"Your profile"</h2>
            <dl class="details">
                <dt>"Name"</dt><dd>{user.full_name.clone()}</dd>
                <dt>"Username"</dt><dd>{user.username.clone()}</dd>
                <dt>"Email"</dt>
                <dd>
                    {user.email.clone()} " "
                    {if user.email_verified_at.is_some() {
                        view! { <span class="badge badge-ok">"verified"</span> }.into_any()
                    } else {
                        view! { <a href=paths::VERIFY_EMAIL class="badge badge-warn">"not verified: verify now"</a> }.into_any()
                    }}
                </dd>
                {user.phone.clone().map(|p| view! { <dt>"Phone"</dt><dd>{p}</dd> })}
                {user.date_of_birth.clone().map(|d| view! { <dt>"Date of birth"</dt><dd>{d}</dd> })}
                <dt>"Role"</dt><dd>{user.role.label()}</dd>
                {user.doctor.clone().map(|d| view! {
                    <dt>"Specialty"</dt><dd>{d.specialty}</dd>
                    <dt>"Licence"</dt><dd>{d.licence_number}</dd>
                })}
                <dt>"Member since"</dt><dd>{format::date(user.created_at)}</dd>
            </dl>
        </section>
    }
}
