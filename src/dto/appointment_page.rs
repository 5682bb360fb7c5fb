//! One appointment as its patient, its doctor or an admin sees it on `/appointments/:id`: the
//! visit, its status history, the doctor's notes (the private parts to their author only).

use crate::domain::Role;
use crate::domain::booking::{Actor, AppointmentStatus};
use crate::dto::appointment_view::AppointmentView;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Everything the appointment page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentPageView {
    pub appointment: AppointmentView,
    /// Oldest first.
    pub history: Vec<StatusChange>,
    pub note: Option<VisitNoteView>,
    /// Oldest first; private ones only for their author.
    pub addenda: Vec<AddendumView>,
    /// The viewer's role, and whether they are the visit's doctor (who writes its notes).
    pub viewer_role: Role,
    pub viewer_is_doctor: bool,
    /// The doctor may write or change the note now (else: add an addendum).
    pub note_editable: bool,
    /// When the note closes: 24 hours after the visit ends.
    pub note_editable_until: DateTime<Utc>,
    /// The doctor may add an addendum now.
    pub addendum_allowed: bool,
    /// For the patient: the Monday of the follow-up week, where "book follow-up" opens the
    /// doctor's calendar.
    pub follow_up_from: Option<NaiveDate>,
    /// For its patient or doctor, while it is to come: ways to put it in their calendar.
    pub add_to_calendar: Option<AddToCalendar>,
}

/// "Add to calendar" links: plain addresses of those services' new-event pages (nothing is
/// loaded from them until clicked) and our own `.ics` download (Apple and every other app).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddToCalendar {
    pub google: String,
    pub outlook: String,
    pub download: String,
}

/// One step of the appointment's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    /// `None` when it was created.
    pub from: Option<AppointmentStatus>,
    pub to: AppointmentStatus,
    pub by: Option<Actor>,
    pub at: DateTime<Utc>,
    /// The start it had after this step (a move changes it, keeping the status).
    pub start: DateTime<Utc>,
}

impl StatusChange {
    /// "Booked", "Confirmed", "Moved", …, for the history list.
    pub fn label(&self) -> String {
        match (self.from, self.to) {
            (None, to) => format!("Created ({})", to.label().to_lowercase()),
            (Some(from), to) if from == to => "Moved to a new time".to_owned(),
            (Some(AppointmentStatus::Held), AppointmentStatus::Pending) => {
                "Requested (awaiting the doctor)".to_owned()
            }
            (Some(AppointmentStatus::Held), AppointmentStatus::Confirmed) => "Booked".to_owned(),
            (_, to) => to.label().to_owned(),
        }
    }

    /// " by the patient", " by the doctor", … (empty when unknown).
    pub fn by_label(&self) -> &'static str {
        match self.by {
            Some(Actor::Patient) => " by the patient",
            Some(Actor::Doctor) => " by the doctor",
            Some(Actor::Admin) => " by the clinic",
            Some(Actor::System) => " automatically",
            None => "",
        }
    }
}

/// The doctor's note on the visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitNoteView {
    pub diagnosis: String,
    pub advice: String,
    pub follow_up_weeks: Option<u8>,
    /// Only for the doctor who wrote it; `None` for everyone else.
    pub private_note: Option<String>,
    pub updated_at: DateTime<Utc>,
}

/// Something the doctor added after the note closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddendumView {
    pub body: String,
    pub private: bool,
    pub at: DateTime<Utc>,
}
