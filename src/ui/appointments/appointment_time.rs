//! When an appointment is, in the viewer's zone and (when different) the doctor's.

use crate::domain::schedule::TimeZone;
use crate::ui::format;
use crate::ui::viewer_zone::ViewerZone;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// The start of an appointment for the viewer, with the doctor's local time when it differs.
#[component]
pub fn AppointmentTime(start: DateTime<Utc>, doctor_time_zone: TimeZone) -> impl IntoView {
    let doctor_zone = doctor_time_zone;
    let viewer = ViewerZone::get();
    move || {
        let zone = viewer.or(doctor_zone);
        let doctor_time = (zone != doctor_zone)
            .then(|| format!("{} for the doctor", format::when_in(doctor_zone, start)));
        view! {
            <span class="appointment-time">
                <time datetime=start.to_rfc3339()>{format::when_in(zone, start)}</time>
                {doctor_time.map(|t| view! { <small class="muted">" · "{t}</small> })}
            </span>
        }
    }
}
