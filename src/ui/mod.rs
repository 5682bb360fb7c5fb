//! Leptos components and pages. No SQL and no business rules: they call server functions and
//! reuse `domain` for instant feedback.

pub mod auth;
pub mod components;
pub mod format;
pub mod layout;
pub mod pages;
