//! `/admin/specialties`: the clinic's specialty list — add, rename, retire, offer again.

use crate::api::add_specialty::AddSpecialty;
use crate::api::admin_specialties::admin_specialties;
use crate::api::rename_specialty::RenameSpecialty;
use crate::api::retire_specialty::RetireSpecialty;
use crate::domain::Field;
use crate::dto::specialty_admin::SpecialtyRow;
use crate::ui::components::{FieldMessages, FormAlert, PageData, use_form_error};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

/// The list with a form to add one; each row renames in place and retires or brings back.
#[component]
pub fn AdminSpecialtiesPage() -> impl IntoView {
    let add = ServerAction::<AddSpecialty>::new();
    let retire = ServerAction::<RetireSpecialty>::new();
    let renamed = RwSignal::new(0u32);
    let rows = Resource::new(
        move || (add.version().get(), retire.version().get(), renamed.get()),
        |_| admin_specialties(),
    );
    let add_error = use_form_error(add.value());
    let retire_error = use_form_error(retire.value());
    view! {
        <Title text="Specialties" />
        <h1>"Specialties"</h1>
        <p class="muted">
            "Doctors choose one when they register or edit their profile. A retired specialty stays on the \
             doctors who have it, and patients still find them under it, but no other doctor can choose it."
        </p>
        <section class="card" aria-labelledby="add-specialty-heading">
            <h2 id="add-specialty-heading">"Add a specialty"</h2>
            <Show when=move || matches!(add.value().get(), Some(Ok(())))>
                <div class="alert alert-success" role="status">"Added."</div>
            </Show>
            <ActionForm action=add attr:class="form form-inline" attr:novalidate=true>
                <div class="field">
                    <label for="new-specialty">"Name"</label>
                    <input id="new-specialty" name="name" type="text" maxlength="80" required
                        aria-describedby="specialty-error" />
                    <FieldMessages field=Field::Specialty error=add_error />
                </div>
                <button type="submit" class="button" disabled=move || add.pending().get()>"Add specialty"</button>
            </ActionForm>
        </section>
        <FormAlert error=retire_error />
        <PageData resource=rows loading="Loading specialties…" sign_in_for="as an admin."
            content=move |list| view! { <SpecialtyTable list retire renamed /> }
        />
    }
}

#[component]
fn SpecialtyTable(
    list: Vec<SpecialtyRow>,
    retire: ServerAction<RetireSpecialty>,
    renamed: RwSignal<u32>,
) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="specialties" data-testid="specialty-table">
                <caption class="visually-hidden">"Specialties, with the number of doctors in each"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Doctors"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Actions"</th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|row| view! { <Row row retire renamed /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Row(
    row: SpecialtyRow,
    retire: ServerAction<RetireSpecialty>,
    renamed: RwSignal<u32>,
) -> impl IntoView {
    let rename = ServerAction::<RenameSpecialty>::new();
    let error = use_form_error(rename.value());
    Effect::new(move |_| {
        if matches!(rename.value().get(), Some(Ok(()))) {
            renamed.update(|n| *n += 1);
        }
    });
    let SpecialtyRow { id, name, retired, doctors } = row;
    let (id, retire_id) = (id.0.to_string(), id.0.to_string());
    let (input_id, error_id) = (format!("specialty-{id}"), format!("specialty-{id}-error"));
    let (label, value) = (format!("New name for {name}"), name.clone());
    let messages = move || {
        error.get().map(|e| {
            e.field_errors(Field::Specialty)
                .iter()
                .map(|fe| view! { <p>{fe.message()}</p> })
                .collect_view()
        })
    };
    let status = if retired { "Retired" } else { "Offered" };
    view! {
        <tr data-specialty=name>
            <td>
                <ActionForm action=rename attr:class="form-inline" attr:novalidate=true>
                    <input type="hidden" name="id" value=id />
                    <label class="visually-hidden" for=input_id.clone()>{label}</label>
                    <input id=input_id type="text" name="name" maxlength="80" value=value
                        aria-describedby=error_id.clone() />
                    <button type="submit" class="button-secondary" disabled=move || rename.pending().get()>"Rename"</button>
                    <div class="field-error" id=error_id aria-live="polite">{messages}</div>
                </ActionForm>
            </td>
            <td>{doctors}</td>
            <td class="status-cell">{status}</td>
            <td class="row-actions">
                <ActionForm action=retire>
                    <input type="hidden" name="id" value=retire_id />
                    <input type="hidden" name="retired" value=(!retired).to_string() />
                    <button type="submit" class=if retired { "button-secondary" } else { "button-danger" }>
                        {if retired { "Offer again" } else { "Retire" }}
                    </button>
                </ActionForm>
            </td>
        </tr>
    }
}
