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
use leptos::server_fn::codec::JsonEncoding;
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
    /// The account was deactivated by an admin.
    #[error("account deactivated")]
    AccountDeactivated,
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
    /// The same payment is still being processed (a retry arrived while the first ran).
    #[error("payment in progress")]
    PaymentInProgress,
    /// The doctor's earnings (less requests waiting for approval) do not cover the withdrawal.
    #[error("insufficient earnings")]
    InsufficientEarnings,
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
        match self {
            AppError::Invalid(_) => "invalid_input",
            AppError::Unauthenticated => "unauthenticated",
            AppError::Forbidden => "forbidden",
            AppError::NotFound => "not_found",
            AppError::InvalidCredentials => "invalid_credentials",
            AppError::AccountDeactivated => "account_deactivated",
            AppError::CrossOrigin => "cross_origin",
            AppError::BadRequest => "bad_request",
            AppError::SlotRefused(reason) => reason.code(),
            AppError::PatientBusy => "patient_busy",
            AppError::HoldExpired => "hold_expired",
            AppError::AppointmentChanged => "appointment_changed",
            AppError::VisitNotStarted => "visit_not_started",
            AppError::VisitStarted => "visit_started",
            AppError::WrongCode { .. } => "wrong_code",
            AppError::CodeRefused(CodeRefusal::NoCode) => "no_code",
            AppError::CodeRefused(CodeRefusal::Expired) => "code_expired",
            AppError::CodeRefused(CodeRefusal::TooManyAttempts) => "code_dead",
            AppError::ResendRefused(ResendRefusal::TooSoon { .. }) => "resend_too_soon",
            AppError::ResendRefused(ResendRefusal::HourlyCap { .. }) => "resend_capped",
            AppError::EmailNotVerified => "email_not_verified",
            AppError::ResetCodeInvalid => "reset_code_invalid",
            AppError::InsufficientFunds => "insufficient_funds",
            AppError::CardDeclined => "card_declined",
            AppError::PaymentProcessorError => "payment_processor_error",
            AppError::PaymentInProgress => "payment_in_progress",
            AppError::InsufficientEarnings => "insufficient_earnings",
            AppError::Network => "network",
            AppError::Internal => "internal",
        }
    }

    /// HTTP status that goes with the error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid(_) | AppError::BadRequest => 400,
            AppError::Unauthenticated | AppError::InvalidCredentials => 401,
            AppError::Forbidden | AppError::AccountDeactivated | AppError::CrossOrigin => 403,
            AppError::NotFound => 404,
            AppError::SlotRefused(SlotRefusal::Taken)
            | AppError::PatientBusy
            | AppError::HoldExpired
            | AppError::AppointmentChanged => 409,
            AppError::VisitNotStarted | AppError::VisitStarted => 400,
            AppError::WrongCode { .. } | AppError::CodeRefused(_) => 400,
            AppError::ResetCodeInvalid => 400,
            AppError::ResendRefused(_) => 429,
            AppError::EmailNotVerified => 403,
            AppError::InsufficientFunds | AppError::InsufficientEarnings => 409,
            AppError::CardDeclined => 402,
            AppError::PaymentProcessorError => 502,
            AppError::PaymentInProgress => 409,
            AppError::SlotRefused(_) => 400,
            AppError::Network => 503,
            AppError::Internal => 500,
        }
    }

    /// A sentence for the person using the app.
    pub fn message(&self) -> &'static str {
        match self {
            AppError::Invalid(_) => "Please correct the highlighted fields.",
            AppError::Unauthenticated => "Please sign in to continue.",
            AppError::Forbidden => "You do not have permission to do that.",
            AppError::NotFound => "We could not find that.",
            AppError::InvalidCredentials => "The username/email or password is incorrect.",
            AppError::AccountDeactivated => {
                "This account has been deactivated. Please contact the clinic."
            }
            AppError::CrossOrigin => "This request came from another site and was refused.",
            AppError::BadRequest => "The request was incomplete or malformed. Please try again.",
            AppError::SlotRefused(reason) => reason.message(),
            AppError::PatientBusy => "You already have an appointment at that time.",
            AppError::HoldExpired => {
                "Your hold on this time ran out. Please choose the time again."
            }
            AppError::AppointmentChanged => {
                "This appointment has changed meanwhile and can no longer be changed that way."
            }
            AppError::VisitNotStarted => {
                "The visit has not started yet: its outcome can be recorded from its start time."
            }
            AppError::VisitStarted => "This visit has already started.",
            AppError::WrongCode { .. } => {
                "That code is not right. Check the latest email from us and try again."
            }
            AppError::CodeRefused(CodeRefusal::NoCode) => {
                "There is no code waiting to be used. Ask for a new code."
            }
            AppError::CodeRefused(CodeRefusal::Expired) => {
                "That code has expired (codes are valid for 10 minutes). Ask for a new code."
            }
            AppError::CodeRefused(CodeRefusal::TooManyAttempts) => {
                "Too many wrong tries: that code no longer works. Ask for a new code."
            }
            AppError::ResendRefused(ResendRefusal::TooSoon { .. }) => {
                "A code was sent moments ago. Please wait a minute before asking again."
            }
            AppError::ResendRefused(ResendRefusal::HourlyCap { .. }) => {
                "You have asked for several codes this hour. Please try again later."
            }
            AppError::ResetCodeInvalid => {
                "That code does not work for this email address: it may be mistyped, used, \
                 expired or replaced by a newer one. Check the latest email or ask for a new code."
            }
            AppError::EmailNotVerified => {
                "Please verify your email address first: enter the code we emailed you."
            }
            AppError::InsufficientFunds => {
                "Your wallet balance does not cover the fee. Add money to your wallet or pay by card."
            }
            AppError::CardDeclined => {
                "Your card was declined by its bank and nothing was charged. Please use another card."
            }
            AppError::PaymentProcessorError => {
                "The card processor did not respond properly and nothing was charged. Please try again."
            }
            AppError::PaymentInProgress => {
                "This payment is still being processed. Please wait a moment and check your wallet."
            }
            AppError::InsufficientEarnings => {
                "Your available earnings (less withdrawals waiting for approval) do not cover that amount."
            }
            AppError::Network => "We could not reach the server. Check your connection and retry.",
            AppError::Internal => "Something went wrong on our side. Please try again shortly.",
        }
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

    /// Reads an error back from query-string pairs written by [`AppError::to_query`].
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
        Some(match code? {
            "invalid_input" => AppError::Invalid(fields),
            "unauthenticated" => AppError::Unauthenticated,
            "forbidden" => AppError::Forbidden,
            "not_found" => AppError::NotFound,
            "invalid_credentials" => AppError::InvalidCredentials,
            "account_deactivated" => AppError::AccountDeactivated,
            "cross_origin" => AppError::CrossOrigin,
            "bad_request" => AppError::BadRequest,
            "network" => AppError::Network,
            "patient_busy" => AppError::PatientBusy,
            "hold_expired" => AppError::HoldExpired,
            "appointment_changed" => AppError::AppointmentChanged,
            "visit_not_started" => AppError::VisitNotStarted,
            "visit_started" => AppError::VisitStarted,
            "wrong_code" => AppError::WrongCode { attempts_left: 0 },
            "no_code" => AppError::CodeRefused(CodeRefusal::NoCode),
            "code_expired" => AppError::CodeRefused(CodeRefusal::Expired),
            "code_dead" => AppError::CodeRefused(CodeRefusal::TooManyAttempts),
            "resend_too_soon" => {
                AppError::ResendRefused(ResendRefusal::TooSoon { wait_seconds: 0 })
            }
            "resend_capped" => {
                AppError::ResendRefused(ResendRefusal::HourlyCap { wait_seconds: 0 })
            }
            "email_not_verified" => AppError::EmailNotVerified,
            "reset_code_invalid" => AppError::ResetCodeInvalid,
            "insufficient_funds" => AppError::InsufficientFunds,
            "card_declined" => AppError::CardDeclined,
            "payment_processor_error" => AppError::PaymentProcessorError,
            "payment_in_progress" => AppError::PaymentInProgress,
            "insufficient_earnings" => AppError::InsufficientEarnings,
            other => SlotRefusal::ALL
                .into_iter()
                .find(|r| r.code() == other)
                .map_or(AppError::Internal, AppError::SlotRefused),
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
    type Encoder = JsonEncoding;

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
mod tests {
    use super::*;

    #[test]
    fn an_error_survives_the_query_string_round_trip() {
        let error = AppError::Invalid(vec![
            FieldError::new(Field::Email, FieldErrorCode::Taken),
            FieldError::new(Field::Password, FieldErrorCode::TooShort),
        ]);
        let pairs = error.to_query();
        let back = AppError::from_query(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(back, Some(error));
        let simple = AppError::InvalidCredentials.to_query();
        let back = AppError::from_query(simple.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(back, Some(AppError::InvalidCredentials));
    }

    #[test]
    fn argument_errors_become_bad_request() {
        let error = AppError::from_server_fn_error(ServerFnErrorErr::Args("x".into()));
        assert_eq!(error, AppError::BadRequest);
        assert_eq!(error.status(), 400);
    }
}
