//! Leptos components and pages. No SQL and no business rules: they call server functions and
//! reuse `domain` for instant feedback.

pub mod appointments;
pub mod auth;
pub mod browser;
pub mod calendar;
pub mod charts;
pub mod components;
pub mod format;
pub mod islands;
pub mod layout;
pub mod lazy_pages;
pub mod leaving_page;
pub mod notices;
pub mod pages;
pub mod schedule;
pub mod viewer_zone;
pub mod zones;
