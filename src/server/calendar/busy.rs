//! A doctor's own calendar read as busy intervals: iCalendar text parsed by `icalendar`,
//! recurrences expanded by `rrule` (RRULE, RDATE, EXDATE; RECURRENCE-ID overrides replace their
//! instance), all-day and floating times in the doctor's zone, across DST changes. Only what
//! makes the doctor busy counts: not cancelled, not `TRANSP:TRANSPARENT`.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone as _, Utc};
use chrono_tz::Tz;
use icalendar::{Calendar, CalendarComponent, Component, Event, Property};
use std::collections::{BTreeSet, HashMap};

/// One busy interval, UTC.
pub type Interval = (DateTime<Utc>, DateTime<Utc>);

/// The longest stored piece: longer events are cut into pieces this long, so an overlap search
/// reads a bounded range of the start index (see `external_busy`).
pub const LONGEST_PIECE: Duration = Duration::days(2);

/// Longer events count as this long (the sync reads about 400 days ahead).
const LONGEST_EVENT: Duration = Duration::days(800);

/// At most this many busy instances in one calendar before merging (beyond: refused).
const MOST_INSTANCES: usize = 200_000;

/// At most this many instances per event (a daily rule over a year is 366).
const INSTANCES_PER_EVENT: u16 = 2_000;

/// Why a calendar could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed(pub String);

/// The busy intervals of `text` overlapping `[from, to)`, sorted, for a doctor in `zone`;
/// events whose UID `ours` recognises (our own appointments written back) are left out.
pub fn busy_intervals(
    text: &str,
    zone: Tz,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    ours: &dyn Fn(&str) -> bool,
) -> Result<Vec<Interval>, Malformed> {
    let calendar: Calendar = text.parse().map_err(|e: String| Malformed(short(&e)))?;
    let events: Vec<&Event> = calendar
        .components
        .iter()
        .filter_map(|c| if let CalendarComponent::Event(e) = c { Some(e) } else { None })
        .collect();
    if events.is_empty() && !text.contains("BEGIN:VCALENDAR") {
        return Err(Malformed("no VCALENDAR in the answer".into()));
    }
    // Overrides of one instance, by UID: the instance they replace.
    let mut overridden: HashMap<&str, BTreeSet<DateTime<Utc>>> = HashMap::new();
    for event in &events {
        if let (Some(uid), Some(id)) = (event.get_uid(), event.properties().get("RECURRENCE-ID")) {
            if let Ok(at) = instant(id, zone) {
                overridden.entry(uid).or_default().insert(at);
            }
        }
    }
    // One unreadable event is skipped (and logged); a calendar none of whose events can be
    // read is refused as malformed.
    let (mut busy, mut read, mut first_error) = (Vec::new(), 0, None);
    for event in events {
        if !makes_busy(event) || event.get_uid().is_some_and(ours) {
            continue;
        }
        let skip = match (event.get_uid(), event.properties().contains_key("RECURRENCE-ID")) {
            (Some(uid), false) => overridden.get(uid),
            _ => None,
        };
        let found = match instances(event, zone, from, to) {
            Ok(found) => found,
            Err(why) => {
                tracing::debug!(uid = event.get_uid(), reason = %why.0, "an unreadable event was skipped");
                first_error.get_or_insert(why);
                continue;
            }
        };
        read += 1;
        for (start, end) in found {
            if skip.is_some_and(|s| s.contains(&start)) {
                continue;
            }
            if start < to && end > from {
                busy.push((start.max(from), end.min(to)));
            }
        }
        if busy.len() > MOST_INSTANCES {
            return Err(Malformed(format!(
                "more than {MOST_INSTANCES} busy times in one calendar"
            )));
        }
    }
    if let (0, Some(why)) = (read, first_error) {
        return Err(why);
    }
    Ok(merged(busy).into_iter().flat_map(|(start, end)| pieces(start, end)).collect())
}

/// Overlapping or touching intervals joined, sorted: what is stored is the time taken, at
/// most one piece per two days of the window whatever the calendar repeats.
fn merged(mut intervals: Vec<Interval>) -> Vec<Interval> {
    intervals.sort();
    let mut out: Vec<Interval> = Vec::with_capacity(intervals.len());
    for (start, end) in intervals {
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}

fn short(reason: &str) -> String {
    reason.chars().take(200).collect()
}

/// Busy unless cancelled or transparent (free).
fn makes_busy(event: &Event) -> bool {
    let value = |key| event.property_value(key).map(|v| v.trim().to_ascii_uppercase());
    value("STATUS").as_deref() != Some("CANCELLED")
        && value("TRANSP").as_deref() != Some("TRANSPARENT")
}

/// Cuts `[start, end)` into pieces of at most [`LONGEST_PIECE`].
pub fn pieces(start: DateTime<Utc>, end: DateTime<Utc>) -> Vec<Interval> {
    let mut out = Vec::new();
    let mut at = start;
    while at < end {
        let next = (at + LONGEST_PIECE).min(end);
        out.push((at, next));
        at = next;
    }
    out
}

/// A property's time as rrule reads it, anchored in `zone` when the text has no zone of its
/// own (an all-day date starts at the zone's midnight).
fn rrule_time(property: &Property, zone: Tz) -> Result<String, Malformed> {
    let value = property.value().trim();
    let tzid = property.params().get("TZID").map(|p| p.value().to_owned());
    let known = tzid.as_deref().and_then(|id| id.parse::<Tz>().ok());
    if value.len() == 8 {
        return Ok(format!("TZID={}:{value}T000000", zone.name()));
    }
    if value.ends_with('Z') {
        return Ok(format!(":{value}"));
    }
    Ok(format!("TZID={}:{value}", known.unwrap_or(zone).name()))
}

/// The instant a property names (for RECURRENCE-ID), as its instances are compared.
fn instant(property: &Property, zone: Tz) -> Result<DateTime<Utc>, Malformed> {
    let value = property.value().trim();
    let bad = || Malformed(format!("bad time {value:?}"));
    if value.len() == 8 {
        let day = NaiveDate::parse_from_str(value, "%Y%m%d").map_err(|_| bad())?;
        return midnight(zone, day).ok_or_else(bad);
    }
    let local = NaiveDateTime::parse_from_str(value.trim_end_matches('Z'), "%Y%m%dT%H%M%S")
        .map_err(|_| bad())?;
    if value.ends_with('Z') {
        return Ok(local.and_utc());
    }
    let tzid = property.params().get("TZID").and_then(|p| p.value().parse::<Tz>().ok());
    tzid.unwrap_or(zone)
        .from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(bad)
}

/// How long each instance lasts: days (all-day, counted on the calendar) or an exact length.
enum Length {
    Days(i64),
    Exact(Duration),
}

/// An event's length as used: never negative, never longer than [`LONGEST_EVENT`] (what lies
/// beyond the window is cut off anyway).
fn length(event: &Event) -> Result<Length, Malformed> {
    Ok(match raw_length(event)? {
        Length::Days(days) => Length::Days(days.clamp(1, LONGEST_EVENT.num_days())),
        Length::Exact(exact) => Length::Exact(exact.clamp(Duration::zero(), LONGEST_EVENT)),
    })
}

fn raw_length(event: &Event) -> Result<Length, Malformed> {
    let start = event
        .properties()
        .get("DTSTART")
        .ok_or_else(|| Malformed("an event has no DTSTART".into()))?;
    let all_day = start.value().trim().len() == 8;
    if let Some(end) = event.properties().get("DTEND") {
        let (s, e) = (start.value().trim(), end.value().trim());
        if all_day && e.len() == 8 {
            let day = |v: &str| {
                NaiveDate::parse_from_str(v, "%Y%m%d")
                    .map_err(|_| Malformed(format!("bad date {v:?}")))
            };
            return Ok(Length::Days((day(e)? - day(s)?).num_days().max(1)));
        }
        let at = |v: &str| {
            NaiveDateTime::parse_from_str(v.trim_end_matches('Z'), "%Y%m%dT%H%M%S")
                .map_err(|_| Malformed(format!("bad time {v:?}")))
        };
        // Zones aside (both ends normally share one), the wall-clock difference is the length.
        return Ok(Length::Exact(at(e)? - at(s)?));
    }
    if let Some(duration) = event.property_value("DURATION") {
        return parse_duration(duration).map(Length::Exact);
    }
    Ok(if all_day { Length::Days(1) } else { Length::Exact(Duration::zero()) })
}

/// An RFC 5545 duration (`P1D`, `PT1H30M`, `-PT15M`, `P2W`).
pub fn parse_duration(raw: &str) -> Result<Duration, Malformed> {
    let bad = || Malformed(format!("bad DURATION {raw:?}"));
    let text = raw.trim();
    let (sign, text) = match text.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, text.strip_prefix('+').unwrap_or(text)),
    };
    let text = text.strip_prefix('P').ok_or_else(bad)?;
    let (mut total, mut number, mut in_time) = (Duration::zero(), String::new(), false);
    for c in text.chars() {
        match c {
            'T' => in_time = true,
            '0'..='9' => number.push(c),
            unit => {
                let n: i64 = number.parse().map_err(|_| bad())?;
                number.clear();
                let part = match (unit, in_time) {
                    ('W', false) => Duration::try_weeks(n),
                    ('D', false) => Duration::try_days(n),
                    ('H', true) => Duration::try_hours(n),
                    ('M', true) => Duration::try_minutes(n),
                    ('S', true) => Duration::try_seconds(n),
                    _ => return Err(bad()),
                };
                total = part.and_then(|part| total.checked_add(&part)).ok_or_else(bad)?;
            }
        }
    }
    if !number.is_empty() {
        return Err(bad());
    }
    Ok(total * sign)
}

/// Every instance of `event` that may overlap `[from, to)`.
fn instances(
    event: &Event,
    zone: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Interval>, Malformed> {
    let start = event
        .properties()
        .get("DTSTART")
        .ok_or_else(|| Malformed("an event has no DTSTART".into()))?;
    let mut text = format!("DTSTART;{}\n", rrule_time(start, zone)?);
    match event.property_value("RRULE") {
        Some(rule) => {
            let anchor = start.params().get("TZID").and_then(|p| p.value().parse::<Tz>().ok());
            let rule = until_in_utc(rule, anchor.unwrap_or(zone));
            text.push_str(&format!("RRULE:{rule}\n"));
        }
        None => text.push_str(&format!("RDATE;{}\n", rrule_time(start, zone)?)),
    }
    for key in ["RDATE", "EXDATE"] {
        for property in event.multi_properties().get(key).into_iter().flatten() {
            for value in property.value().split(',') {
                let mut single = Property::new(key, value.trim());
                if let Some(tzid) = property.params().get("TZID") {
                    single.add_parameter("TZID", tzid.value());
                }
                text.push_str(&format!("{key};{}\n", rrule_time(&single, zone)?));
            }
        }
    }
    let text = text.replace(";:", ":");
    let set: rrule::RRuleSet = text
        .parse()
        .map_err(|e: rrule::RRuleError| Malformed(short(&format!("recurrence: {e}"))))?;
    let length = length(event)?;
    let longest = match length {
        Length::Days(days) => Duration::days(days + 1),
        Length::Exact(exact) => exact,
    };
    let utc = |t: DateTime<Utc>| t.with_timezone(&rrule::Tz::UTC);
    let found = set.after(utc(from - longest)).before(utc(to)).all(INSTANCES_PER_EVENT);
    Ok(found
        .dates
        .into_iter()
        .filter_map(|at| {
            let start = at.with_timezone(&Utc);
            let end = match length {
                Length::Exact(exact) => start + exact,
                Length::Days(days) => {
                    let day = at.with_timezone(&zone).date_naive() + Duration::days(days);
                    midnight(zone, day)?
                }
            };
            (end > start).then_some((start, end))
        })
        .collect())
}

/// The first instant of `day` in `zone` (a DST gap at midnight moves it forward).
fn midnight(zone: Tz, day: NaiveDate) -> Option<DateTime<Utc>> {
    let local = day.and_hms_opt(0, 0, 0)?;
    (0..3)
        .find_map(|h| zone.from_local_datetime(&(local + Duration::hours(h))).earliest())
        .map(|t| t.with_timezone(&Utc))
}

/// A rule's UNTIL in UTC, as rrule wants beside a start with a zone: a date means the end of
/// that day, a floating time that time, both in `zone` (the start's own).
fn until_in_utc(rule: &str, zone: Tz) -> String {
    let utc = |t: DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
    rule.split(';')
        .map(|part| match part.split_once('=') {
            Some((key, value)) if key.eq_ignore_ascii_case("UNTIL") && !value.ends_with('Z') => {
                let end = if value.len() == 8 {
                    NaiveDate::parse_from_str(value, "%Y%m%d")
                        .ok()
                        .and_then(|day| midnight(zone, day.succ_opt()?))
                        .map(|next| next - Duration::seconds(1))
                } else {
                    NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S")
                        .ok()
                        .and_then(|local| zone.from_local_datetime(&local).earliest())
                        .map(|t| t.with_timezone(&Utc))
                };
                end.map_or_else(|| part.to_owned(), |end| format!("UNTIL={}", utc(end)))
            }
            _ => part.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(test)]
#[path = "busy_tests.rs"]
mod tests;
