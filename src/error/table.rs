//! The one table of every error: its stable code, HTTP status and the sentence the UI shows,
//! and one example of each kind for the tests and for reading codes back.

use super::AppError;
use crate::domain::booking::SlotRefusal;
use crate::domain::otp::{CodeRefusal, ResendRefusal};

/// How an error is shown: its stable code, HTTP status and the sentence the UI shows.
pub(super) struct Spec {
    pub(super) code: &'static str,
    pub(super) status: u16,
    pub(super) message: &'static str,
}

const fn spec(code: &'static str, status: u16, message: &'static str) -> Spec {
    Spec { code, status, message }
}

impl AppError {
    /// The one table of every error: code, HTTP status and message.
    pub(super) fn spec(&self) -> Spec {
        use AppError as E;
        match self {
            E::Invalid(_) => spec("invalid_input", 400, "Please correct the highlighted fields."),
            E::Unauthenticated => spec("unauthenticated", 401, "Please sign in to continue."),
            E::Forbidden => spec("forbidden", 403, "You do not have permission to do that."),
            E::NotFound => spec("not_found", 404, "We could not find that."),
            E::InvalidCredentials => {
                spec("invalid_credentials", 401, "The username/email or password is incorrect.")
            }
            E::TokenInvalid => spec(
                "token_invalid",
                401,
                "This token is invalid, expired or revoked. Please sign in again.",
            ),
            E::ProviderSignInExpired => spec(
                "provider_sign_in_expired",
                401,
                "This sign-in is no longer waiting. Start again with the provider's button.",
            ),
            E::ProviderAlreadyLinked => spec(
                "provider_already_linked",
                409,
                "This account is already linked to another account at this provider.",
            ),
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
            E::CardPaymentsUnavailable => spec(
                "card_payments_unavailable",
                409,
                "This clinic does not take card payments online. Please pay from your wallet or at the reception.",
            ),
            E::PaymentInProgress => spec(
                "payment_in_progress",
                409,
                "This payment is still being processed. Please wait a moment and check your wallet.",
            ),
            E::RefundRefused => spec(
                "refund_refused",
                402,
                "The card's bank did not accept the refund, so the amount is back in your wallet. \
                 Try the card of another deposit, or ask the clinic.",
            ),
            E::InsufficientEarnings => spec(
                "insufficient_earnings",
                409,
                "Your available earnings (less withdrawals waiting for approval) do not cover that amount.",
            ),
            E::RateLimited { .. } => spec(
                "rate_limited",
                429,
                "Too many attempts in a short time. Please wait a little and try again.",
            ),
            E::TooManyAppointments => spec(
                "too_many_appointments",
                409,
                "You already have as many upcoming appointments as one patient may hold. Cancel one, or wait until one has taken place.",
            ),
            E::TooLarge => spec(
                "too_large",
                413,
                "That is more than this form can take. Please shorten what you entered and try again.",
            ),
            E::UnknownHost => spec(
                "unknown_host",
                421,
                "This server does not answer for that address. Please use the clinic's own address.",
            ),
            E::Busy => spec(
                "busy",
                503,
                "The server could not prepare this page just now. Please try again in a moment.",
            ),
            E::Network => spec(
                "network",
                503,
                "We could not reach the server. Check your connection and retry.",
            ),
            E::ReviewNotAllowed => spec(
                "review_not_allowed",
                403,
                "Only the patient of a completed visit can review it.",
            ),
            E::AlreadyReviewed => spec(
                "already_reviewed",
                409,
                "You have already reviewed this visit: edit your review instead.",
            ),
            E::ReviewEditClosed => spec(
                "review_edit_closed",
                409,
                "A review can be changed only in the 14 days after it was written.",
            ),
            E::AlreadyAnswered => {
                spec("already_answered", 409, "This review has been answered already.")
            }
            E::AccountHasUpcomingVisits => spec(
                "account_has_upcoming_visits",
                409,
                "You have appointments still to come: cancel them before closing your account.",
            ),
            E::AccountHoldsMoney => spec(
                "account_holds_money",
                409,
                "Money is still held for you: withdraw your earnings (doctors), or spend your \
                 wallet or ask the clinic to refund it (patients), before closing your account.",
            ),
            E::NoteNotAllowed => spec(
                "note_not_allowed",
                403,
                "Only the doctor of a confirmed or completed visit writes its notes.",
            ),
            E::NoteClosed => spec(
                "note_closed",
                409,
                "The 24 hours for changing this note have passed: add an addendum instead.",
            ),
            E::NoteStillOpen => spec(
                "note_still_open",
                409,
                "This note can still be edited for 24 hours after the visit: change it instead.",
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
            AppError::TokenInvalid,
            AppError::AccountDeactivated,
            AppError::ProviderSignInExpired,
            AppError::ProviderAlreadyLinked,
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
            AppError::CardPaymentsUnavailable,
            AppError::InsufficientEarnings,
            AppError::RefundRefused,
            AppError::RateLimited { retry_after_seconds: 0 },
            AppError::TooManyAppointments,
            AppError::ReviewNotAllowed,
            AppError::AlreadyReviewed,
            AppError::ReviewEditClosed,
            AppError::AlreadyAnswered,
            AppError::AccountHasUpcomingVisits,
            AppError::AccountHoldsMoney,
            AppError::NoteNotAllowed,
            AppError::NoteClosed,
            AppError::NoteStillOpen,
            AppError::TooLarge,
            AppError::UnknownHost,
            AppError::Busy,
            AppError::Network,
            AppError::Internal,
        ];
        all.extend(SlotRefusal::ALL.map(AppError::SlotRefused));
        all
    }
}
