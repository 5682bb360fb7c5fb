//! Shows and changes the time zone times are displayed in.

use crate::domain::schedule::TimeZone;
use crate::ui::viewer_zone::ViewerZone;
use crate::ui::zones;
use leptos::prelude::*;

/// "Times in Europe/London" with a select to change it.
#[component]
pub fn ZonePicker(#[prop(into)] zone: Signal<TimeZone>) -> impl IntoView {
    let viewer = ViewerZone::get();
    view! {
        <div class="zone-picker">
            <label for="viewer-zone">"Times shown in"</label>
            <select
                id="viewer-zone"
                on:change=move |ev| {
                    if let Some(chosen) = TimeZone::parse(&event_target_value(&ev)) {
                        viewer.set(chosen);
                    }
                }
            >
                {move || {
                    let current = zone.get().name();
                    zones::with(current)
                        .into_iter()
                        .map(|name| {
                            let selected = name == current;
                            view! { <option value=name.clone() selected=selected>{name.replace('_', " ")}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
