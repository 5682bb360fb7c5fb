//! The doctor directory: search, filters, sort and pages, all in the query string, so a search
//! is a link, the first page is rendered by the server, and the form works without the wasm.

use super::directory_results::DirectoryResults;
use crate::api::list_specialties::list_specialties;
use crate::api::search_doctors::search_doctors;
use crate::domain::Field;
use crate::domain::directory_filter::{DirectoryFilter, DirectorySort};
use crate::domain::languages::LANGUAGES;
use crate::error::AppError;
use crate::paths;
use crate::ui::components::{DirectoryPlacePicker, FieldMessages};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

/// `/doctors`: verified doctors, searched and filtered.
#[component]
pub fn DoctorsPage() -> impl IntoView {
    // The query map, not the raw search: the server and the browser spell an absent query
    // differently, and the resource's key must match for the page to hydrate.
    let query = use_query_map();
    let page = Resource::new(move || query.with(|q| q.to_query_string()), search_doctors);
    let specialties = Resource::new(|| (), |_| list_specialties());
    view! {
        <Title text="Find a doctor" />
        <h1>"Find a doctor"</h1>
        <Transition fallback=|| view! { <p class="loading">"Loading doctors…"</p> }>
            {move || Suspend::new(async move {
                let result = page.await;
                let specialties = specialties.await.unwrap_or_default();
                let error = Signal::stored(result.as_ref().err().cloned());
                let places = result.as_ref().map(|p| p.place_picker.clone()).unwrap_or_default();
                view! {
                    <SearchForm specialties places error />
                    {match result {
                        Ok(page) => view! { <DirectoryResults page /> }.into_any(),
                        Err(AppError::Invalid(_)) => view! {
                            <p class="alert alert-error" role="alert">"Please correct the marked filters."</p>
                        }.into_any(),
                        Err(error) => view! { <p class="alert alert-error">{error.message()}</p> }.into_any(),
                    }}
                }
            })}
        </Transition>
    }
}

/// The search form, filled from the query string.
#[component]
fn SearchForm(
    specialties: Vec<crate::dto::specialty::Specialty>,
    places: Vec<crate::dto::location_view::PickerLevel>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let query = use_query_map();
    let get = move |name: &str| query.with(|q| q.get(name).unwrap_or_default());
    let chosen_specialty = get(Field::Specialty.as_str());
    let chosen_language = get(Field::Language.as_str());
    let chosen_rating = get(Field::MinRating.as_str());
    let chosen_sort = get(Field::Sort.as_str());
    let number = move |field: Field, label: &'static str, max: u32| {
        view! {
            <div class="field">
                <label for=field.as_str()>{label}</label>
                <input id=field.as_str() name=field.as_str() type="number" min="0" max=max.to_string()
                    inputmode="numeric" value=get(field.as_str())
                    aria-describedby=format!("{}-error", field.as_str()) />
                <FieldMessages field error />
            </div>
        }
    };
    view! {
        <Form method="GET" action=paths::DOCTORS attr:class="directory-search" attr:role="search">
            <div class="field search-text">
                <label for="q">"Search"</label>
                <input id="q" name="q" type="search" maxlength="100" value=get("q")
                    placeholder="Name, specialty, condition or place" aria-describedby="q-error" />
                <FieldMessages field=Field::SearchText error />
            </div>
            <div class="filters-grid">
                <div class="field">
                    <label for="specialty">"Specialty"</label>
                    <select id="specialty" name="specialty">
                        <option value="">"All specialties"</option>
                        {specialties.into_iter().map(|s| {
                            let id = s.id.0.to_string();
                            view! { <option value=id.clone() selected=chosen_specialty == id>{s.name}</option> }
                        }).collect_view()}
                    </select>
                    <FieldMessages field=Field::Specialty error />
                </div>
                <DirectoryPlacePicker levels=places />
                {number(Field::FeeMin, "Fee from", 100_000)}
                {number(Field::FeeMax, "Fee up to", 100_000)}
                {number(Field::MinExperience, "Years of experience (at least)", 70)}
                <div class="field">
                    <label for="rating">"Rating"</label>
                    <select id="rating" name="rating">
                        <option value="">"Any rating"</option>
                        {(1..=4).rev().map(|stars: u8| view! {
                            <option value=stars.to_string() selected=chosen_rating == stars.to_string()>
                                {format!("{stars} stars and up")}
                            </option>
                        }).collect_view()}
                    </select>
                    <FieldMessages field=Field::MinRating error />
                </div>
                <div class="field">
                    <label for="free_on">"Free on"</label>
                    <input id="free_on" name="free_on" type="date" value=get("free_on") aria-describedby="free_on-error" />
                    <FieldMessages field=Field::FreeOn error />
                </div>
                <div class="field">
                    <label for="language">"Language"</label>
                    <select id="language" name="language">
                        <option value="">"Any language"</option>
                        {LANGUAGES.iter().map(|(code, name, own)| view! {
                            <option value=*code selected=chosen_language == *code>{format!("{name} · {own}")}</option>
                        }).collect_view()}
                    </select>
                    <FieldMessages field=Field::Language error />
                </div>
                <div class="field">
                    <label for="sort">"Sort by"</label>
                    <select id="sort" name="sort">
                        {DirectorySort::ALL.iter().map(|s| view! {
                            <option value=s.key() selected=chosen_sort == s.key()>{s.label()}</option>
                        }).collect_view()}
                    </select>
                    <FieldMessages field=Field::Sort error />
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" class="button">"Search"</button>
                <a class="button button-secondary" href=paths::DOCTORS>"Clear"</a>
            </div>
        </Form>
    }
}

/// The link to `filter`'s results.
pub fn directory_href(filter: &DirectoryFilter) -> String {
    let query = filter.to_query();
    if query.is_empty() { paths::DOCTORS.to_owned() } else { format!("{}?{query}", paths::DOCTORS) }
}
