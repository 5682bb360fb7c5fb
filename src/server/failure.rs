//! Turning an unexpected failure into `AppError::Internal`, logging the cause.

use crate::error::AppError;

/// Logs `cause` with what was being done, and returns the opaque internal error.
pub fn internal(doing: &str, cause: impl std::fmt::Display) -> AppError {
    tracing::error!(%cause, "{doing} failed");
    AppError::Internal
}
