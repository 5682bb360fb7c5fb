//! A doctor's recurring week.

use super::day_hours::DayHours;
use super::wall_time::{WallTime, WorkInterval};
use crate::domain::FieldError;
use crate::domain::field_error::Field;
use chrono::Weekday;
use serde::{Deserialize, Serialize};

/// The form field of each weekday, Monday first.
pub const WEEKDAY_FIELDS: [Field; 7] = [
    Field::HoursMon,
    Field::HoursTue,
    Field::HoursWed,
    Field::HoursThu,
    Field::HoursFri,
    Field::HoursSat,
    Field::HoursSun,
];

/// Working hours for each weekday (index 0 is Monday).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklyHours(pub [DayHours; 7]);

impl WeeklyHours {
    /// The starting template: 10:00–13:00 and 14:00–17:00, Monday to Friday.
    pub fn template() -> WeeklyHours {
        let interval = |from, to| WorkInterval {
            start: WallTime::from_minutes(from).unwrap_or(WallTime::from_minutes(0).expect("0")),
            end: WallTime::from_minutes(to).unwrap_or(WallTime::from_minutes(0).expect("0")),
        };
        let working = DayHours::from_stored(vec![interval(600, 780), interval(840, 1020)]);
        let mut days: [DayHours; 7] = Default::default();
        for day in days.iter_mut().take(5) {
            *day = working.clone();
        }
        WeeklyHours(days)
    }

    /// The template hours, only on the given ISO weekdays (Monday = 1).
    pub fn template_on(weekdays: &[u32]) -> WeeklyHours {
        let template = WeeklyHours::template();
        let working = template.0[0].clone();
        let mut days: [DayHours; 7] = Default::default();
        for &weekday in weekdays.iter().filter(|d| (1..=7).contains(*d)) {
            days[weekday as usize - 1] = working.clone();
        }
        WeeklyHours(days)
    }

    /// Parses one text per weekday (Monday first), reporting every bad day.
    pub fn parse(days: &[String; 7], slot_minutes: u16) -> Result<WeeklyHours, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut parsed: [DayHours; 7] = Default::default();
        for (i, raw) in days.iter().enumerate() {
            match DayHours::parse(raw, slot_minutes, WEEKDAY_FIELDS[i]) {
                Ok(day) => parsed[i] = day,
                Err(error) => errors.push(error),
            }
        }
        if errors.is_empty() { Ok(WeeklyHours(parsed)) } else { Err(errors) }
    }

    /// The hours of a weekday.
    pub fn day(&self, weekday: Weekday) -> &DayHours {
        &self.0[weekday.num_days_from_monday() as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_works_weekdays_with_a_lunch_break() {
        let week = WeeklyHours::template();
        assert_eq!(week.day(Weekday::Mon).to_string(), "10:00-13:00, 14:00-17:00");
        assert_eq!(week.day(Weekday::Fri).to_string(), "10:00-13:00, 14:00-17:00");
        assert!(week.day(Weekday::Sat).is_off());
        assert!(week.day(Weekday::Sun).is_off());
    }

    #[test]
    fn a_template_can_be_limited_to_some_weekdays() {
        let week = WeeklyHours::template_on(&[1, 3, 5]);
        assert!(!week.day(Weekday::Mon).is_off());
        assert!(week.day(Weekday::Tue).is_off());
        assert!(!week.day(Weekday::Fri).is_off());
    }

    #[test]
    fn every_bad_day_is_reported() {
        let mut days: [String; 7] = Default::default();
        days[0] = "10:00-13:00".into();
        days[1] = "13:00-10:00".into();
        days[6] = "banana".into();
        let errors = WeeklyHours::parse(&days, 30).expect_err("invalid");
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec![Field::HoursTue, Field::HoursSun]);
    }
}
