//! Wall-clock times of day and working intervals.

use serde::{Deserialize, Serialize};

/// Minutes in a day; `24:00` (end of day) is allowed as an interval end.
pub const MINUTES_PER_DAY: u16 = 24 * 60;

/// A local time of day as minutes since midnight, `00:00` to `24:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WallTime(u16);

impl WallTime {
    /// A time from minutes since midnight (at most 1440).
    pub fn from_minutes(minutes: u16) -> Option<WallTime> {
        (minutes <= MINUTES_PER_DAY).then_some(WallTime(minutes))
    }

    /// Parses `H:MM` or `HH:MM` (24-hour clock; `24:00` allowed).
    pub fn parse(raw: &str) -> Option<WallTime> {
        let (hours, minutes) = raw.trim().split_once(':')?;
        if hours.is_empty() || hours.len() > 2 || minutes.len() != 2 {
            return None;
        }
        let hours: u16 = hours.parse().ok()?;
        let minutes: u16 = minutes.parse().ok()?;
        if minutes >= 60 || hours > 24 || (hours == 24 && minutes > 0) {
            return None;
        }
        WallTime::from_minutes(hours * 60 + minutes)
    }

    /// Minutes since midnight.
    pub fn minutes(self) -> u16 {
        self.0
    }
}

impl std::fmt::Display for WallTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// A working interval `[start, end)` within one local day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct WorkInterval {
    pub start: WallTime,
    pub end: WallTime,
}

/// Why an interval's text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntervalError {
    /// Not `HH:MM-HH:MM`.
    Format,
    /// The end is not after the start.
    EndBeforeStart,
}

impl WorkInterval {
    /// Builds an interval; the end must be after the start.
    pub fn new(start: WallTime, end: WallTime) -> Result<WorkInterval, IntervalError> {
        if end > start {
            Ok(WorkInterval { start, end })
        } else {
            Err(IntervalError::EndBeforeStart)
        }
    }

    /// Parses `HH:MM-HH:MM` (an en dash or "to" also separate the times).
    pub fn parse(raw: &str) -> Result<WorkInterval, IntervalError> {
        let normalised = raw.replace(['–', '—'], "-").replace(" to ", "-");
        let (start, end) = normalised.split_once('-').ok_or(IntervalError::Format)?;
        let start = WallTime::parse(start).ok_or(IntervalError::Format)?;
        let end = WallTime::parse(end).ok_or(IntervalError::Format)?;
        WorkInterval::new(start, end)
    }

    /// Length in minutes.
    pub fn minutes(self) -> u16 {
        self.end.minutes() - self.start.minutes()
    }

    /// True when the two intervals share any minute.
    pub fn overlaps(self, other: WorkInterval) -> bool {
        self.start < other.end && other.start < self.end
    }
}

impl std::fmt::Display for WorkInterval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_parse_and_print_on_the_24_hour_clock() {
        assert_eq!(WallTime::parse("9:05").map(|t| t.to_string()), Some("09:05".into()));
        assert_eq!(WallTime::parse("24:00").map(WallTime::minutes), Some(1440));
        for bad in ["", "banana", "25:00", "24:01", "10:60", "10:5", "-1:00", "100:00"] {
            assert_eq!(WallTime::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn intervals_need_an_end_after_the_start() {
        assert_eq!(WorkInterval::parse("10:00-13:00").map(|i| i.minutes()), Ok(180));
        assert_eq!(WorkInterval::parse("10:00 – 13:00").map(|i| i.minutes()), Ok(180));
        assert_eq!(WorkInterval::parse("13:00-10:00"), Err(IntervalError::EndBeforeStart));
        assert_eq!(WorkInterval::parse("10:00-10:00"), Err(IntervalError::EndBeforeStart));
        assert_eq!(WorkInterval::parse("10:00"), Err(IntervalError::Format));
    }
}
