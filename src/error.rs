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

/// How an error is shown: its stable code, HTTP status and the sentence the UI shows.
struct Spec {
    code: &'static str,
    status: u16,
    message: &'static str,
}

const fn spec(code: &'static str, status: u16, message: &'static str) -> Spec {
    Spec { code, status, message }
}

impl AppError {
    /// A single refused field.
    pub fn field(field: Field, code: FieldErrorCode) -> AppError {
        AppError::Invalid(vec![FieldError::new(field, code)])
    }

    /// The one table of every error: code, HTTP status and message.
    fn spec(&self) -> Spec {
        use AppError as E;
        match self {
            E::Invalid(_) => spec("invalid_input", 400, "Please correct the highlighted fields."),
            E::Unauthenticated => spec("unauthenticated", 401, "Please sign in to continue."),
            E::Forbidden => spec("forbidden", 403, "You do not have permission to do that."),
            E::NotFound => spec("not_found", 404, "We could not find that."),
            E::InvalidCredentials => {
                spec("invalid_credentials", 401, "The username/email or password is incorrect.")
            }
            E::AccountDeactivated => spec(
                "account_deactivated",
                403,
                "This account has been deactivated. Please contact the clinic.",
            ),
            E::CrossOrigin => {
                spec("cross_origin", 403, "This request came from another site and was refused.")
            }
            E::BadRequest => spec(
                "bad_request",
                400,
                "The request was incomplete or malformed. Please try again.",
            ),
            E::SlotRefused(reason) => spec(
                reason.code(),
                if *reason == SlotRefusal::Taken { 409 } else { 400 },
                reason.message(),
            ),
            E::PatientBusy => {
                spec("patient_busy", 409, "You already have an appointment at that time.")
            }
            E::HoldExpired => spec(
                "hold_expired",
                409,
                "Your hold on this time ran out. Please choose the time again.",
            ),
            E::AppointmentChanged => spec(
                "appointment_changed",
                409,
                "This appointment has changed meanwhile and can no longer be changed that way.",
            ),
            E::VisitNotStarted => spec(
                "visit_not_started",
                400,
                "The visit has not started yet: its outcome can be recorded from its start time.",
            ),
            E::VisitStarted => spec("visit_started", 400, "This visit has already started."),
            E::WrongCode { .. } => spec(
                "wrong_code",
                400,
                "That code is not right. Check the latest email from us and try again.",
            ),
            E::CodeRefused(CodeRefusal::NoCode) => {
                spec("no_code", 400, "There is no code waiting to be used. Ask for a new code.")
            }
            E::CodeRefused(CodeRefusal::Expired) => spec(
                "code_expired",
                400,
                "That code has expired (codes are valid for 10 minutes). Ask for a new code.",
            ),
            E::CodeRefused(CodeRefusal::TooManyAttempts) => spec(
                "code_dead",
                400,
                "Too many wrong tries: that code no longer works. Ask for a new code.",
            ),
            E::ResendRefused(ResendRefusal::TooSoon { .. }) => spec(
                "resend_too_soon",
                429,
                "A code was sent moments ago. Please wait a minute before asking again.",
            ),
            E::ResendRefused(ResendRefusal::HourlyCap { .. }) => spec(
                "resend_capped",
                429,
                "You have asked for several codes this hour. Please try again later.",
            ),
            E::ResetCodeInvalid => spec(
                "reset_code_invalid",
                400,
                "That code does not work for this email address: it may be mistyped, used, \
                 expired or replaced by a newer one. Check the latest email or ask for a new code.",
            ),
            E::EmailNotVerified => spec(
                "email_not_verified",
                403,
                "Please verify your email address first: enter the code we emailed you.",
            ),
            E::InsufficientFunds => spec(
                "insufficient_funds",
                409,
                "Your wallet balance does not cover the fee. Add money to your wallet or pay by card.",
            ),
            E::CardDeclined => spec(
                "card_declined",
                402,
                "Your card was declined by its bank and nothing was charged. Please use another card.",
            ),
            E::PaymentProcessorError => spec(
                "payment_processor_error",
                502,
                "The card processor did not respond properly and nothing was charged. Please try again.",
            ),
            E::PaymentInProgress => spec(
                "payment_in_progress",
                409,
                "This payment is still being processed. Please wait a moment and check your wallet.",
            ),
            E::InsufficientEarnings => spec(
                "insufficient_earnings",
                409,
                "Your available earnings (less withdrawals waiting for approval) do not cover that amount.",
            ),
            E::Network => spec(
                "network",
                503,
                "We could not reach the server. Check your connection and retry.",
            ),
            E::Internal => {
                spec("internal", 500, "Something went wrong on our side. Please try again shortly.")
            }
        }
    }

    /// One error of every kind (data-carrying ones with the data a query string keeps): what
    /// [`AppError::from_query`] reads codes back into, and what the tests walk.
    pub fn examples() -> Vec<AppError> {
        let mut all = vec![
            AppError::Invalid(Vec::new()),
            AppError::Unauthenticated,
            AppError::Forbidden,
            AppError::NotFound,
            AppError::InvalidCredentials,
            AppError::AccountDeactivated,
            AppError::CrossOrigin,
            AppError::BadRequest,
            AppError::PatientBusy,
            AppError::HoldExpired,
            AppError::AppointmentChanged,
            AppError::VisitNotStarted,
            AppError::VisitStarted,
            AppError::WrongCode { attempts_left: 0 },
            AppError::CodeRefused(CodeRefusal::NoCode),
            AppError::CodeRefused(CodeRefusal::Expired),
            AppError::CodeRefused(CodeRefusal::TooManyAttempts),
            AppError::ResendRefused(ResendRefusal::TooSoon { wait_seconds: 0 }),
            AppError::ResendRefused(ResendRefusal::HourlyCap { wait_seconds: 0 }),
            AppError::ResetCodeInvalid,
            AppError::EmailNotVerified,
            AppError::InsufficientFunds,
            AppError::CardDeclined,
            AppError::PaymentProcessorError,
            AppError::PaymentInProgress,
            AppError::InsufficientEarnings,
            AppError::Network,
            AppError::Internal,
        ];
        all.extend(SlotRefusal::ALL.map(AppError::SlotRefused));
        all
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
    use std::collections::BTreeSet;

    /// Fails to compile when a variant is added, as a reminder to add it to `examples()`.
    fn is_listed(error: &AppError) -> bool {
        let examples = AppError::examples();
        match error {
            AppError::Invalid(_)
            | AppError::Unauthenticated
            | AppError::Forbidden
            | AppError::NotFound
            | AppError::InvalidCredentials
            | AppError::AccountDeactivated
            | AppError::CrossOrigin
            | AppError::BadRequest
            | AppError::SlotRefused(_)
            | AppError::PatientBusy
            | AppError::HoldExpired
            | AppError::AppointmentChanged
            | AppError::VisitNotStarted
            | AppError::VisitStarted
            | AppError::WrongCode { .. }
            | AppError::CodeRefused(_)
            | AppError::ResendRefused(_)
            | AppError::ResetCodeInvalid
            | AppError::EmailNotVerified
            | AppError::InsufficientFunds
            | AppError::CardDeclined
            | AppError::PaymentProcessorError
            | AppError::PaymentInProgress
            | AppError::InsufficientEarnings
            | AppError::Network
            | AppError::Internal => examples.iter().any(|e| e.code() == error.code()),
        }
    }

    #[test]
    fn every_error_has_its_own_code_a_message_a_status_and_survives_the_query_string() {
        let examples = AppError::examples();
        let codes: BTreeSet<&str> = examples.iter().map(AppError::code).collect();
        assert_eq!(codes.len(), examples.len(), "codes are unique");
        for error in &examples {
            assert!(is_listed(error));
            assert!(error.message().ends_with('.'), "{} has a sentence", error.code());
            assert!((400..=599).contains(&error.status()), "{} has an error status", error.code());
            let pairs = error.to_query();
            let back = AppError::from_query(pairs.iter().map(|(k, v)| (*k, v.as_str())));
            assert_eq!(back.as_ref(), Some(error), "{} round-trips", error.code());
            let json = serde_json::to_string(error).expect("serializes");
            assert_eq!(&serde_json::from_str::<AppError>(&json).expect("deserializes"), error);
        }
    }

    #[test]
    fn refused_fields_survive_the_query_string_round_trip() {
        let error = AppError::Invalid(vec![
            FieldError::new(Field::Email, FieldErrorCode::Taken),
            FieldError::new(Field::Password, FieldErrorCode::TooShort),
        ]);
        let pairs = error.to_query();
        let back = AppError::from_query(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(back, Some(error));
    }

    #[test]
    fn an_unknown_code_reads_as_internal_and_no_code_as_none() {
        assert_eq!(AppError::from_query([("error", "gremlins")]), Some(AppError::Internal));
        assert_eq!(AppError::from_query([("page", "2")]), None);
    }

    #[test]
    fn argument_errors_become_bad_request() {
        let error = AppError::from_server_fn_error(ServerFnErrorErr::Args("x".into()));
        assert_eq!(error, AppError::BadRequest);
        assert_eq!(error.status(), 400);
    }
}
