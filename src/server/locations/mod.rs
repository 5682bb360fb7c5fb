//! The location hierarchy: loading the shipped data and reading it.

pub mod import;
pub mod queries;
