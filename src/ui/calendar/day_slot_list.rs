//! The free times of the chosen day.

use crate::api::day_slots::day_slots;
use crate::domain::schedule::TimeZone;
use crate::ui::format;
use chrono::NaiveDate;
use leptos::prelude::*;

/// The slots of `date` in the viewer's zone, with the doctor's local time when it differs.
#[component]
pub fn DaySlotList(
    doctor_id: i64,
    doctor_zone: TimeZone,
    #[prop(into)] zone: Signal<TimeZone>,
    #[prop(into)] date: Signal<Option<NaiveDate>>,
) -> impl IntoView {
    let slots = Resource::new(
        move || (date.get(), zone.get().name().to_owned()),
        move |(date, zone)| async move {
            match date {
                Some(date) => day_slots(doctor_id, date.to_string(), zone).await.map(Some),
                None => Ok(None),
            }
        },
    );
    view! {
        <section class="slots" aria-live="polite" data-testid="day-slots">
            <Transition fallback=|| view! { <p class="loading">"Loading times…"</p> }>
                {move || Suspend::new(async move {
                    match slots.await {
                        Ok(None) => view! { <p class="muted">"Choose a day to see its free times."</p> }.into_any(),
                        Ok(Some(day)) => {
                            let viewer = TimeZone::parse(&day.time_zone).unwrap_or(doctor_zone);
                            let differs = viewer != doctor_zone;
                            view! {
                                <h2>{format::long_date(day.date)}</h2>
                                {if day.slots.is_empty() {
                                    view! { <p>"No free times on this day."</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="slot-list">
                                            {day.slots.into_iter().map(|slot| {
                                                let local = format::time_in(viewer, slot.start);
                                                let abbreviation = viewer.abbreviation(slot.start);
                                                let doctor_time = differs.then(|| format!(
                                                    "{} {} for the doctor",
                                                    format::time_in(doctor_zone, slot.start),
                                                    doctor_zone.abbreviation(slot.start),
                                                ));
                                                view! {
                                                    <li class="slot" data-start=slot.start.to_rfc3339()>
                                                        <span class="slot-time">{local}" "<small>{abbreviation}</small></span>
                                                        {doctor_time.map(|t| view! { <span class="slot-doctor-time">{t}</span> })}
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            }.into_any()
                        }
                        Err(error) => view! { <p class="alert alert-error">{error.message()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
