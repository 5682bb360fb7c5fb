//! The doctor page's booking panel as an island: the only part of that page the browser runs.

use super::{DaySlotList, MonthCalendar, MonthOverview, SlotChoice, ZonePicker};
use crate::domain::schedule::TimeZone;
use crate::domain::schedule::calendar::Month;
use crate::ui::viewer_zone::ViewerZone;
use chrono::NaiveDate;
use leptos::prelude::*;

/// The zone picker, the month's calendar and the chosen day's times of one doctor, opening on
/// `from` (`None`: the current month).
#[island]
pub fn BookingCalendar(
    doctor_id: i64,
    doctor_zone: TimeZone,
    from: Option<NaiveDate>,
) -> impl IntoView {
    crate::ui::islands::provide_island_context();
    let viewer = ViewerZone::get();
    let zone = Signal::derive(move || viewer.or(doctor_zone));
    let selected = RwSignal::new(from);
    let overview =
        MonthOverview::new(move || Some(doctor_id), move || viewer.known(), from.map(Month::of));
    view! {
        <section class="card booking">
            <ZonePicker zone />
            <MonthCalendar overview selected />
            <p class="hint">"Choose a time to hold it for you while you confirm. Booking needs a patient account."</p>
            <DaySlotList doctor_id doctor_zone zone date=selected choice=SlotChoice::Book />
        </section>
    }
}
