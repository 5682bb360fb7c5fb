//! The availability engine: a pure function from a doctor's rules and busy times to free slots.

use super::date_rules::{DateOverride, DayRule, TimeOff};
use super::day_hours::DayHours;
use super::slot_policy::SlotPolicy;
use super::weekly_hours::WeeklyHours;
use super::zone::TimeZone;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

/// Everything that decides when a doctor works.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub zone: TimeZone,
    pub weekly: WeeklyHours,
    pub overrides: Vec<DateOverride>,
    pub time_off: Vec<TimeOff>,
    pub policy: SlotPolicy,
}

/// A time the doctor is not free (an appointment, a hold, an external event).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Busy {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// A bookable slot `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Slot {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Schedule {
    /// The working hours on a local date: time off and overrides win over the weekly hours.
    pub fn hours_on(&self, date: NaiveDate) -> Option<&DayHours> {
        if self.time_off.iter().any(|t| t.contains(date)) {
            return None;
        }
        match self.overrides.iter().find(|o| o.date == date).map(|o| &o.rule) {
            Some(DayRule::Off) => None,
            Some(DayRule::Hours(hours)) => Some(hours),
            None => Some(self.weekly.day(date.weekday())),
        }
    }

    /// True when a slot of `slot_minutes` fits in every working interval of the weekly hours
    /// and of every custom day (so no interval is left that could never be booked).
    pub fn slot_fits_every_interval(&self, slot_minutes: u16) -> bool {
        let custom_days = self.overrides.iter().filter_map(|o| match &o.rule {
            DayRule::Hours(hours) => Some(hours),
            DayRule::Off => None,
        });
        self.weekly
            .0
            .iter()
            .chain(custom_days)
            .flat_map(|day| day.intervals().iter())
            .all(|interval| interval.minutes() >= slot_minutes)
    }
}

impl Slot {
    /// The time an appointment in this slot keeps the doctor from other bookings: the slot
    /// widened by the policy's buffers before and after.
    pub fn blocked(&self, policy: &SlotPolicy) -> Busy {
        Busy {
            start: self.start - Duration::minutes(i64::from(policy.buffer_before_minutes)),
            end: self.end + Duration::minutes(i64::from(policy.buffer_after_minutes)),
        }
    }
}

/// Free slots whose start lies in `[from, to)`, sorted, never overlapping each other or any busy
/// interval (widened by the buffers), inside working hours, at least the minimum notice after
/// `now` and before the booking horizon.
pub fn available_slots(
    schedule: &Schedule,
    busy: &[Busy],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Vec<Slot> {
    let policy = schedule.policy;
    let earliest = from.max(now + Duration::minutes(i64::from(policy.min_notice_minutes)));
    let latest = to.min(now + Duration::days(i64::from(policy.horizon_days)));
    if earliest >= latest || policy.slot_minutes == 0 {
        return Vec::new();
    }
    let blocked = Blocked::new(busy, policy);
    let zone = schedule.zone;
    // One day of margin each side: a zone may step back across midnight.
    let first_day = zone.local(earliest).date() - Duration::days(1);
    let last_day = zone.local(latest).date() + Duration::days(1);

    let mut slots = Vec::new();
    let mut previous_end = DateTime::<Utc>::MIN_UTC;
    for date in first_day.iter_days().take_while(|d| *d <= last_day) {
        for interval in schedule.hours_on(date).map(DayHours::intervals).unwrap_or_default() {
            let interval_end = zone.end_instant(local_at(date, interval.end.minutes()));
            let mut minute = interval.start.minutes();
            while minute + policy.slot_minutes <= interval.end.minutes() {
                if let Some(start) = zone.start_instant(local_at(date, minute)) {
                    let end = start + Duration::minutes(i64::from(policy.slot_minutes));
                    let wanted = start >= earliest && start < latest && end <= interval_end;
                    if wanted && start >= previous_end && !blocked.conflicts(start, end) {
                        slots.push(Slot { start, end });
                        previous_end = end;
                    }
                }
                minute += policy.slot_minutes;
            }
        }
    }
    slots
}

/// The first instant in `(now, now + within]` at which a slot that is free now comes inside the
/// booking horizon (a slot is offered once its start is before `now + horizon`), if any. Until
/// then, time alone adds no slot at the far end: what a cache of free days needs to know.
pub fn next_slot_entering_horizon(
    schedule: &Schedule,
    busy: &[Busy],
    now: DateTime<Utc>,
    within: Duration,
) -> Option<DateTime<Utc>> {
    let horizon = Duration::days(i64::from(schedule.policy.horizon_days));
    let later = now + within;
    available_slots(schedule, busy, now + horizon, later + horizon, later)
        .first()
        .map(|slot| slot.start - horizon + Duration::seconds(1))
}

/// Local date-time `minutes` after midnight of `date` (1440 is the next midnight).
fn local_at(date: NaiveDate, minutes: u16) -> chrono::NaiveDateTime {
    date.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(minutes))
}

/// Busy intervals merged into sorted, disjoint runs, for fast conflict checks.
struct Blocked {
    runs: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    before: Duration,
    after: Duration,
    widest: Duration,
}

impl Blocked {
    fn new(busy: &[Busy], policy: SlotPolicy) -> Blocked {
        let mut sorted: Vec<(DateTime<Utc>, DateTime<Utc>)> =
            busy.iter().filter(|b| b.end > b.start).map(|b| (b.start, b.end)).collect();
        sorted.sort_unstable();
        let mut runs: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::with_capacity(sorted.len());
        for (start, end) in sorted {
            match runs.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => runs.push((start, end)),
            }
        }
        let before = Duration::minutes(i64::from(policy.buffer_before_minutes));
        let after = Duration::minutes(i64::from(policy.buffer_after_minutes));
        Blocked { runs, before, after, widest: before.max(after) }
    }

    /// True when a slot `[start, end)` or its buffers would touch a busy run or its buffers:
    /// the slot may not overlap `[busy.start - before, busy.end + after)`, and the busy run may
    /// not overlap the slot's own `[start - before, end + after)`.
    fn conflicts(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        let first = self.runs.partition_point(|(_, busy_end)| *busy_end + self.widest <= start);
        self.runs[first..].iter().take_while(|(busy_start, _)| *busy_start - self.widest < end).any(
            |&(busy_start, busy_end)| {
                let slot_hits_widened_busy =
                    start < busy_end + self.after && end > busy_start - self.before;
                let widened_slot_hits_busy =
                    start - self.before < busy_end && end + self.after > busy_start;
                slot_hits_widened_busy || widened_slot_hits_busy
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::field_error::Field;
    use crate::domain::schedule::day_hours::DayHours;

    fn utc(raw: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(raw).expect("rfc3339").with_timezone(&Utc)
    }

    fn schedule(zone: &str, weekly: WeeklyHours) -> Schedule {
        Schedule {
            zone: TimeZone::parse(zone).expect("zone"),
            weekly,
            overrides: Vec::new(),
            time_off: Vec::new(),
            policy: SlotPolicy { min_notice_minutes: 0, ..SlotPolicy::default() },
        }
    }

    fn every_day(hours: &str) -> WeeklyHours {
        let day = DayHours::parse(hours, 30, Field::HoursMon).expect("valid hours");
        WeeklyHours(std::array::from_fn(|_| day.clone()))
    }

    fn local_times(schedule: &Schedule, slots: &[Slot]) -> Vec<String> {
        slots
            .iter()
            .map(|s| s.start.with_timezone(&schedule.zone.tz()).format("%H:%M %Z").to_string())
            .collect()
    }

    fn day_of(schedule: &Schedule, date: &str, now: &str) -> Vec<Slot> {
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date");
        let midnight = |d: NaiveDate| schedule.zone.end_instant(d.and_time(NaiveTime::MIN));
        let next = date.succ_opt().expect("next day");
        available_slots(schedule, &[], midnight(date), midnight(next), utc(now))
    }

    #[test]
    fn the_template_day_gives_exactly_twelve_slots() {
        let doctor = schedule("Europe/Berlin", WeeklyHours::template());
        let slots = day_of(&doctor, "2026-11-23", "2026-11-20T00:00:00Z");
        let times: Vec<String> =
            local_times(&doctor, &slots).iter().map(|t| t[..5].to_owned()).collect();
        assert_eq!(
            times,
            [
                "10:00", "10:30", "11:00", "11:30", "12:00", "12:30", "14:00", "14:30", "15:00",
                "15:30", "16:00", "16:30"
            ]
        );
        assert!(day_of(&doctor, "2026-11-22", "2026-11-20T00:00:00Z").is_empty(), "Sunday off");
    }

    #[test]
    fn spring_forward_skips_the_missing_hour() {
        let doctor = schedule("America/New_York", every_day("01:00-04:00"));
        let slots = day_of(&doctor, "2026-03-08", "2026-03-01T00:00:00Z");
        assert_eq!(
            local_times(&doctor, &slots),
            ["01:00 EST", "01:30 EST", "03:00 EDT", "03:30 EDT"]
        );
    }

    #[test]
    fn fall_back_takes_the_repeated_hour_once() {
        let doctor = schedule("America/New_York", every_day("00:00-03:00"));
        let slots = day_of(&doctor, "2026-11-01", "2026-10-20T00:00:00Z");
        assert_eq!(
            local_times(&doctor, &slots),
            ["00:00 EDT", "00:30 EDT", "01:00 EDT", "01:30 EDT", "02:00 EST", "02:30 EST"]
        );
    }

    #[test]
    fn lord_howe_skips_its_half_hour_gap() {
        let doctor = schedule("Australia/Lord_Howe", every_day("01:00-04:00"));
        let slots = day_of(&doctor, "2026-10-04", "2026-09-20T00:00:00Z");
        let times: Vec<String> =
            local_times(&doctor, &slots).iter().map(|t| t[..5].to_owned()).collect();
        assert_eq!(times, ["01:00", "01:30", "02:30", "03:00", "03:30"]);
    }

    #[test]
    fn busy_times_and_buffers_remove_slots() {
        let mut doctor = schedule("UTC", every_day("09:00-12:00"));
        doctor.policy.buffer_after_minutes = 15;
        let busy = [Busy { start: utc("2026-06-01T10:00:00Z"), end: utc("2026-06-01T10:30:00Z") }];
        let slots = available_slots(
            &doctor,
            &busy,
            utc("2026-06-01T00:00:00Z"),
            utc("2026-06-02T00:00:00Z"),
            utc("2026-05-30T00:00:00Z"),
        );
        let times: Vec<String> =
            slots.iter().map(|s| s.start.format("%H:%M").to_string()).collect();
        // 09:30's own after-buffer (10:00-10:15) hits the busy time; 10:30 lies in its buffer.
        assert_eq!(times, ["09:00", "11:00", "11:30"]);
    }

    #[test]
    fn notice_and_horizon_limit_the_window() {
        let mut doctor = schedule("UTC", every_day("09:00-17:00"));
        doctor.policy.min_notice_minutes = 120;
        doctor.policy.horizon_days = 1;
        let now = utc("2026-06-01T10:10:00Z");
        let slots =
            available_slots(&doctor, &[], now - Duration::days(1), now + Duration::days(5), now);
        assert_eq!(slots.first().map(|s| s.start), Some(utc("2026-06-01T12:30:00Z")));
        assert!(slots.iter().all(|s| s.start < now + Duration::days(1)));
    }

    #[test]
    fn overrides_and_time_off_replace_the_weekly_hours() {
        let mut doctor = schedule("UTC", every_day("09:00-10:00"));
        let date = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date");
        doctor.overrides.push(DateOverride { date: date("2026-06-02"), rule: DayRule::Off });
        doctor.overrides.push(DateOverride {
            date: date("2026-06-03"),
            rule: DayRule::Hours(DayHours::parse("15:00-16:00", 30, Field::HoursMon).expect("ok")),
        });
        doctor.time_off.push(TimeOff::new(date("2026-06-04"), date("2026-06-05")).expect("range"));
        let slots = available_slots(
            &doctor,
            &[],
            utc("2026-06-01T00:00:00Z"),
            utc("2026-06-07T00:00:00Z"),
            utc("2026-05-01T00:00:00Z"),
        );
        let starts: Vec<String> =
            slots.iter().map(|s| s.start.format("%d %H:%M").to_string()).collect();
        assert_eq!(
            starts,
            ["01 09:00", "01 09:30", "03 15:00", "03 15:30", "06 09:00", "06 09:30"]
        );
    }
}

#[cfg(test)]
mod rule_tests {
    use super::*;
    use crate::domain::schedule::{WallTime, WorkInterval};
    use chrono::TimeZone as _;

    fn interval(from: u16, to: u16) -> WorkInterval {
        WorkInterval::new(
            WallTime::from_minutes(from).expect("time"),
            WallTime::from_minutes(to).expect("time"),
        )
        .expect("interval")
    }

    #[test]
    fn a_slot_is_blocked_with_its_buffers() {
        let start = Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).single().expect("instant");
        let slot = Slot { start, end: start + Duration::minutes(30) };
        let policy = SlotPolicy {
            buffer_before_minutes: 5,
            buffer_after_minutes: 10,
            ..SlotPolicy::default()
        };
        let blocked = slot.blocked(&policy);
        assert_eq!(blocked.start, start - Duration::minutes(5));
        assert_eq!(blocked.end, start + Duration::minutes(40));
    }

    #[test]
    fn a_slot_length_must_fit_the_shortest_interval_of_weekly_and_custom_hours() {
        let mut schedule = Schedule {
            zone: TimeZone::utc(),
            weekly: WeeklyHours::template(),
            overrides: Vec::new(),
            time_off: Vec::new(),
            policy: SlotPolicy::default(),
        };
        assert!(schedule.slot_fits_every_interval(180));
        assert!(!schedule.slot_fits_every_interval(181));
        let date = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        let short = DayHours::from_stored(vec![interval(600, 645)]);
        schedule.overrides.push(DateOverride { date, rule: DayRule::Hours(short) });
        assert!(schedule.slot_fits_every_interval(45));
        assert!(!schedule.slot_fits_every_interval(46));
    }
}
