//! The coming week's slots, computed in the browser by the same engine the server uses.

use crate::domain::schedule::calendar::count_by_local_date;
use crate::domain::schedule::{Busy, Schedule, available_slots};
use crate::ui::format;
use chrono::{Duration, Utc};
use leptos::prelude::*;

/// Days shown in the preview.
const PREVIEW_DAYS: i64 = 7;

/// What patients will be offered in the next week, for the schedule being edited.
#[component]
pub fn SlotPreview(
    #[prop(into)] schedule: Signal<Option<Schedule>>,
    busy: Vec<Busy>,
) -> impl IntoView {
    let days = move || {
        let schedule = schedule.get()?;
        let now = Utc::now();
        let slots = available_slots(&schedule, &busy, now, now + Duration::days(PREVIEW_DAYS), now);
        let zone = schedule.zone;
        let today = zone.local(now).date();
        let counts = count_by_local_date(&slots, zone);
        Some(
            (0..PREVIEW_DAYS)
                .map(|offset| {
                    let date = today + Duration::days(offset);
                    let times: Vec<String> = slots
                        .iter()
                        .filter(|s| zone.local(s.start).date() == date)
                        .map(|s| format::time_in(zone, s.start))
                        .collect();
                    (date, counts.get(&date).copied().unwrap_or(0), times)
                })
                .collect::<Vec<_>>(),
        )
    };
    view! {
        <section class="card preview" aria-labelledby="preview-heading" data-testid="slot-preview">
            <h2 id="preview-heading">"Next 7 days, as patients will see them"</h2>
            <p class="muted">"Updates as you type; not saved until you press Save."</p>
            {move || match days() {
                None => view! { <p class="alert alert-error">"Fix the highlighted hours to see the preview."</p> }.into_any(),
                Some(days) => view! {
                    <ul class="preview-days">
                        {days.into_iter().map(|(date, count, times)| view! {
                            <li data-date=date.to_string() data-count=count.to_string()>
                                <strong>{crate::domain::date_text::short_day(date)}</strong>
                                <span class="muted">{match count { 0 => "no slots".to_owned(), 1 => "1 slot".to_owned(), n => format!("{n} slots") }}</span>
                                <span class="preview-times">{times.join(" · ")}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}
