//! The time zone times are shown in: chosen by the viewer, else detected by the browser.
//!
//! It is kept in the `medibook_tz` cookie so that the server renders the same times the browser
//! will show after hydration.

use super::browser;
use crate::domain::schedule::TimeZone;
use leptos::prelude::*;

/// Name of the cookie remembering the viewer's zone.
pub const COOKIE: &str = "medibook_tz";

/// The viewer's zone, `None` until known (pages then use the doctor's zone).
#[derive(Clone, Copy)]
pub struct ViewerZone(RwSignal<Option<TimeZone>>);

impl ViewerZone {
    /// Provides the zone from the cookie; after hydration, detects it if there was none.
    pub fn provide() {
        let zone = ViewerZone(RwSignal::new(initial()));
        provide_context(zone);
        Effect::new(move |_| {
            if zone.0.get_untracked().is_none()
                && let Some(detected) =
                    browser::detected_time_zone().as_deref().and_then(TimeZone::parse)
            {
                zone.set(detected);
            }
        });
    }

    /// The zone provided by the app.
    pub fn get() -> ViewerZone {
        expect_context::<ViewerZone>()
    }

    /// The viewer's zone, or `fallback` while unknown.
    pub fn or(self, fallback: TimeZone) -> TimeZone {
        self.0.get().unwrap_or(fallback)
    }

    /// The viewer's zone, if known yet.
    pub fn known(self) -> Option<TimeZone> {
        self.0.get()
    }

    /// Chooses a zone (and remembers it).
    pub fn set(self, zone: TimeZone) {
        browser::write_cookie(COOKIE, zone.name());
        self.0.set(Some(zone));
    }
}

#[cfg(feature = "ssr")]
fn initial() -> Option<TimeZone> {
    let parts = use_context::<axum::http::request::Parts>()?;
    let header = parts.headers.get(axum::http::header::COOKIE)?.to_str().ok()?;
    TimeZone::parse(&browser::cookie_value(header, COOKIE)?)
}

#[cfg(not(feature = "ssr"))]
fn initial() -> Option<TimeZone> {
    #[cfg(feature = "hydrate")]
    {
        browser::read_cookie(COOKIE).as_deref().and_then(TimeZone::parse)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}
