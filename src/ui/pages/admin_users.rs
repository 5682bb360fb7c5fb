//! The admin's user list: filter, verify doctors, deactivate and reactivate users.

use crate::api::list_users::list_users;
use crate::api::set_user_active::SetUserActive;
use crate::api::verify_doctor::VerifyDoctor;
use crate::dto::user_view::UserView;
use crate::ui::components::{FormAlert, PageData, use_form_error};
use crate::ui::format;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

const FILTERS: [(&str, &str); 5] = [
    ("", "All users"),
    ("unverified", "Doctors awaiting verification"),
    ("doctor", "Doctors"),
    ("patient", "Patients"),
    ("admin", "Admins"),
];

/// `/admin/users` (admins only).
#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let query = use_query_map();
    let show = move || query.with(|q| q.get("show").unwrap_or_default());
    let search = move || query.with(|q| q.get("search").unwrap_or_default());
    let verify = ServerAction::<VerifyDoctor>::new();
    let set_active = ServerAction::<SetUserActive>::new();
    let users = Resource::new(
        move || (show(), search(), verify.version().get(), set_active.version().get()),
        |(show, search, _, _)| list_users(show, search),
    );
    let verify_error = use_form_error(verify.value());
    let active_error = use_form_error(set_active.value());
    view! {
        <Title text="Users" />
        <h1>"Users"</h1>
        <Form method="GET" action="" attr:class="filters">
            <label for="show">"Show"</label>
            <select id="show" name="show">
                {move || {
                    let current = show();
                    FILTERS.iter().map(|(value, label)| view! {
                        <option value=*value selected=current == *value>{*label}</option>
                    }).collect_view()
                }}
            </select>
            <label for="search">"Search"</label>
            <input id="search" name="search" type="search" maxlength="100" prop:value=search placeholder="Name, username or email" />
            <button type="submit" class="button-secondary">"Apply"</button>
        </Form>
        <FormAlert error=verify_error />
        <FormAlert error=active_error />
        <PageData resource=users loading="Loading users…" sign_in_for="as an admin."
            content=move |list| view! { <UserTable list verify set_active /> }
        />
    }
}

#[component]
fn UserTable(
    list: Vec<UserView>,
    verify: ServerAction<VerifyDoctor>,
    set_active: ServerAction<SetUserActive>,
) -> impl IntoView {
    if list.is_empty() {
        return view! { <p>"No users match this filter."</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="users" data-testid="user-table">
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Username"</th>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Role"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Joined"</th>
                        <th scope="col">"Actions"</th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|user| view! { <UserRow user verify set_active /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn UserRow(
    user: UserView,
    verify: ServerAction<VerifyDoctor>,
    set_active: ServerAction<SetUserActive>,
) -> impl IntoView {
    let id = user.id.0.to_string();
    let verify_id = id.clone();
    let needs_verification = user.is_unverified_doctor();
    let role = match &user.doctor {
        Some(d) => format!("{} · {} · {}", user.role.label(), d.specialty, d.licence_number),
        None => user.role.label().to_owned(),
    };
    let status = match (user.is_active, needs_verification) {
        (false, _) => "Deactivated",
        (true, true) => "Awaiting verification",
        (true, false) => "Active",
    };
    view! {
        <tr data-username=user.username.clone()>
            <td>{user.full_name.clone()}</td>
            <td>{user.username.clone()}</td>
            <td>{user.email.clone()}</td>
            <td>{role}</td>
            <td class="status-cell">{status}</td>
            <td>{format::date(user.created_at)}</td>
            <td class="row-actions">
                {needs_verification.then(|| view! {
                    <ActionForm action=verify>
                        <input type="hidden" name="user_id" value=verify_id />
                        <button type="submit" class="button">"Verify"</button>
                    </ActionForm>
                })}
                <ActionForm action=set_active>
                    <input type="hidden" name="user_id" value=id />
                    <input type="hidden" name="active" value=(!user.is_active).to_string() />
                    <button type="submit" class=if user.is_active { "button-danger" } else { "button-secondary" }>
                        {if user.is_active { "Deactivate" } else { "Reactivate" }}
                    </button>
                </ActionForm>
            </td>
        </tr>
    }
}
