//! "Add to Google / Outlook" links for an appointment: plain addresses of those services' own
//! "new event" pages, filled in by the query string. Nothing is loaded from them until the
//! person clicks; Apple Calendar and every other app take the appointment's `.ics` download.

use chrono::{DateTime, Utc};

/// The event a link proposes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkEvent<'a> {
    pub title: &'a str,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The appointment's page, put in the event's notes.
    pub details: &'a str,
}

/// Percent-encodes `raw` for a query value: everything but RFC 3986's unreserved characters.
pub fn encode_query_value(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for byte in raw.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(byte))
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// Google Calendar's event template.
pub fn google(event: &LinkEvent) -> String {
    let stamp = |t: DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
    format!(
        "https://calendar.google.com/calendar/render?action=TEMPLATE&text={}&dates={}/{}&details={}",
        encode_query_value(event.title),
        stamp(event.start),
        stamp(event.end),
        encode_query_value(event.details)
    )
}

/// Outlook on the web's compose page.
pub fn outlook(event: &LinkEvent) -> String {
    let stamp = |t: DateTime<Utc>| encode_query_value(&t.format("%Y-%m-%dT%H:%M:%SZ").to_string());
    format!(
        "https://outlook.live.com/calendar/0/deeplink/compose?path=%2Fcalendar%2Faction%2Fcompose\
         &rru=addevent&subject={}&startdt={}&enddt={}&body={}",
        encode_query_value(event.title),
        stamp(event.start),
        stamp(event.end),
        encode_query_value(event.details)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn decode(encoded: &str) -> Vec<u8> {
        let bytes = encoded.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("hex");
                out.push(u8::from_str_radix(hex, 16).expect("hex"));
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        out
    }

    proptest! {
        #[test]
        fn any_text_survives_the_round_trip_and_never_breaks_the_query(raw in "\\PC{0,60}") {
            let encoded = encode_query_value(&raw);
            prop_assert!(!encoded.contains(['&', '=', '#', ' ', '?', '+']));
            prop_assert_eq!(decode(&encoded), raw.as_bytes().to_vec());
        }
    }

    #[test]
    fn the_links_carry_utc_times_and_the_title() {
        let event = LinkEvent {
            title: "Visit with Dr. Rahman & co",
            start: "2026-12-10T09:00:00Z".parse().expect("instant"),
            end: "2026-12-10T09:30:00Z".parse().expect("instant"),
            details: "https://clinic.example/appointments/7",
        };
        let google = google(&event);
        assert!(google.contains("dates=20261210T090000Z/20261210T093000Z"), "{google}");
        assert!(google.contains("text=Visit%20with%20Dr.%20Rahman%20%26%20co"), "{google}");
        let outlook = outlook(&event);
        assert!(outlook.contains("startdt=2026-12-10T09%3A00%3A00Z"), "{outlook}");
        assert!(outlook.contains("body=https%3A%2F%2Fclinic.example%2Fappointments%2F7"));
    }
}
