//! IANA time zones and conversion of local wall-clock times to instants.
//!
//! The rules come from chrono-tz on the server and from the browser's `Intl` in the wasm client
//! (`crate::intl_zone`), which answers with offsets that `zone_offsets` turns into the same
//! arithmetic; the client then does not carry the IANA tables.

use super::zone_offsets;
use chrono::{DateTime, NaiveDateTime, Utc};
#[cfg(not(feature = "hydrate"))]
use chrono::{LocalResult, Offset as _, TimeZone as _};
#[cfg(not(feature = "hydrate"))]
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

/// The current name of a zone name as given (trimmed, legacy aliases replaced).
fn current_name(raw: &str) -> &str {
    let name = raw.trim();
    LEGACY_ALIASES.iter().find(|(old, _)| *old == name).map_or(name, |(_, new)| *new)
}

/// A valid IANA time zone, e.g. `Europe/London`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TimeZone(Rules);

/// The server's rules: chrono-tz.
#[cfg(not(feature = "hydrate"))]
type Rules = Tz;

/// The client's rules: the zone's name, known to the browser.
#[cfg(feature = "hydrate")]
type Rules = &'static str;

impl TimeZone {
    /// Parses an IANA zone name; legacy aliases browsers still report (`Asia/Calcutta`) become
    /// their current names (`Asia/Kolkata`).
    pub fn parse(raw: &str) -> Option<TimeZone> {
        #[cfg(not(feature = "hydrate"))]
        let rules = current_name(raw).parse::<Tz>().ok();
        #[cfg(feature = "hydrate")]
        let rules = crate::intl_zone::known(current_name(raw));
        rules.map(TimeZone)
    }

    /// UTC.
    pub fn utc() -> TimeZone {
        #[cfg(not(feature = "hydrate"))]
        return TimeZone(Tz::UTC);
        #[cfg(feature = "hydrate")]
        TimeZone("UTC")
    }

    /// The chrono-tz zone (the server's rules).
    #[cfg(not(feature = "hydrate"))]
    pub fn tz(self) -> Tz {
        self.0
    }

    /// The IANA name.
    pub fn name(self) -> &'static str {
        #[cfg(not(feature = "hydrate"))]
        return self.0.name();
        #[cfg(feature = "hydrate")]
        self.0
    }

    /// The name as people read it: `America/New York`.
    pub fn label(self) -> String {
        self.name().replace('_', " ")
    }

    /// The zone's offset from UTC at `instant`, in seconds.
    pub fn offset_seconds(self, instant: DateTime<Utc>) -> i32 {
        #[cfg(not(feature = "hydrate"))]
        return self.0.offset_from_utc_datetime(&instant.naive_utc()).fix().local_minus_utc();
        #[cfg(feature = "hydrate")]
        crate::intl_zone::offset_seconds(self.0, instant)
    }

    /// The instant a local time starts at: `None` inside a spring-forward gap, the first
    /// occurrence when the time is ambiguous (fall-back).
    pub fn start_instant(self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        #[cfg(not(feature = "hydrate"))]
        return match self.0.from_local_datetime(&local) {
            LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
            LocalResult::Ambiguous(first, _) => Some(first.with_timezone(&Utc)),
            LocalResult::None => None,
        };
        #[cfg(feature = "hydrate")]
        zone_offsets::first_instant(local, |instant| self.offset_seconds(instant))
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
        instant.naive_utc() + chrono::Duration::seconds(i64::from(self.offset_seconds(instant)))
    }

    /// The zone's offset at `instant` as pages show it next to times: `GMT+6`, `GMT-5`, `GMT`
    /// (the same text from the server and from the browser).
    pub fn offset_label(self, instant: DateTime<Utc>) -> String {
        zone_offsets::offset_label(self.offset_seconds(instant))
    }

    /// The zone's abbreviation at `instant` from the IANA tables (`EST`, `IST`, or `+06` where
    /// there is none), for mail.
    #[cfg(not(feature = "hydrate"))]
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
