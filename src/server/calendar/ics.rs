//! iCalendar text (RFC 5545) for appointments: the subscription feeds and the invitations
//! (iTIP, RFC 5546) that booking mails carry. Written with the `icalendar` crate, which escapes
//! text, folds lines at 75 octets and ends them with CRLF.

use crate::domain::booking::AppointmentStatus;
use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};

/// One appointment as a calendar event: what a feed or an invitation says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitEvent {
    pub appointment_id: i64,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub status: AppointmentStatus,
    /// Bumped by every change after booking ([`sequence_sql`]).
    pub sequence: u32,
    pub summary: String,
    /// Where the visit takes place (empty: not said).
    pub location: String,
    /// The appointment's page.
    pub url: String,
    /// When the appointment last changed.
    pub changed_at: DateTime<Utc>,
}

/// SQL for the SEQUENCE of appointment `a` (as of its event `until`, if given): the number of
/// changes since it was booked — a confirmation, a move, a cancellation each count once. The
/// events are append-only, so the number only grows: a feed read after an invitation never
/// shows a smaller one.
pub fn sequence_sql(until: Option<&str>) -> String {
    let bound = until.map(|event| format!(" AND se.id <= {event}.id")).unwrap_or_default();
    format!(
        "(SELECT count(*) FROM appointment_events se WHERE se.appointment_id = a.id \
         AND se.from_status IN ('pending', 'confirmed'){bound})"
    )
}

/// What an invitation asks of the recipient's calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Add or update the event.
    Request,
    /// Remove it.
    Cancel,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
        }
    }
}

/// The event's UID: stable for the appointment's life, the same in the feed, every invitation
/// and the single-event download, so calendars update one entry.
pub fn uid(appointment_id: i64, site_host: &str) -> String {
    format!("appointment-{appointment_id}@{site_host}")
}

/// The calendar status of an appointment. Whatever no longer takes place is cancelled, so a
/// subscribed calendar removes or strikes it.
pub fn event_status(status: AppointmentStatus) -> EventStatus {
    match status {
        AppointmentStatus::Held | AppointmentStatus::Pending => EventStatus::Tentative,
        AppointmentStatus::Confirmed | AppointmentStatus::Completed | AppointmentStatus::NoShow => {
            EventStatus::Confirmed
        }
        AppointmentStatus::Rejected
        | AppointmentStatus::Cancelled
        | AppointmentStatus::Released => EventStatus::Cancelled,
    }
}

/// Text a parameter value can carry (`CN="…"`): no quotes or control characters.
fn parameter_text(raw: &str) -> String {
    raw.chars().filter(|c| *c != '"' && !c.is_control()).collect()
}

/// Text for a property: no control characters but line breaks (escaped by the crate).
fn plain_text(raw: &str) -> String {
    raw.chars().filter(|c| *c == '\n' || !c.is_control()).collect()
}

fn event(visit: &VisitEvent, site_host: &str) -> Event {
    let mut event = Event::new();
    event
        .uid(&uid(visit.appointment_id, site_host))
        .timestamp(visit.changed_at)
        .last_modified(visit.changed_at)
        .starts(visit.start)
        .ends(visit.end)
        .sequence(visit.sequence)
        .status(event_status(visit.status))
        .summary(&plain_text(&visit.summary))
        .url(&visit.url)
        .add_property("TRANSP", "OPAQUE")
        .add_property("CLASS", "PRIVATE");
    if !visit.location.is_empty() {
        event.location(&plain_text(&visit.location));
    }
    event.done()
}

fn calendar() -> Calendar {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("PRODID", "-//MediBook//Appointments//EN"))
        .append_property(("VERSION", "2.0"))
        .append_property(("CALSCALE", "GREGORIAN"));
    calendar
}

/// A subscription feed: every event, `METHOD:PUBLISH`, named `name`.
pub fn feed(name: &str, visits: &[VisitEvent], site_host: &str) -> String {
    let mut calendar = calendar();
    calendar
        .append_property(("METHOD", "PUBLISH"))
        .append_property(("X-WR-CALNAME", plain_text(name).as_str()))
        // Subscribers look again within the hour.
        .append_property(
            Property::new("REFRESH-INTERVAL", "PT1H").add_parameter("VALUE", "DURATION").done(),
        )
        .append_property(("X-PUBLISHED-TTL", "PT1H"));
    for visit in visits {
        calendar.push(event(visit, site_host));
    }
    calendar.to_string()
}

/// One event as a CalDAV calendar object (no METHOD, as RFC 4791 requires), for write-back.
pub fn object(visit: &VisitEvent, site_host: &str) -> String {
    let mut calendar = calendar();
    calendar.push(event(visit, site_host));
    calendar.to_string()
}

/// Whether `uid` names one of our own appointments (written back to a doctor's calendar, so
/// not read back from it as a busy time of its own).
pub fn is_ours(uid: &str, site_host: &str) -> bool {
    uid.starts_with("appointment-") && uid.ends_with(&format!("@{site_host}"))
}

/// One event to download ("Add to Apple Calendar"), `METHOD:PUBLISH`.
pub fn single(visit: &VisitEvent, site_host: &str) -> String {
    feed("MediBook", std::slice::from_ref(visit), site_host)
}

/// An invitation to `attendee` (address and name) from the clinic's `organizer` address: the
/// same UID and SEQUENCE as the feed, so the calendar that took the request updates or removes
/// that one event.
pub fn invitation(
    method: Method,
    visit: &VisitEvent,
    organizer: &str,
    attendee: (&str, &str),
    site_host: &str,
) -> String {
    let mut event = event(visit, site_host);
    let mut organizer = Property::new("ORGANIZER", format!("mailto:{organizer}"));
    organizer.add_parameter("CN", "MediBook");
    let mut guest = Property::new("ATTENDEE", format!("mailto:{}", attendee.0));
    guest
        .add_parameter("CN", &parameter_text(attendee.1))
        .add_parameter("ROLE", "REQ-PARTICIPANT")
        .add_parameter("PARTSTAT", "ACCEPTED")
        .add_parameter("RSVP", "FALSE");
    event.append_property(organizer).append_multi_property(guest);
    let mut calendar = calendar();
    calendar.append_property(("METHOD", method.as_str())).push(event);
    calendar.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visit(status: AppointmentStatus) -> VisitEvent {
        VisitEvent {
            appointment_id: 42,
            start: "2026-12-10T09:00:00Z".parse().expect("instant"),
            end: "2026-12-10T09:30:00Z".parse().expect("instant"),
            status,
            sequence: 2,
            summary: "Visit with Dr. Rahman, Cardiology; room 3\nbring reports".into(),
            location: "House 12, Road 5, Dhanmondi".into(),
            url: "https://clinic.example/appointments/42".into(),
            changed_at: "2026-12-01T08:00:00Z".parse().expect("instant"),
        }
    }

    fn unfolded(text: &str) -> String {
        text.replace("\r\n ", "")
    }

    #[test]
    fn a_feed_has_stable_uids_utc_times_the_sequence_and_crlf_lines() {
        let text = feed("MediBook — Ann", &[visit(AppointmentStatus::Confirmed)], "clinic.example");
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(text.lines().all(|line| line.len() <= 75), "folded at 75 octets");
        let text = unfolded(&text);
        for expected in [
            "METHOD:PUBLISH",
            "UID:appointment-42@clinic.example",
            "DTSTART:20261210T090000Z",
            "DTEND:20261210T093000Z",
            "DTSTAMP:20261201T080000Z",
            "SEQUENCE:2",
            "STATUS:CONFIRMED",
            "SUMMARY:Visit with Dr. Rahman\\, Cardiology\\; room 3\\nbring reports",
        ] {
            assert!(text.contains(&format!("{expected}\r\n")), "{expected} in {text}");
        }
    }

    #[test]
    fn whatever_no_longer_takes_place_is_cancelled() {
        for status in [AppointmentStatus::Cancelled, AppointmentStatus::Rejected] {
            let text = feed("x", &[visit(status)], "h");
            assert!(text.contains("STATUS:CANCELLED\r\n"), "{status:?}");
        }
        assert!(feed("x", &[visit(AppointmentStatus::Pending)], "h").contains("STATUS:TENTATIVE"));
    }

    #[test]
    fn an_invitation_names_organizer_and_attendee_and_its_method() {
        let text = unfolded(&invitation(
            Method::Cancel,
            &visit(AppointmentStatus::Cancelled),
            "no-reply@clinic.example",
            ("ann@example.com", "Ann \"Nan\" Lee"),
            "clinic.example",
        ));
        assert!(text.contains("METHOD:CANCEL\r\n"), "{text}");
        assert!(
            text.contains("ORGANIZER;CN=MediBook:mailto:no-reply@clinic.example\r\n"),
            "{text}"
        );
        assert!(text.contains("ATTENDEE;CN=Ann Nan Lee;"), "quotes dropped: {text}");
        assert!(text.contains(":mailto:ann@example.com\r\n"), "{text}");
        assert!(text.contains("UID:appointment-42@clinic.example"));
    }

    #[test]
    fn control_characters_never_reach_the_text() {
        let mut odd = visit(AppointmentStatus::Confirmed);
        odd.summary = "A\u{7}B\rC".into();
        assert!(unfolded(&single(&odd, "h")).contains("SUMMARY:ABC\r\n"));
    }
}
