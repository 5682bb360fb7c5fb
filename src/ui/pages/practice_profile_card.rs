//! A doctor's public profile on the account page: name, specialty, languages, practice place
//! and licence number (a new licence number waits for an admin's verification).

use crate::api::list_specialties::list_specialties;
use crate::api::practice_profile::practice_profile;
use crate::api::save_practice_profile::SavePracticeProfile;
use crate::domain::Field;
use crate::domain::languages::LANGUAGES;
use crate::dto::practice_profile::PracticeProfileView;
use crate::dto::specialty::Specialty;
use crate::ui::components::{FieldMessages, FormAlert, LocationPicker, TextField, use_form_error};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The profile form, loaded with what is saved.
#[component]
pub fn PracticeProfileCard() -> impl IntoView {
    let action = ServerAction::<SavePracticeProfile>::new();
    // Reloaded after a successful save only: a refused one keeps what the doctor typed.
    let saves = crate::ui::components::use_successes(action);
    let profile = Resource::new(move || saves.get(), |_| practice_profile());
    let specialties = Resource::new(|| (), |_| list_specialties());
    view! {
        <section class="card span-all" aria-labelledby="practice-heading">
            <h2 id="practice-heading">"Public profile"</h2>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let specialties = specialties.await.unwrap_or_default();
                    profile.await.ok().map(|saved| view! { <ProfileForm saved specialties action /> })
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ProfileForm(
    saved: PracticeProfileView,
    specialties: Vec<Specialty>,
    action: ServerAction<SavePracticeProfile>,
) -> impl IntoView {
    let error = use_form_error(action.value());
    let outcome = move || {
        match action.value().get() {
        Some(Ok(true)) => Some(view! {
            <div class="alert alert-warn" role="status">"Saved. Your new licence number waits for an admin's verification: patients will find you again once it is verified."</div>
        }.into_any()),
        Some(Ok(false)) => Some(view! { <div class="alert alert-success" role="status">"Your profile was saved."</div> }.into_any()),
        _ => None,
    }
    };
    view! {
        {outcome}
        <super::photo_card::PhotoBlock photo_url=saved.photo_url.clone() />
        {(!saved.verified).then(|| view! {
            <p class="alert alert-info">"Waiting for an admin to verify your licence: patients cannot find you yet."</p>
        })}
        <FormAlert error />
        <ActionForm action attr:class="form form-columns" attr:novalidate=true>
            <TextField label="Full name (as patients see it)" field=Field::FullName error value=saved.full_name.clone() />
            <div class="field">
                <label for="specialty">"Specialty"</label>
                <select id="specialty" name="specialty" aria-describedby="specialty-error">
                    {specialties.into_iter().filter(|s| !s.retired || s.id.0 == saved.specialty_id).map(|s| view! {
                        <option value=s.id.0.to_string() selected=s.id.0 == saved.specialty_id>{s.name}</option>
                    }).collect_view()}
                </select>
                <FieldMessages field=Field::Specialty error />
            </div>
            <fieldset class="span-2" aria-describedby="languages-error">
                <legend>"Languages you consult in"</legend>
                <div class="checkbox-grid">
                    {LANGUAGES.iter().map(|(code, name, own)| view! {
                        <label class="checkbox">
                            <input type="checkbox" name="languages[]" value=*code checked=saved.languages.iter().any(|l| l == code) />
                            {format!("{name} · {own}")}
                        </label>
                    }).collect_view()}
                </div>
                <FieldMessages field=Field::Languages error />
            </fieldset>
            <fieldset class="span-2">
                <legend>"Where you practise"</legend>
                <div class="filters-grid">
                    <LocationPicker prefix="practice" levels=saved.place_picker.clone() blank="Choose…" />
                </div>
            </fieldset>
            <TextField label="Licence number" field=Field::LicenceNumber error value=saved.licence_number.clone()
                hint="Changing it sends your profile back to an admin for verification." />
            <div class="span-2">
                <button type="submit" class="button" disabled=move || action.pending().get()>"Save profile"</button>
            </div>
        </ActionForm>
    }
}
