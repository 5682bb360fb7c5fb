//! The month a calendar shows and its free-slot counts, loaded where the page loads its data.
//!
//! Create it where the server walks once: at a page's top, outside any `<Suspense>` (the
//! reschedule page), or in an island under a `Suspend` given to its `<Transition>` itself (the
//! doctor page). A resource inside a closure that returns a `Suspend` is created again on each of
//! the server's two walks of it, so the month would be computed and sent in the data twice.

use crate::api::month_availability::month_availability;
use crate::domain::schedule::TimeZone;
use crate::domain::schedule::calendar::Month;
use crate::dto::availability_views::MonthAvailabilityView;
use crate::error::AppError;
use leptos::prelude::*;

/// The shown month (`None`: the current one) and its counts.
#[derive(Clone, Copy)]
pub struct MonthOverview {
    /// The month asked for; `None` lets the server pick the current month in the zone.
    pub month: RwSignal<Option<Month>>,
    /// The counts of that month, with "today" in the zone.
    pub data: Resource<Result<MonthAvailabilityView, AppError>>,
}

impl MonthOverview {
    /// The overview of `doctor` (while unknown: "not found") in the viewer's `zone` (while
    /// unknown: the doctor's own), opening at `first` (`None`: the current month).
    pub fn new(
        doctor: impl Fn() -> Option<i64> + Send + Sync + 'static,
        zone: impl Fn() -> Option<TimeZone> + Send + Sync + 'static,
        first: Option<Month>,
    ) -> MonthOverview {
        let month = RwSignal::new(first);
        let data = Resource::new(
            move || (doctor(), month.get().map(Month::key), zone().map(|z| z.name().to_owned())),
            |(doctor, month, zone)| async move {
                match doctor {
                    Some(doctor) => month_availability(doctor, month, zone).await,
                    None => Err(AppError::NotFound),
                }
            },
        );
        MonthOverview { month, data }
    }
}
