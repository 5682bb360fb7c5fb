//! Every error walked: its code, sentence, status and both wire forms.

use super::*;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
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
        | AppError::TokenInvalid
        | AppError::AccountDeactivated
        | AppError::ProviderSignInExpired
        | AppError::ProviderAlreadyLinked
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
        | AppError::CardPaymentsUnavailable
        | AppError::InsufficientEarnings
        | AppError::RefundRefused
        | AppError::RateLimited { .. }
        | AppError::TooManyAppointments
        | AppError::ReviewNotAllowed
        | AppError::AlreadyReviewed
        | AppError::ReviewEditClosed
        | AppError::AlreadyAnswered
        | AppError::AccountHasUpcomingVisits
        | AppError::AccountHoldsMoney
        | AppError::NoteNotAllowed
        | AppError::NoteClosed
        | AppError::NoteStillOpen
        | AppError::TooLarge
        | AppError::UnknownHost
        | AppError::Busy
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
