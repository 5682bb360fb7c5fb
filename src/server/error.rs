//! The server's error: an answer the client is given ([`AppError`]), or a failure that keeps
//! what was being done, where, and the whole cause chain. A failure is logged once, where the
//! request is answered ([`ServerError::into_answer`]); the client only learns `internal`.

use crate::domain::FieldError;
use crate::domain::booking::TransitionError;
use crate::error::AppError;
use std::panic::Location;

/// What a service or server-side step can end with.
#[derive(Debug)]
pub enum ServerError {
    /// An expected refusal, told to the client as it is.
    App(AppError),
    /// Something failed; the cause stays on the server.
    Failed(Failure),
}

/// An unexpected failure: what was being done, where, and why (with its chain).
#[derive(Debug)]
pub struct Failure {
    pub doing: &'static str,
    pub location: &'static Location<'static>,
    pub cause: anyhow::Error,
}

/// A server-side result.
pub type ServerResult<T> = Result<T, ServerError>;

impl ServerError {
    /// A failure while `doing` something, caused by `cause`.
    #[track_caller]
    pub fn failed(doing: &'static str, cause: impl Into<anyhow::Error>) -> ServerError {
        ServerError::Failed(Failure { doing, location: Location::caller(), cause: cause.into() })
    }

    /// A failure while `doing` something because a fact we rely on did not hold.
    #[track_caller]
    pub fn broken(doing: &'static str, what: &'static str) -> ServerError {
        ServerError::failed(doing, anyhow::anyhow!(what))
    }

    /// The client's answer, if this is one (failures are `None`).
    pub fn app(&self) -> Option<&AppError> {
        match self {
            ServerError::App(error) => Some(error),
            ServerError::Failed(_) => None,
        }
    }

    /// The error the client is sent. A failure is logged here, with its chain and location:
    /// call this once, where the request is answered.
    pub fn into_answer(self) -> AppError {
        match self {
            ServerError::App(error) => error,
            ServerError::Failed(failure) => {
                failure.log();
                AppError::Internal
            }
        }
    }
}

impl Failure {
    /// Logs the failure: what was being done, where, and every cause in the chain.
    pub fn log(&self) {
        tracing::error!(
            doing = self.doing,
            at = %self.location,
            "{} failed: {:#}",
            self.doing,
            self.cause
        );
    }
}

impl std::fmt::Display for ServerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServerError::App(error) => write!(f, "{} ({})", error, error.code()),
            ServerError::Failed(failure) => {
                write!(f, "{} failed at {}: {:#}", failure.doing, failure.location, failure.cause)
            }
        }
    }
}

impl std::error::Error for ServerError {}

impl From<AppError> for ServerError {
    fn from(error: AppError) -> Self {
        ServerError::App(error)
    }
}

impl From<FieldError> for ServerError {
    fn from(error: FieldError) -> Self {
        ServerError::App(error.into())
    }
}

impl From<Vec<FieldError>> for ServerError {
    fn from(errors: Vec<FieldError>) -> Self {
        ServerError::App(errors.into())
    }
}

impl From<TransitionError> for ServerError {
    fn from(error: TransitionError) -> Self {
        ServerError::App(error.into())
    }
}

/// Names what was being done when a fallible step fails: `query.await.doing("booking a hold")?`.
pub trait Doing<T> {
    /// Turns the error into a [`Failure`] while `doing` this, located at the caller.
    fn doing(self, doing: &'static str) -> ServerResult<T>;
}

impl<T, E: Into<anyhow::Error>> Doing<T> for Result<T, E> {
    #[track_caller]
    fn doing(self, doing: &'static str) -> ServerResult<T> {
        let location = Location::caller();
        self.map_err(|cause| ServerError::Failed(Failure { doing, location, cause: cause.into() }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::anyhow;

    #[test]
    fn a_failure_keeps_its_chain_and_where_it_happened() {
        let inner: Result<(), anyhow::Error> = Err(anyhow!("disk full").context("writing page"));
        let error = inner.doing("booking a hold").expect_err("fails");
        let ServerError::Failed(failure) = &error else { panic!("a failure") };
        assert_eq!(failure.doing, "booking a hold");
        assert!(failure.location.file().ends_with("error.rs"));
        let shown = error.to_string();
        assert!(shown.contains("writing page: disk full"), "{shown}");
        assert_eq!(error.into_answer(), AppError::Internal);
    }

    #[test]
    fn a_refusal_reaches_the_client_unchanged() {
        let error = ServerError::from(AppError::HoldExpired);
        assert_eq!(error.app(), Some(&AppError::HoldExpired));
        assert_eq!(error.into_answer(), AppError::HoldExpired);
    }
}
