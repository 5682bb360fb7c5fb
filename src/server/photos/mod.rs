//! Doctors' photos: checking and re-encoding uploads, and the upload and serving endpoints.

pub mod processing;
pub mod routes;
