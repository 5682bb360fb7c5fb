use super::*;

const NEW_YORK: Tz = chrono_tz::America::New_York;

fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("instant")
}

fn calendar(events: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n{events}END:VCALENDAR\r\n")
}

fn busy(events: &str, from: &str, to: &str) -> Vec<(String, String)> {
    busy_intervals(&calendar(events), NEW_YORK, (at(from), at(to)), &|uid| {
        uid.starts_with("appointment-")
    })
    .expect("readable")
    .into_iter()
    .map(|(s, e)| (s.to_rfc3339(), e.to_rfc3339()))
    .collect()
}

fn pair(start: &str, end: &str) -> (String, String) {
    (at(start).to_rfc3339(), at(end).to_rfc3339())
}

#[test]
fn a_single_event_with_a_zone_is_busy_in_utc() {
    let events = "BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20261101T000000Z\r\n\
        DTSTART;TZID=America/New_York:20261123T100000\r\nDTEND;TZID=America/New_York:20261123T113000\r\n\
        SUMMARY:Conference\r\nEND:VEVENT\r\n";
    assert_eq!(
        busy(events, "2026-11-20T00:00:00Z", "2026-12-01T00:00:00Z"),
        [pair("2026-11-23T15:00:00Z", "2026-11-23T16:30:00Z")]
    );
}

#[test]
fn a_weekly_event_keeps_its_wall_clock_across_dst_skips_exdates_and_follows_overrides() {
    // Mondays 09:00-10:00 New York from 19 October; 2 November DST ends; 9 November excluded;
    // 16 November moved to 14:00.
    let events = "BEGIN:VEVENT\r\nUID:weekly\r\nDTSTAMP:20261001T000000Z\r\n\
        DTSTART;TZID=America/New_York:20261019T090000\r\nDTEND;TZID=America/New_York:20261019T100000\r\n\
        RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6\r\n\
        EXDATE;TZID=America/New_York:20261109T090000\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:weekly\r\nDTSTAMP:20261001T000000Z\r\n\
        RECURRENCE-ID;TZID=America/New_York:20261116T090000\r\n\
        DTSTART;TZID=America/New_York:20261116T140000\r\nDTEND;TZID=America/New_York:20261116T150000\r\n\
        END:VEVENT\r\n";
    assert_eq!(
        busy(events, "2026-10-01T00:00:00Z", "2026-12-31T00:00:00Z"),
        [
            pair("2026-10-19T13:00:00Z", "2026-10-19T14:00:00Z"),
            pair("2026-10-26T13:00:00Z", "2026-10-26T14:00:00Z"),
            pair("2026-11-02T14:00:00Z", "2026-11-02T15:00:00Z"),
            pair("2026-11-16T19:00:00Z", "2026-11-16T20:00:00Z"),
            pair("2026-11-23T14:00:00Z", "2026-11-23T15:00:00Z"),
        ]
    );
}

#[test]
fn an_all_day_event_covers_the_doctors_local_day() {
    let events = "BEGIN:VEVENT\r\nUID:d\r\nDTSTAMP:20261101T000000Z\r\n\
        DTSTART;VALUE=DATE:20261124\r\nDTEND;VALUE=DATE:20261125\r\nEND:VEVENT\r\n";
    assert_eq!(
        busy(events, "2026-11-20T00:00:00Z", "2026-12-01T00:00:00Z"),
        [pair("2026-11-24T05:00:00Z", "2026-11-25T05:00:00Z")]
    );
}

#[test]
fn cancelled_and_free_events_leave_the_time_open() {
    let events = "BEGIN:VEVENT\r\nUID:c\r\nDTSTAMP:20261101T000000Z\r\nSTATUS:CANCELLED\r\n\
        DTSTART:20261123T150000Z\r\nDTEND:20261123T160000Z\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:t\r\nDTSTAMP:20261101T000000Z\r\nTRANSP:TRANSPARENT\r\n\
        DTSTART:20261123T170000Z\r\nDURATION:PT1H\r\nEND:VEVENT\r\n";
    assert!(busy(events, "2026-11-20T00:00:00Z", "2026-12-01T00:00:00Z").is_empty());
}

#[test]
fn a_long_event_is_stored_in_pieces_and_a_duration_sets_the_end() {
    let events = "BEGIN:VEVENT\r\nUID:l\r\nDTSTAMP:20261101T000000Z\r\n\
        DTSTART:20261123T000000Z\r\nDURATION:P5D\r\nEND:VEVENT\r\n";
    assert_eq!(
        busy(events, "2026-11-20T00:00:00Z", "2026-12-01T00:00:00Z"),
        [
            pair("2026-11-23T00:00:00Z", "2026-11-25T00:00:00Z"),
            pair("2026-11-25T00:00:00Z", "2026-11-27T00:00:00Z"),
            pair("2026-11-27T00:00:00Z", "2026-11-28T00:00:00Z"),
        ]
    );
    assert_eq!(parse_duration("PT1H30M"), Ok(Duration::minutes(90)));
    assert_eq!(parse_duration("-P1W"), Ok(Duration::weeks(-1)));
    assert!(parse_duration("P1X").is_err() && parse_duration("1H").is_err());
}

#[test]
fn our_own_written_back_appointments_are_not_read_back_as_busy() {
    let events = "BEGIN:VEVENT\r\nUID:appointment-7@clinic.example\r\nDTSTAMP:20261101T000000Z\r\n\
        DTSTART:20261123T150000Z\r\nDTEND:20261123T153000Z\r\nEND:VEVENT\r\n";
    assert!(busy(events, "2026-11-20T00:00:00Z", "2026-12-01T00:00:00Z").is_empty());
}

#[test]
fn text_that_is_not_a_calendar_is_refused_with_a_reason() {
    let refused = |text: &str| {
        busy_intervals(
            text,
            NEW_YORK,
            (at("2026-11-20T00:00:00Z"), at("2026-12-01T00:00:00Z")),
            &|_| false,
        )
        .is_err()
    };
    assert!(refused("<html>Sign in</html>"));
    assert!(refused(&calendar(
        "BEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:yesterday\r\nEND:VEVENT\r\n"
    )));
}

#[test]
fn hostile_lengths_neither_panic_nor_flood_and_a_bad_event_is_skipped_alone() {
    let huge = "BEGIN:VEVENT\r\nUID:h\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261123T000000Z\r\n\
        DURATION:P9999999999999W\r\nEND:VEVENT\r\n";
    assert!(
        busy_intervals(
            &calendar(huge),
            NEW_YORK,
            (at("2026-11-20T00:00:00Z"), at("2026-12-01T00:00:00Z")),
            &|_| false
        )
        .is_err()
    );
    // A daily event a century long: cut to the window, in two-day pieces.
    let long = "BEGIN:VEVENT\r\nUID:l\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261101T000000Z\r\n\
        DURATION:P36500D\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\n";
    let found = busy(long, "2026-11-20T00:00:00Z", "2026-12-01T00:00:00Z");
    assert!(found.len() <= 6, "{}", found.len());
    // One unreadable event among good ones: the good ones still count.
    let mixed = format!(
        "{}BEGIN:VEVENT\r\nUID:bad\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:soon\r\nEND:VEVENT\r\n",
        "BEGIN:VEVENT\r\nUID:ok\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261123T150000Z\r\nDTEND:20261123T160000Z\r\nEND:VEVENT\r\n"
    );
    assert_eq!(
        busy(&mixed, "2026-11-20T00:00:00Z", "2026-12-01T00:00:00Z"),
        [pair("2026-11-23T15:00:00Z", "2026-11-23T16:00:00Z")]
    );
}

#[test]
fn until_as_a_date_or_a_floating_time_ends_in_the_events_own_zone() {
    // Daily all-day from 1 to 3 December in Berlin: 4 December stays free.
    let berlin: Tz = chrono_tz::Europe::Berlin;
    let all_day = calendar(
        "BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:20261201\r\n\
         RRULE:FREQ=DAILY;UNTIL=20261203\r\nEND:VEVENT\r\n",
    );
    let found = busy_intervals(
        &all_day,
        berlin,
        (at("2026-11-20T00:00:00Z"), at("2026-12-10T00:00:00Z")),
        &|_| false,
    )
    .expect("readable");
    assert_eq!(found.first().map(|i| i.0), Some(at("2026-11-30T23:00:00Z")));
    assert_eq!(found.last().map(|i| i.1), Some(at("2026-12-03T23:00:00Z")), "{found:?}");
    // A floating start and UNTIL (no zone): read in the doctor's zone.
    let floating = "BEGIN:VEVENT\r\nUID:f\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261123T100000\r\n\
        DTEND:20261123T110000\r\nRRULE:FREQ=DAILY;UNTIL=20261124T100000\r\nEND:VEVENT\r\n";
    assert_eq!(
        busy(floating, "2026-11-20T00:00:00Z", "2026-12-01T00:00:00Z"),
        [
            pair("2026-11-23T15:00:00Z", "2026-11-23T16:00:00Z"),
            pair("2026-11-24T15:00:00Z", "2026-11-24T16:00:00Z")
        ]
    );
}
