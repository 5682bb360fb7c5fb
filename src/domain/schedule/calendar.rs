//! Months, days and grouping slots by the viewer's local date.

use super::availability::Slot;
use super::zone::TimeZone;
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use std::collections::BTreeMap;

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    first: NaiveDate,
}

impl Month {
    /// Parses `YYYY-MM` (years 2000–2100).
    pub fn parse(raw: &str) -> Option<Month> {
        let (year, month) = raw.trim().split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let month: u32 = month.parse().ok()?;
        if !(2000..=2100).contains(&year) {
            return None;
        }
        NaiveDate::from_ymd_opt(year, month, 1).map(|first| Month { first })
    }

    /// The month containing `date`.
    pub fn of(date: NaiveDate) -> Month {
        Month { first: date.with_day(1).unwrap_or(date) }
    }

    /// Its first day.
    pub fn first_day(self) -> NaiveDate {
        self.first
    }

    /// The following month.
    pub fn next(self) -> Month {
        Month { first: self.first.checked_add_months(chrono::Months::new(1)).unwrap_or(self.first) }
    }

    /// The preceding month.
    pub fn previous(self) -> Month {
        Month { first: self.first.checked_sub_months(chrono::Months::new(1)).unwrap_or(self.first) }
    }

    /// Every day of the month.
    pub fn days(self) -> impl Iterator<Item = NaiveDate> {
        let next = self.next().first;
        self.first.iter_days().take_while(move |d| *d < next)
    }

    /// `YYYY-MM`.
    pub fn key(self) -> String {
        crate::domain::date_text::year_month(self.first)
    }

    /// E.g. `November 2026`.
    pub fn label(self) -> String {
        crate::domain::date_text::month_year(self.first)
    }
}

/// The instants `[start, end)` that local `date` spans in `zone`.
pub fn day_window(zone: TimeZone, date: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let midnight = |d: NaiveDate| zone.end_instant(d.and_time(NaiveTime::MIN));
    (midnight(date), midnight(date.succ_opt().unwrap_or(date)))
}

/// The instants `[start, end)` that a month spans in `zone`.
pub fn month_window(zone: TimeZone, month: Month) -> (DateTime<Utc>, DateTime<Utc>) {
    (day_window(zone, month.first_day()).0, day_window(zone, month.next().first_day()).0)
}

/// How many slots start on each local date in `zone`.
pub fn count_by_local_date(slots: &[Slot], zone: TimeZone) -> BTreeMap<NaiveDate, u32> {
    let mut counts = BTreeMap::new();
    for slot in slots {
        *counts.entry(zone.local(slot.start).date()).or_insert(0) += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_and_step() {
        let month = Month::parse("2026-12").expect("valid");
        assert_eq!(month.next().key(), "2027-01");
        assert_eq!(month.previous().key(), "2026-11");
        assert_eq!(month.days().count(), 31);
        assert_eq!(Month::parse("2026-02").expect("valid").days().count(), 28);
        for bad in ["2026-13", "banana", "2026-1", "1999-12", "2026/11"] {
            assert!(Month::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn a_day_window_follows_dst() {
        let ny = TimeZone::parse("America/New_York").expect("zone");
        let date = NaiveDate::from_ymd_opt(2026, 3, 8).expect("date");
        let (start, end) = day_window(ny, date);
        assert_eq!((end - start).num_hours(), 23);
    }
}
