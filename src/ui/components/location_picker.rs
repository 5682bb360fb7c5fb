//! Cascading pickers for a place: division, then district, then upazila / thana. Each level is
//! a plain `<select>` named `{prefix}_1`, `{prefix}_2`, `{prefix}_3`; the server keeps the
//! deepest choice that continues the chain, so the pickers work before the wasm loads (submit
//! to see the next level) and, once it has, the next level appears as soon as one is chosen.
//! The first levels come with the page's data (no loading of their own while it hydrates).

use crate::api::location_children::location_children;
use crate::domain::location_search::PICKER_LEVELS as LEVELS;
use crate::dto::location_view::PickerLevel;
use leptos::prelude::*;

/// The pickers, starting from `levels` (see `locations::queries::picker`).
#[component]
pub fn LocationPicker(
    /// Field-name prefix: `location` gives `location_1` … `location_3`.
    prefix: &'static str,
    levels: Vec<PickerLevel>,
    /// The first option of each level ("Any", "Choose…").
    blank: &'static str,
) -> impl IntoView {
    let levels = RwSignal::new(levels);
    let choose = move |depth: usize, chosen: Option<i64>| {
        levels.update(|all| {
            all.truncate(depth + 1);
            if let Some(level) = all.get_mut(depth) {
                level.chosen = chosen;
            }
        });
        let Some(parent) = chosen else { return };
        leptos::task::spawn_local(async move {
            let options = location_children(Some(parent)).await.unwrap_or_default();
            let Some(first) = options.first() else { return };
            let next = PickerLevel { label: first.level_en.clone(), options, chosen: None };
            levels.update(|all| {
                // Only if the choice is still the one this answer is for.
                if all.len() == depth + 1 && all[depth].chosen == Some(parent) {
                    all.push(next);
                }
            });
        });
    };
    (0..LEVELS)
        .map(|depth| {
            let name = format!("{prefix}_{}", depth + 1);
            move || {
                let level = levels.with(|all| all.get(depth).cloned())?;
                let chosen = level.chosen;
                Some(view! {
                    <div class="field">
                        <label for=name.clone()>{level.label}</label>
                        <select id=name.clone() name=name.clone()
                            on:change=move |ev| choose(depth, event_target_value(&ev).parse().ok())>
                            <option value="">{blank}</option>
                            {level.options.into_iter().map(|p| view! {
                                <option value=p.id.to_string() selected=chosen == Some(p.id)>
                                    {format!("{} · {}", p.name_en, p.name_local)}
                                </option>
                            }).collect_view()}
                        </select>
                    </div>
                })
            }
        })
        .collect_view()
}

/// The directory's place filter as an island: on the directory (an islands page) the browser
/// runs only this part of the search form.
#[island]
pub fn DirectoryPlacePicker(levels: Vec<PickerLevel>) -> impl IntoView {
    view! { <LocationPicker prefix="location" levels blank="Any" /> }
}
