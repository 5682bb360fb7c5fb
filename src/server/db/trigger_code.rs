//! The codes our SQLite triggers raise (`RAISE(ABORT, 'MB_…')`), as one enum, and the one place
//! that says which of them the client is told about. `schema.sql` shows each trigger.

use crate::domain::booking::SlotRefusal;
use crate::domain::{Field, FieldErrorCode};
use crate::error::AppError;
use crate::server::error::ServerError;

macro_rules! trigger_codes {
    ($($variant:ident = $code:literal: $doc:literal,)*) => {
        /// A refusal raised by one of our triggers.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum TriggerCode {
            $(#[doc = $doc] $variant,)*
        }

        impl TriggerCode {
            /// Every code, in the order above.
            pub const ALL: &'static [TriggerCode] = &[$(TriggerCode::$variant,)*];

            /// The text the trigger raises.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(TriggerCode::$variant => $code,)*
                }
            }
        }
    };
}

trigger_codes! {
    RoleImmutable = "MB_ROLE_IMMUTABLE": "A user's role never changes.",
    DoctorRoleRequired = "MB_DOCTOR_ROLE_REQUIRED": "Doctor details belong to a doctor.",
    VerifierNotAdmin = "MB_VERIFIER_NOT_ADMIN": "Only an admin verifies a doctor.",
    HoursOverlap = "MB_HOURS_OVERLAP": "A doctor's working intervals never overlap.",
    DayOffHasNoHours = "MB_DAY_OFF_HAS_NO_HOURS": "A day off has no custom hours.",
    DoctorOverlap = "MB_DOCTOR_OVERLAP": "The doctor's time (with buffers) is taken.",
    PatientOverlap = "MB_PATIENT_OVERLAP": "The patient has another appointment then.",
    PatientRoleRequired = "MB_PATIENT_ROLE_REQUIRED": "Appointments and patient profiles are for patients.",
    IllegalTransition = "MB_ILLEGAL_TRANSITION": "That status change is not in the lifecycle.",
    AppointmentPartiesFixed = "MB_APPOINTMENT_PARTIES_FIXED": "Doctor and patient never change.",
    AppointmentsAreKept = "MB_APPOINTMENTS_ARE_KEPT": "Appointments are never deleted.",
    EventsAppendOnly = "MB_EVENTS_APPEND_ONLY": "The appointment event log is append-only.",
    LedgerUnbalanced = "MB_LEDGER_UNBALANCED": "A posted transaction's entries sum to zero.",
    LedgerClosed = "MB_LEDGER_CLOSED": "A settled transaction takes no more entries.",
    LedgerCurrency = "MB_LEDGER_CURRENCY": "Entries are in their transaction's currency.",
    LedgerAppendOnly = "MB_LEDGER_APPEND_ONLY": "Ledger rows are never rewritten or deleted.",
    LedgerEscrowMismatch = "MB_LEDGER_ESCROW_MISMATCH": "A closing empties exactly its escrow.",
    Unpaid = "MB_UNPAID": "A hold with a fee is booked only with its payment in escrow.",
    EscrowNotClosed = "MB_ESCROW_NOT_CLOSED": "A paid appointment ends with its escrow closed.",
    WithdrawalDecided = "MB_WITHDRAWAL_DECIDED": "A withdrawal is decided once and kept.",
    WithdrawalUnpaid = "MB_WITHDRAWAL_UNPAID": "An approved withdrawal has its payout posted.",
    EarliestStartKept = "MB_EARLIEST_START_KEPT": "The earliest booked start only moves earlier.",
    TooManyAppointments = "MB_TOO_MANY_APPOINTMENTS": "A patient holds at most so many upcoming visits.",
    LocationHierarchy = "MB_LOCATION_HIERARCHY": "A place sits one level under its parent and stays.",
    ReviewNotEligible = "MB_REVIEW_NOT_ELIGIBLE": "A review is of the patient's own completed visit, and kept.",
    ReviewEditClosed = "MB_REVIEW_EDIT_CLOSED": "A review is edited only in its first 14 days.",
    ReviewAlreadyAnswered = "MB_REVIEW_ALREADY_ANSWERED": "A doctor answers a review once.",
    ReviewModeratorNotAdmin = "MB_REVIEW_MODERATOR_NOT_ADMIN": "Only an admin hides a review.",
    PhotoNotOwn = "MB_PHOTO_NOT_OWN": "A doctor shows their own photo.",
    AccountClosed = "MB_ACCOUNT_CLOSED": "A closed account stays closed and books nothing.",
    RecordNotYours = "MB_RECORD_NOT_YOURS": "A patient's record is opened by their doctors and admins.",
    RecordViewsAppendOnly = "MB_RECORD_VIEWS_APPEND_ONLY": "The record access log is append-only.",
    NoteNotAllowed = "MB_NOTE_NOT_ALLOWED": "Only the visit's doctor writes its notes, while it stands.",
    NoteClosed = "MB_NOTE_CLOSED": "A note changes only until a day after the visit.",
    NotesKept = "MB_NOTES_KEPT": "Notes and addenda are never rewritten or deleted.",
    ReportsKept = "MB_REPORTS_KEPT": "Generated monthly reports are never changed or removed.",
    SpecialtiesKept = "MB_SPECIALTIES_KEPT": "Specialties are retired, never deleted.",
    SpecialtyRetired = "MB_SPECIALTY_RETIRED": "A retired specialty is chosen by no new doctor.",
    RefundExceedsDeposit = "MB_REFUND_EXCEEDS_DEPOSIT": "Credit goes back to the patient's own card deposit, within it.",
    RefundSettled = "MB_REFUND_SETTLED": "A card refund is settled once and kept.",
    FeedNamesDoctorsOnly = "MB_FEED_NAMES_DOCTORS_ONLY": "Only a doctor's calendar feed names patients.",
    ExternalBusy = "MB_EXTERNAL_BUSY": "No visit lands on a doctor's own busy time.",
    WriteBackCaldavOnly = "MB_WRITE_BACK_CALDAV_ONLY": "Appointments are written back to a CalDAV calendar only.",
}

impl TriggerCode {
    /// The code raised as `text`, if it is one of ours.
    pub fn parse(text: &str) -> Option<TriggerCode> {
        TriggerCode::ALL.iter().copied().find(|code| code.as_str() == text)
    }

    /// What the client is told when this refusal reaches a request: only the codes a correct
    /// request can meet (someone else was faster) are answers; every other one means our code
    /// broke an invariant, which is a failure.
    pub fn answer(self) -> Option<AppError> {
        match self {
            TriggerCode::DoctorOverlap => Some(AppError::SlotRefused(SlotRefusal::Taken)),
            // The doctor's own calendar took the time since the page showed it.
            TriggerCode::ExternalBusy => Some(AppError::SlotRefused(SlotRefusal::Taken)),
            TriggerCode::PatientOverlap => Some(AppError::PatientBusy),
            TriggerCode::TooManyAppointments => Some(AppError::TooManyAppointments),
            // A review's rules, met by a correct request that comes too late or twice.
            TriggerCode::ReviewNotEligible => Some(AppError::ReviewNotAllowed),
            TriggerCode::ReviewEditClosed => Some(AppError::ReviewEditClosed),
            TriggerCode::ReviewAlreadyAnswered => Some(AppError::AlreadyAnswered),
            TriggerCode::AccountClosed => Some(AppError::AccountDeactivated),
            // Someone else's patient reads as no patient at all.
            TriggerCode::RecordNotYours => Some(AppError::NotFound),
            // A note saved as its window closes, or as the visit is cancelled.
            TriggerCode::NoteClosed => Some(AppError::NoteClosed),
            TriggerCode::NoteNotAllowed => Some(AppError::NoteNotAllowed),
            // Retired by an admin while the doctor was choosing it.
            TriggerCode::SpecialtyRetired => {
                Some(AppError::field(Field::Specialty, FieldErrorCode::Unknown))
            }
            _ => None,
        }
    }
}

/// The trigger code of a database error, if one of our triggers raised it.
pub fn trigger_code(error: &sqlx::Error) -> Option<TriggerCode> {
    TriggerCode::parse(error.as_database_error()?.message())
}

/// A failed write as the server answers it: the client's answer when a trigger refused it for
/// a reason the client is told ([`TriggerCode::answer`]), otherwise a failure while `doing`.
#[track_caller]
pub fn refusal_or_failure(error: sqlx::Error, doing: &'static str) -> ServerError {
    match trigger_code(&error).and_then(TriggerCode::answer) {
        Some(answer) => ServerError::App(answer),
        None => ServerError::failed(doing, error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_code_a_migration_raises_is_in_the_enum_and_back() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations");
        let mut raised = BTreeSet::new();
        for entry in std::fs::read_dir(dir).expect("migrations") {
            let sql = std::fs::read_to_string(entry.expect("entry").path()).expect("read");
            for piece in sql.split('\'').filter(|p| p.starts_with("MB_")) {
                raised.insert(piece.to_owned());
            }
        }
        let known: BTreeSet<String> =
            TriggerCode::ALL.iter().map(|c| c.as_str().to_owned()).collect();
        assert_eq!(raised, known);
        for code in TriggerCode::ALL {
            assert_eq!(TriggerCode::parse(code.as_str()), Some(*code));
        }
    }
}
