//! Payments on the server: the card processor behind a trait.

pub mod provider;
