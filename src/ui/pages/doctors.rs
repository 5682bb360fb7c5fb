//! The public directory of verified doctors.

use crate::api::list_doctors::list_doctors;
use crate::api::list_specialties::list_specialties;
use crate::paths;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

/// `/doctors`: verified doctors, filterable by specialty.
#[component]
pub fn DoctorsPage() -> impl IntoView {
    let query = use_query_map();
    let specialty = move || query.with(|q| q.get("specialty").and_then(|s| s.parse::<i64>().ok()));
    let doctors = Resource::new(specialty, list_doctors);
    let specialties = Resource::new(|| (), |_| list_specialties());
    view! {
        <Title text="Find a doctor" />
        <h1>"Find a doctor"</h1>
        <Form method="GET" action="" attr:class="filters">
            <label for="specialty">"Specialty"</label>
            <select id="specialty" name="specialty">
                <option value="">"All specialties"</option>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let chosen = specialty();
                        specialties.await.unwrap_or_default().into_iter().map(|s| {
                            view! { <option value=s.id.0.to_string() selected=chosen == Some(s.id.0)>{s.name}</option> }
                        }).collect_view()
                    })}
                </Transition>
            </select>
            <button type="submit" class="button-secondary">"Filter"</button>
        </Form>
        <Transition fallback=|| view! { <p class="loading">"Loading doctors…"</p> }>
            {move || Suspend::new(async move {
                match doctors.await {
                    Ok(list) if list.is_empty() => view! { <p>"No doctors match this filter yet."</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="cards" data-testid="doctor-list">
                            {list.into_iter().map(|d| view! {
                                <li class="card doctor-card">
                                    <h2><a href=paths::doctor(d.id.0)>{d.full_name}</a></h2>
                                    <p class="specialty">{d.specialty}</p>
                                    <p class="fee">{format!("Fee {}", d.fee)}</p>
                                    <p class="next-free">
                                        {match d.next_free_day {
                                            Some(day) => format!("Next free: {}", day.format("%a %-d %b")),
                                            None => "No free times in the coming weeks".to_owned(),
                                        }}
                                    </p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <p class="alert alert-error">{error.message()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}
