//! The patient's own details on the account page: contact, address, emergency contact and the
//! medical notes their doctors see.

use crate::api::patient_details::patient_details;
use crate::api::save_patient_details::SavePatientDetails;
use crate::domain::Field;
use crate::domain::patient_details::BLOOD_GROUPS;
use crate::dto::patient_details_view::PatientDetailsView;
use crate::ui::components::{FieldMessages, FormAlert, LocationPicker, TextField, use_form_error};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The details form, loaded and filled with what is saved.
#[component]
pub fn PatientDetailsCard() -> impl IntoView {
    let action = ServerAction::<SavePatientDetails>::new();
    // Reloaded after a successful save only: a refused one keeps what the patient typed.
    let saves = crate::ui::components::use_successes(action);
    let details = Resource::new(move || saves.get(), |_| patient_details(None));
    view! {
        <section class="card span-all" aria-labelledby="details-heading">
            <h2 id="details-heading">"Your details"</h2>
            <p class="muted">"Your doctors see these, including allergies and conditions, to prepare your visit. Other patients never do."</p>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    details.await.ok().map(|saved| view! { <DetailsForm saved action /> })
                })}
            </Transition>
        </section>
    }
}

#[component]
fn DetailsForm(
    saved: PatientDetailsView,
    action: ServerAction<SavePatientDetails>,
) -> impl IntoView {
    let error = use_form_error(action.value());
    let saved_ok = move || matches!(action.value().get(), Some(Ok(())));
    let text_area = move |field: Field, label: &'static str, value: String, max: usize| {
        view! {
            <div class="field span-2">
                <label for=field.as_str()>{label}</label>
                <textarea id=field.as_str() name=field.as_str() rows="3" maxlength=max.to_string()
                    aria-describedby=format!("{}-error", field.as_str())>{value}</textarea>
                <FieldMessages field error />
            </div>
        }
    };
    let group = saved.blood_group.clone().unwrap_or_default();
    view! {
        <Show when=saved_ok><div class="alert alert-success" role="status">"Your details were saved."</div></Show>
        <FormAlert error />
        <ActionForm action attr:class="form form-columns" attr:novalidate=true>
            <TextField label="Full name" field=Field::FullName error value=saved.full_name.clone() autocomplete="name" />
            <TextField label="Phone" field=Field::Phone error kind="tel" value=saved.phone.clone() autocomplete="tel" />
            <TextField label="Date of birth" field=Field::DateOfBirth error kind="date" value=saved.date_of_birth.clone() autocomplete="bday" />
            <div class="field">
                <label for="blood_group">"Blood group"</label>
                <select id="blood_group" name="blood_group" aria-describedby="blood_group-error">
                    <option value="">"Not given"</option>
                    {BLOOD_GROUPS.iter().map(|g| view! { <option value=*g selected=group == *g>{*g}</option> }).collect_view()}
                </select>
                <FieldMessages field=Field::BloodGroup error />
            </div>
            <fieldset class="span-2 location-fieldset">
                <legend>"Where you live"</legend>
                <div class="filters-grid">
                    <LocationPicker prefix="address" levels=saved.place_picker.clone() blank="Choose…" />
                </div>
                <TextField label="Street address" field=Field::Address error value=saved.address.clone() required=false max_len=200 autocomplete="street-address" />
            </fieldset>
            <fieldset class="span-2">
                <legend>"Emergency contact"</legend>
                <div class="filters-grid">
                    <TextField label="Name" field=Field::EmergencyName error value=saved.emergency_name.clone() required=false />
                    <TextField label="Relation" field=Field::EmergencyRelation error value=saved.emergency_relation.clone() required=false max_len=40 />
                    <TextField label="Phone" field=Field::EmergencyPhone error kind="tel" value=saved.emergency_phone.clone().unwrap_or_default() required=false />
                </div>
            </fieldset>
            {text_area(Field::Allergies, "Allergies", saved.allergies.clone(), 1000)}
            {text_area(Field::Conditions, "Long-term conditions", saved.conditions.clone(), 1000)}
            <div class="span-2">
                <button type="submit" class="button" disabled=move || action.pending().get()>"Save details"</button>
            </div>
        </ActionForm>
    }
}
