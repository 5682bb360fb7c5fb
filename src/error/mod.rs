//! The one error type every server function returns, with stable codes the UI words.
//!
//! Causes (database errors, IO) are logged on the server and never sent: the client only learns
//! the code. Plain HTML form posts (before the wasm has loaded) carry the code back in the query
//! string, see [`AppError::to_query`].

use crate::domain::booking::{SlotRefusal, TransitionError};
use crate::domain::otp::{CodeRefusal, ResendRefusal};
use crate::domain::{
    FieldError,
    field_error::{Field, FieldErrorCode},
};
mod table;

use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// Everything that can go wrong in a request, as the client sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// One or more fields were refused.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// The request needs a signed-in user.
    #[error("sign-in required")]
    Unauthenticated,
    /// The signed-in user may not do this.
    #[error("forbidden")]
    Forbidden,
    /// The thing does not exist, or belongs to someone else.
    #[error("not found")]
    NotFound,
    /// Unknown user or wrong password (deliberately indistinguishable).
    #[error("invalid credentials")]
    InvalidCredentials,
    /// An API token (access or refresh) is malformed, expired, revoked, or was already used.
    #[error("token invalid")]
    TokenInvalid,
    /// The account was deactivated by an admin.
    #[error("account deactivated")]
    AccountDeactivated,
    /// No sign-in through the provider is waiting in this browser (never started, finished,
    /// or too old).
    #[error("provider sign-in expired")]
    ProviderSignInExpired,
    /// The account is already linked to another identity at this provider.
    #[error("provider identity already linked")]
    ProviderAlreadyLinked,
    /// The request came from another site.
    #[error("cross-origin request refused")]
    CrossOrigin,
    /// The request could not be understood (missing or mistyped arguments).
    #[error("malformed request")]
    BadRequest,
    /// A requested appointment time cannot be booked, for this reason.
    #[error("slot refused")]
    SlotRefused(SlotRefusal),
    /// The patient already has an appointment overlapping this time.
    #[error("patient busy")]
    PatientBusy,
    /// The patient's hold on a time ran out (or was let go) before they booked.
    #[error("hold expired")]
    HoldExpired,
    /// The appointment's status no longer allows this change (someone acted first).
    #[error("appointment changed")]
    AppointmentChanged,
    /// A visit's outcome can only be recorded once it has started.
    #[error("visit not started")]
    VisitNotStarted,
    /// The visit has already started, so it can no longer be accepted, moved or cancelled by the patient.
    #[error("visit started")]
    VisitStarted,
    /// The code typed does not match; this many guesses are left.
    #[error("wrong code")]
    WrongCode { attempts_left: u32 },
    /// The code cannot be checked any more (none sent, used, expired, or too many guesses).
    #[error("code refused")]
    CodeRefused(CodeRefusal),
    /// No new code is sent yet.
    #[error("resend refused")]
    ResendRefused(ResendRefusal),
    /// A password reset's address and code do not go together (wrong, used, expired, dead, or
    /// no such account: deliberately one answer).
    #[error("reset code invalid")]
    ResetCodeInvalid,
    /// The account's email address must be verified first.
    #[error("email not verified")]
    EmailNotVerified,
    /// The wallet holds less than the fee.
    #[error("insufficient funds")]
    InsufficientFunds,
    /// The card's bank refused the charge.
    #[error("card declined")]
    CardDeclined,
    /// The card processor failed; nothing was charged.
    #[error("payment processor error")]
    PaymentProcessorError,
    /// This clinic has no card processor: cards are not taken.
    #[error("card payments unavailable")]
    CardPaymentsUnavailable,
    /// The same payment is still being processed (a retry arrived while the first ran).
    #[error("payment in progress")]
    PaymentInProgress,
    /// The card's bank refused a refund of wallet credit; the money is back in the wallet.
    #[error("refund refused")]
    RefundRefused,
    /// The doctor's earnings (less requests waiting for approval) do not cover the withdrawal.
    #[error("insufficient earnings")]
    InsufficientEarnings,
    /// Too many requests of this kind from this client, account or patient: wait this long.
    #[error("rate limited")]
    RateLimited { retry_after_seconds: u64 },
    /// The patient already has as many upcoming appointments as one patient may hold.
    #[error("too many appointments")]
    TooManyAppointments,
    /// The request's body is larger than this kind of request takes.
    #[error("request too large")]
    TooLarge,
    /// Only the patient of a completed visit reviews it.
    #[error("review not allowed")]
    ReviewNotAllowed,
    /// This visit has a review already (edit it instead).
    #[error("already reviewed")]
    AlreadyReviewed,
    /// The review's 14 days of editing are over.
    #[error("review edit closed")]
    ReviewEditClosed,
    /// The doctor has answered this review already.
    #[error("already answered")]
    AlreadyAnswered,
    /// An account with appointments still to come cannot be closed.
    #[error("account has upcoming visits")]
    AccountHasUpcomingVisits,
    /// An account that money is still held for cannot be closed.
    #[error("account holds money")]
    AccountHoldsMoney,
    /// Only the visit's doctor writes its note, once it is confirmed (not cancelled).
    #[error("note not allowed")]
    NoteNotAllowed,
    /// The note's 24 hours of editing after the visit are over: add an addendum.
    #[error("note closed")]
    NoteClosed,
    /// The note can still be edited, so there is nothing to add an addendum to yet.
    #[error("note still open")]
    NoteStillOpen,
    /// The request named a host this site does not answer for (DNS rebinding, a stray proxy).
    #[error("unknown host")]
    UnknownHost,
    /// The server could not finish the page in time (its renders stalled): retry in a moment.
    #[error("server busy")]
    Busy,
    /// The browser could not reach the server.
    #[error("network error")]
    Network,
    /// Something failed on the server; the cause is in the server log.
    #[error("internal error")]
    Internal,
}

impl AppError {
    /// A single refused field.
    pub fn field(field: Field, code: FieldErrorCode) -> AppError {
        AppError::Invalid(vec![FieldError::new(field, code)])
    }

    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        self.spec().code
    }

    /// HTTP status that goes with the error.
    pub fn status(&self) -> u16 {
        self.spec().status
    }

    /// A sentence for the person using the app.
    pub fn message(&self) -> &'static str {
        self.spec().message
    }

    /// Errors of one field, for display next to it.
    pub fn field_errors(&self, field: Field) -> Vec<FieldError> {
        match self {
            AppError::Invalid(errors) => {
                errors.iter().filter(|e| e.field == field).copied().collect()
            }
            _ => Vec::new(),
        }
    }

    /// Query-string pairs that carry this error back to a page after a plain form post.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut pairs = vec![("error", self.code().to_owned())];
        if let AppError::Invalid(errors) = self {
            pairs.extend(
                errors
                    .iter()
                    .map(|e| ("field_error", format!("{}:{}", e.field.as_str(), e.code.as_str()))),
            );
        }
        pairs
    }

    /// Reads an error back from query-string pairs written by [`AppError::to_query`]; an
    /// unknown code reads as `Internal`.
    pub fn from_query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<AppError> {
        let mut code = None;
        let mut fields = Vec::new();
        for (key, value) in pairs {
            match key {
                "error" => code = Some(value),
                "field_error" => {
                    let parsed = value.split_once(':').and_then(|(f, c)| {
                        Some(FieldError::new(Field::parse(f)?, FieldErrorCode::parse(c)?))
                    });
                    fields.extend(parsed);
                }
                _ => {}
            }
        }
        let code = code?;
        let error = AppError::examples().into_iter().find(|e| e.code() == code);
        Some(match error {
            Some(AppError::Invalid(_)) => AppError::Invalid(fields),
            Some(error) => error,
            None => AppError::Internal,
        })
    }
}

impl From<TransitionError> for AppError {
    fn from(error: TransitionError) -> Self {
        match error {
            TransitionError::Illegal => AppError::AppointmentChanged,
            TransitionError::NotAllowedFor => AppError::Forbidden,
            TransitionError::NotStartedYet => AppError::VisitNotStarted,
            TransitionError::AlreadyStarted => AppError::VisitStarted,
        }
    }
}

impl From<Vec<FieldError>> for AppError {
    fn from(errors: Vec<FieldError>) -> Self {
        AppError::Invalid(errors)
    }
}

impl From<FieldError> for AppError {
    fn from(error: FieldError) -> Self {
        AppError::Invalid(vec![error])
    }
}

impl FromServerFnError for AppError {
    type Encoder = crate::wire::TextJsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::BadRequest,
            ServerFnErrorErr::Request(_) => AppError::Network,
            _ => AppError::Internal,
        }
    }
}

#[cfg(test)]
mod tests;
