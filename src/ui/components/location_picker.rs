//! Cascading pickers for a place: division, then district, then upazila / thana. Each level is
//! a plain `<select>` named `{prefix}_1`, `{prefix}_2`, `{prefix}_3`; the server keeps the
//! deepest choice that continues the chain, so the pickers work before the wasm loads (submit
//! to see the next level) and, once it has, the next level appears as soon as one is chosen.

use crate::api::location_children::location_children;
use crate::api::location_path::location_path;
use crate::domain::location_search::PICKER_LEVELS as LEVELS;
use leptos::prelude::*;

/// The pickers, showing `selected` (a place at any level) and the levels above it.
#[component]
pub fn LocationPicker(
    /// Field-name prefix: `location` gives `location_1` … `location_3`.
    prefix: &'static str,
    selected: Option<i64>,
    /// The first option of each level ("Any", "Choose…").
    blank: &'static str,
) -> impl IntoView {
    let path = Resource::new(
        move || selected,
        |selected| async move {
            match selected {
                Some(id) => {
                    location_path(id).await.unwrap_or_default().into_iter().map(|p| p.id).collect()
                }
                None => Vec::new(),
            }
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let chosen: Vec<i64> = path.await;
                view! { <LevelSelects prefix chosen blank /> }
            })}
        </Suspense>
    }
}

#[component]
fn LevelSelects(prefix: &'static str, chosen: Vec<i64>, blank: &'static str) -> impl IntoView {
    let picks: [RwSignal<Option<i64>>; LEVELS] =
        std::array::from_fn(|level| RwSignal::new(chosen.get(level).copied()));
    (0..LEVELS)
        .map(|level| {
            // `Some(parent)`: list the places under it; `None`: nothing chosen above yet.
            let parent = move || if level == 0 { Some(None) } else { picks[level - 1].get().map(Some) };
            let options = Resource::new(parent, |parent| async move {
                match parent {
                    Some(parent_id) => location_children(parent_id).await.unwrap_or_default(),
                    None => Vec::new(),
                }
            });
            let name = format!("{prefix}_{}", level + 1);
            view! {
                <Suspense fallback=|| ()>
                    {move || {
                        let name = name.clone();
                        Suspend::new(async move {
                            let places = options.await;
                            let label = places.first().map(|p| p.level_en.clone())?;
                            Some(view! {
                                <div class="field">
                                    <label for=name.clone()>{label}</label>
                                    <select id=name.clone() name=name on:change=move |ev| {
                                        picks[level].set(event_target_value(&ev).parse().ok());
                                        for deeper in picks.iter().skip(level + 1) {
                                            deeper.set(None);
                                        }
                                    }>
                                        <option value="">{blank}</option>
                                        {places.into_iter().map(|p| {
                                            let id = p.id;
                                            view! {
                                                <option value=id.to_string() selected=move || picks[level].get() == Some(id)>
                                                    {format!("{} · {}", p.name_en, p.name_local)}
                                                </option>
                                            }
                                        }).collect_view()}
                                    </select>
                                </div>
                            })
                        })
                    }}
                </Suspense>
            }
        })
        .collect_view()
}
