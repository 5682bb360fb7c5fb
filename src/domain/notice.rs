//! What patients and doctors are told about their appointments, in the app and by mail.

use serde::{Deserialize, Serialize};

/// The kind of news (stored as its snake-case name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// A patient asked for a time the doctor must accept.
    Requested,
    /// A patient booked a doctor who confirms automatically.
    Booked,
    /// The doctor accepted a request.
    Confirmed,
    /// The doctor declined a request.
    Rejected,
    Cancelled,
    /// The appointment moved to another time.
    Rescheduled,
    /// A confirmed appointment is coming up.
    Reminder,
    /// The doctor completed the visit (the patient reads its summary and may review it).
    Completed,
    /// The doctor marked the patient as not having come.
    NoShow,
}

/// Whom a notice is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Patient,
    Doctor,
}

impl NoticeKind {
    /// The kind stored as `raw`.
    pub fn parse(raw: &str) -> Option<NoticeKind> {
        Some(match raw {
            "requested" => NoticeKind::Requested,
            "booked" => NoticeKind::Booked,
            "confirmed" => NoticeKind::Confirmed,
            "rejected" => NoticeKind::Rejected,
            "cancelled" => NoticeKind::Cancelled,
            "rescheduled" => NoticeKind::Rescheduled,
            "reminder" => NoticeKind::Reminder,
            "completed" => NoticeKind::Completed,
            "no_show" => NoticeKind::NoShow,
            _ => return None,
        })
    }

    /// A short title, e.g. for a mail subject.
    pub fn title(self, audience: Audience) -> &'static str {
        match (self, audience) {
            (NoticeKind::Requested, Audience::Patient) => "Booking request sent",
            (NoticeKind::Requested, Audience::Doctor) => "New booking request",
            (NoticeKind::Booked, _) => "Appointment booked",
            (NoticeKind::Confirmed, _) => "Appointment confirmed",
            (NoticeKind::Rejected, _) => "Appointment request declined",
            (NoticeKind::Cancelled, _) => "Appointment cancelled",
            (NoticeKind::Rescheduled, _) => "Appointment moved",
            (NoticeKind::Reminder, _) => "Appointment reminder",
            (NoticeKind::Completed, _) => "Visit completed",
            (NoticeKind::NoShow, _) => "Missed appointment",
        }
    }

    /// One sentence telling `audience` what happened; `other` is the other party's name.
    pub fn headline(self, audience: Audience, other: &str) -> String {
        match (self, audience) {
            (NoticeKind::Requested, Audience::Patient) => format!(
                "Your booking request with {other} was sent. You will hear from us when it is confirmed."
            ),
            (NoticeKind::Requested, Audience::Doctor) => {
                format!("{other} asked for an appointment. Please accept or decline it.")
            }
            (NoticeKind::Booked, Audience::Patient) => {
                format!("Your appointment with {other} is booked and confirmed.")
            }
            (NoticeKind::Booked, Audience::Doctor) => {
                format!("{other} booked an appointment with you.")
            }
            (NoticeKind::Confirmed, Audience::Patient) => {
                format!("{other} confirmed your appointment.")
            }
            (NoticeKind::Confirmed, Audience::Doctor) => {
                format!("The appointment with {other} is confirmed.")
            }
            (NoticeKind::Rejected, Audience::Patient) => {
                format!("{other} could not accept your appointment request.")
            }
            (NoticeKind::Rejected, Audience::Doctor) => {
                format!("The request from {other} was declined.")
            }
            (NoticeKind::Cancelled, Audience::Patient) => {
                format!("Your appointment with {other} was cancelled.")
            }
            (NoticeKind::Cancelled, Audience::Doctor) => {
                format!("The appointment with {other} was cancelled.")
            }
            (NoticeKind::Rescheduled, Audience::Patient) => {
                format!("Your appointment with {other} was moved to a new time.")
            }
            (NoticeKind::Rescheduled, Audience::Doctor) => {
                format!("The appointment with {other} was moved to a new time.")
            }
            (NoticeKind::Reminder, _) => {
                format!("Reminder: your appointment with {other} is coming up.")
            }
            (NoticeKind::Completed, Audience::Patient) => {
                format!("Your visit with {other} is complete. Thank you for coming.")
            }
            (NoticeKind::Completed, Audience::Doctor) => {
                format!("The visit with {other} is complete.")
            }
            (NoticeKind::NoShow, Audience::Patient) => {
                format!("{other} marked you as not having come to your appointment.")
            }
            (NoticeKind::NoShow, Audience::Doctor) => {
                format!("{other} did not come to the appointment.")
            }
        }
    }
}

impl Audience {
    /// The audience stored as `raw`.
    pub fn parse(raw: &str) -> Option<Audience> {
        match raw {
            "patient" => Some(Audience::Patient),
            "doctor" => Some(Audience::Doctor),
            _ => None,
        }
    }
}

/// "in 24 hours", "in 2 hours", "in 90 minutes", "in 2 days": how far ahead something is,
/// from the minutes left (a reminder sent a minute late still says "in 24 hours").
pub fn lead_time(minutes_left: i64) -> String {
    let plural = |n: i64, unit: &str| format!("in {n} {unit}{}", if n == 1 { "" } else { "s" });
    let hours = (minutes_left + 30) / 60;
    if minutes_left < 60 || (minutes_left < 100 && minutes_left % 60 != 0) {
        plural(minutes_left.max(1), "minute")
    } else if hours >= 48 && hours % 24 == 0 {
        plural(hours / 24, "day")
    } else {
        plural(hours, "hour")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [NoticeKind; 9] = [
        NoticeKind::Requested,
        NoticeKind::Booked,
        NoticeKind::Confirmed,
        NoticeKind::Rejected,
        NoticeKind::Cancelled,
        NoticeKind::Rescheduled,
        NoticeKind::Reminder,
        NoticeKind::Completed,
        NoticeKind::NoShow,
    ];

    #[test]
    fn every_kind_reads_back_from_its_stored_name() {
        for kind in ALL {
            let stored = serde_json::to_value(kind).expect("json");
            assert_eq!(NoticeKind::parse(stored.as_str().expect("text")), Some(kind));
        }
        assert_eq!(NoticeKind::parse("exploded"), None);
    }

    #[test]
    fn every_headline_names_the_other_party() {
        for kind in ALL {
            for audience in [Audience::Patient, Audience::Doctor] {
                assert!(kind.headline(audience, "Dr. Ann Lee").contains("Dr. Ann Lee"));
                assert!(!kind.title(audience).is_empty());
            }
        }
    }

    #[test]
    fn lead_times_read_naturally() {
        assert_eq!(lead_time(1440), "in 24 hours");
        assert_eq!(lead_time(60), "in 1 hour");
        assert_eq!(lead_time(90), "in 90 minutes");
        assert_eq!(lead_time(2880), "in 2 days");
        assert_eq!(lead_time(1439), "in 24 hours", "a minute late");
        assert_eq!(lead_time(119), "in 2 hours");
        assert_eq!(lead_time(0), "in 1 minute");
    }
}
