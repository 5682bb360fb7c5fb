//! IANA time zones and conversion of local wall-clock times to instants.

use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone as _, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// Old zone names still reported by some browsers, with their current names.
const LEGACY_ALIASES: [(&str, &str); 12] = [
    ("Asia/Calcutta", "Asia/Kolkata"),
    ("Asia/Saigon", "Asia/Ho_Chi_Minh"),
    ("Asia/Katmandu", "Asia/Kathmandu"),
    ("Asia/Rangoon", "Asia/Yangon"),
    ("Europe/Kiev", "Europe/Kyiv"),
    ("America/Buenos_Aires", "America/Argentina/Buenos_Aires"),
    ("America/Indianapolis", "America/Indiana/Indianapolis"),
    ("Atlantic/Faeroe", "Atlantic/Faroe"),
    ("Pacific/Truk", "Pacific/Chuuk"),
    ("US/Eastern", "America/New_York"),
    ("US/Pacific", "America/Los_Angeles"),
    ("GMT", "UTC"),
];

/// A valid IANA time zone, e.g. `Europe/London`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TimeZone(Tz);

impl TimeZone {
    /// Parses an IANA zone name; legacy aliases browsers still report (`Asia/Calcutta`) become
    /// their current names (`Asia/Kolkata`).
    pub fn parse(raw: &str) -> Option<TimeZone> {
        let name = raw.trim();
        let name =
            LEGACY_ALIASES.iter().find(|(old, _)| *old == name).map_or(name, |(_, new)| *new);
        name.parse::<Tz>().ok().map(TimeZone)
    }

    /// UTC.
    pub fn utc() -> TimeZone {
        TimeZone(Tz::UTC)
    }

    /// The chrono-tz zone.
    pub fn tz(self) -> Tz {
        self.0
    }

    /// The IANA name.
    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// The name as people read it: `America/New York`.
    pub fn label(self) -> String {
        self.name().replace('_', " ")
    }

    /// The instant a local time starts at: `None` inside a spring-forward gap, the first
    /// occurrence when the time is ambiguous (fall-back).
    pub fn start_instant(self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        match self.0.from_local_datetime(&local) {
            LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
            LocalResult::Ambiguous(first, _) => Some(first.with_timezone(&Utc)),
            LocalResult::None => None,
        }
    }

    /// The instant a local time ends an interval at: like [`TimeZone::start_instant`], but a
    /// time inside a gap maps to the end of the gap (the first instant that exists after it).
    pub fn end_instant(self, local: NaiveDateTime) -> DateTime<Utc> {
        if let Some(instant) = self.start_instant(local) {
            return instant;
        }
        // Gaps are at most a few hours: the first existing minute after it is the gap's end.
        let mut probe = local;
        for _ in 0..(24 * 60) {
            probe += chrono::Duration::minutes(1);
            if let Some(instant) = self.start_instant(probe) {
                return instant;
            }
        }
        local.and_utc()
    }

    /// The local date-time of an instant in this zone.
    pub fn local(self, instant: DateTime<Utc>) -> NaiveDateTime {
        instant.with_timezone(&self.0).naive_local()
    }

    /// A short label of the zone's offset at `instant`, e.g. `GMT+5:30` or `EST`.
    pub fn abbreviation(self, instant: DateTime<Utc>) -> String {
        instant.with_timezone(&self.0).format("%Z").to_string()
    }
}

impl TryFrom<String> for TimeZone {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        TimeZone::parse(&value).ok_or_else(|| format!("unknown time zone {value:?}"))
    }
}

impl From<TimeZone> for String {
    fn from(zone: TimeZone) -> Self {
        zone.name().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(h, min, 0)).expect("valid")
    }

    #[test]
    fn a_time_in_the_spring_forward_gap_does_not_start_anything() {
        let ny = TimeZone::parse("America/New_York").expect("zone");
        assert_eq!(ny.start_instant(at(2026, 3, 8, 2, 30)), None);
        assert_eq!(ny.end_instant(at(2026, 3, 8, 2, 30)).to_rfc3339(), "2026-03-08T07:00:00+00:00");
    }

    #[test]
    fn an_ambiguous_fall_back_time_is_its_first_occurrence() {
        let ny = TimeZone::parse("America/New_York").expect("zone");
        let first = ny.start_instant(at(2026, 11, 1, 1, 30)).expect("exists");
        assert_eq!(first.to_rfc3339(), "2026-11-01T05:30:00+00:00");
    }

    #[test]
    fn legacy_aliases_become_current_names() {
        assert_eq!(TimeZone::parse("Asia/Calcutta").map(TimeZone::name), Some("Asia/Kolkata"));
        assert_eq!(TimeZone::parse("Europe/Kiev").map(TimeZone::name), Some("Europe/Kyiv"));
    }

    #[test]
    fn unknown_zones_are_refused() {
        assert!(TimeZone::parse("Mars/Olympus_Mons").is_none());
        assert_eq!(TimeZone::parse("Asia/Kolkata").map(TimeZone::name), Some("Asia/Kolkata"));
    }
}
