//! What a patient, doctor or admin can do to a booked appointment, and the note it needs.

use super::lifecycle::{Actor, AppointmentStatus, TransitionError};
use crate::domain::{Field, FieldError, FieldErrorCode};
use serde::{Deserialize, Serialize};

/// Longest reason or note, in characters.
pub const MAX_NOTE: usize = 500;

/// A change someone asks for on an appointment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppointmentAction {
    /// The doctor accepts a pending request.
    Accept,
    /// The doctor declines a pending request (with a reason).
    Reject,
    /// Patient, doctor or admin calls it off (with a reason).
    Cancel,
    /// The visit took place.
    Complete,
    /// The patient did not come.
    NoShow,
}

impl AppointmentAction {
    /// Every action, in the order the UI offers them.
    pub const ALL: [AppointmentAction; 5] = [
        AppointmentAction::Accept,
        AppointmentAction::Reject,
        AppointmentAction::Complete,
        AppointmentAction::NoShow,
        AppointmentAction::Cancel,
    ];

    /// Stable name, as sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            AppointmentAction::Accept => "accept",
            AppointmentAction::Reject => "reject",
            AppointmentAction::Cancel => "cancel",
            AppointmentAction::Complete => "complete",
            AppointmentAction::NoShow => "no_show",
        }
    }

    /// Parses a form value.
    pub fn parse(raw: &str) -> Option<AppointmentAction> {
        AppointmentAction::ALL.into_iter().find(|a| a.as_str() == raw.trim())
    }

    /// The button text.
    pub fn label(self) -> &'static str {
        match self {
            AppointmentAction::Accept => "Accept",
            AppointmentAction::Reject => "Reject",
            AppointmentAction::Cancel => "Cancel appointment",
            AppointmentAction::Complete => "Mark completed",
            AppointmentAction::NoShow => "Mark no-show",
        }
    }

    /// The status the appointment moves to.
    pub fn target(self) -> AppointmentStatus {
        match self {
            AppointmentAction::Accept => AppointmentStatus::Confirmed,
            AppointmentAction::Reject => AppointmentStatus::Rejected,
            AppointmentAction::Cancel => AppointmentStatus::Cancelled,
            AppointmentAction::Complete => AppointmentStatus::Completed,
            AppointmentAction::NoShow => AppointmentStatus::NoShow,
        }
    }

    /// Rejecting and cancelling tell the other party why.
    pub fn needs_reason(self) -> bool {
        matches!(self, AppointmentAction::Reject | AppointmentAction::Cancel)
    }

    /// Whether `actor` may take this action on an appointment in `status` (`started`: its start
    /// time has passed). Holds are not bookings yet: they are only booked or released, never
    /// accepted, rejected or cancelled.
    pub fn check(
        self,
        status: AppointmentStatus,
        actor: Actor,
        started: bool,
    ) -> Result<(), TransitionError> {
        if status == AppointmentStatus::Held {
            return Err(TransitionError::Illegal);
        }
        status.transition(self.target(), actor, started)
    }

    /// The actions `actor` may take on an appointment in `status`; `started` tells whether its
    /// start time has passed.
    pub fn available(
        status: AppointmentStatus,
        actor: Actor,
        started: bool,
    ) -> Vec<AppointmentAction> {
        AppointmentAction::ALL
            .into_iter()
            .filter(|a| a.check(status, actor, started).is_ok())
            .collect()
    }
}

/// Cleans a reason or note: trimmed, at most [`MAX_NOTE`] characters, no control characters
/// other than line breaks; `required` refuses an empty one.
pub fn parse_note(raw: &str, required: bool) -> Result<String, FieldError> {
    let note = raw.trim().replace("\r\n", "\n");
    if note.chars().any(|c| c.is_control() && c != '\n') {
        return Err(FieldError::new(Field::Note, FieldErrorCode::InvalidCharacters));
    }
    if note.chars().count() > MAX_NOTE {
        return Err(FieldError::new(Field::Note, FieldErrorCode::TooLong));
    }
    if required && note.is_empty() {
        return Err(FieldError::new(Field::Note, FieldErrorCode::Required));
    }
    Ok(note)
}

#[cfg(test)]
mod tests {
    use super::*;
    use AppointmentStatus::*;

    #[test]
    fn doctors_answer_requests_and_record_visits() {
        use AppointmentAction::*;
        assert_eq!(
            AppointmentAction::available(Pending, Actor::Doctor, false),
            vec![Accept, Reject, Cancel]
        );
        assert_eq!(AppointmentAction::available(Confirmed, Actor::Doctor, false), vec![Cancel]);
        assert_eq!(
            AppointmentAction::available(Confirmed, Actor::Doctor, true),
            vec![Complete, NoShow, Cancel]
        );
    }

    #[test]
    fn patients_only_cancel_and_only_before_the_visit() {
        assert_eq!(
            AppointmentAction::available(Pending, Actor::Patient, false),
            vec![AppointmentAction::Cancel]
        );
        assert!(AppointmentAction::available(Confirmed, Actor::Patient, true).is_empty());
        for status in [Rejected, Cancelled, Completed, NoShow, Released, Held] {
            assert!(AppointmentAction::available(status, Actor::Patient, false).is_empty());
        }
    }

    #[test]
    fn every_action_round_trips_and_reasons_are_checked() {
        for action in AppointmentAction::ALL {
            assert_eq!(AppointmentAction::parse(action.as_str()), Some(action));
        }
        assert_eq!(AppointmentAction::parse("delete"), None);
        assert_eq!(parse_note("  Feeling better \r\n", true).as_deref(), Ok("Feeling better"));
        assert_eq!(parse_note("   ", true).map_err(|e| e.code), Err(FieldErrorCode::Required));
        assert_eq!(parse_note("", false).as_deref(), Ok(""));
        assert_eq!(
            parse_note(&"x".repeat(501), false).map_err(|e| e.code),
            Err(FieldErrorCode::TooLong)
        );
        assert_eq!(
            parse_note("a\u{7}b", false).map_err(|e| e.code),
            Err(FieldErrorCode::InvalidCharacters)
        );
    }
}
