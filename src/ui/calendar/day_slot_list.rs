//! The free times of the chosen day.

use crate::api::day_slots::day_slots;
use crate::api::hold_slot::HoldSlot;
use crate::api::reschedule_appointment::RescheduleAppointment;
use crate::domain::AppointmentId;
use crate::domain::schedule::TimeZone;
use crate::ui::components::{FormAction, PostForm};
use crate::ui::components::{FormAlert, use_form_error};
use crate::ui::format;
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;

/// What choosing a slot does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotChoice {
    /// Hold it for the signed-in patient and go to the confirmation step.
    Book,
    /// Move this appointment there.
    Reschedule(AppointmentId),
}

/// The slots of `date` in the viewer's zone, with the doctor's local time when it differs. Each
/// slot is a button (a plain form, so it works before the wasm loads).
#[component]
pub fn DaySlotList(
    doctor_id: i64,
    doctor_zone: TimeZone,
    #[prop(into)] zone: Signal<TimeZone>,
    #[prop(into)] date: Signal<Option<NaiveDate>>,
    choice: SlotChoice,
) -> impl IntoView {
    let hold = FormAction::<HoldSlot>::new();
    let reschedule = FormAction::<RescheduleAppointment>::new();
    let hold_error = use_form_error(hold.value());
    let reschedule_error = use_form_error(reschedule.value());
    let error = Signal::derive(move || match choice {
        SlotChoice::Book => hold_error.get(),
        SlotChoice::Reschedule(_) => reschedule_error.get(),
    });
    let slots = Resource::new(
        move || (date.get(), zone.get().name().to_owned(), hold.version().get()),
        move |(date, zone, _)| async move {
            match date {
                Some(date) => day_slots(doctor_id, date.to_string(), zone).await.map(Some),
                None => Ok(None),
            }
        },
    );
    view! {
        <section class="slots" aria-live="polite" data-testid="day-slots">
            <FormAlert error />
            <Transition fallback=|| view! { <p class="loading">"Loading times…"</p> }>
                {move || Suspend::new(async move {
                    match slots.await {
                        Ok(None) => view! { <p class="muted">"Choose a day to see its free times."</p> }.into_any(),
                        Ok(Some(day)) => {
                            let viewer = day.time_zone;
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
                                                let abbreviation = viewer.offset_label(slot.start);
                                                let doctor_time = differs.then(|| format!(
                                                    "{} {} for the doctor",
                                                    format::time_in(doctor_zone, slot.start),
                                                    doctor_zone.offset_label(slot.start),
                                                ));
                                                let label = view! {
                                                    <span class="slot-time">{local}" "<small>{abbreviation}</small></span>
                                                    {doctor_time.map(|t| view! { <span class="slot-doctor-time">{t}</span> })}
                                                };
                                                view! {
                                                    <li class="slot" data-start=slot.start.to_rfc3339()>
                                                        <SlotButton doctor_id start=slot.start choice hold reschedule>{label}</SlotButton>
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

/// One slot as a submit button of the form that books or moves to it.
#[component]
fn SlotButton(
    doctor_id: i64,
    start: DateTime<Utc>,
    choice: SlotChoice,
    hold: FormAction<HoldSlot>,
    reschedule: FormAction<RescheduleAppointment>,
    children: Children,
) -> impl IntoView {
    let start = start.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    match choice {
        SlotChoice::Book => view! {
            <PostForm action=hold attr:class="slot-form">
                <input type="hidden" name="doctor_id" value=doctor_id.to_string() />
                <input type="hidden" name="start" value=start />
                <button type="submit" class="slot-button" disabled=move || hold.pending().get()>{children()}</button>
            </PostForm>
        }
        .into_any(),
        SlotChoice::Reschedule(appointment) => view! {
            <PostForm action=reschedule attr:class="slot-form">
                <input type="hidden" name="appointment_id" value=appointment.to_string() />
                <input type="hidden" name="start" value=start />
                <button type="submit" class="slot-button" disabled=move || reschedule.pending().get()>{children()}</button>
            </PostForm>
        }
        .into_any(),
    }
}
