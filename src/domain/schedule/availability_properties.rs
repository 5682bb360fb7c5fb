//! Property tests of the availability engine across time zones and DST changes.

use super::*;
use crate::domain::field_error::Field;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use proptest::prelude::*;

const ZONES: [&str; 5] =
    ["America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"];

/// Instants next to the 2026 DST changes of the zones above.
const DST_CHANGES: [&str; 6] = [
    "2026-03-08T07:00:00Z",
    "2026-03-29T01:00:00Z",
    "2026-10-25T01:00:00Z",
    "2026-11-01T06:00:00Z",
    "2026-04-04T15:00:00Z",
    "2026-10-03T15:30:00Z",
];

fn day_hours(slot: u16) -> impl Strategy<Value = DayHours> {
    prop::collection::vec((0u16..48, 1u16..12), 0..4).prop_map(move |parts| {
        // Half-hour boundaries, kept disjoint by construction and at least one slot long.
        let mut intervals = Vec::new();
        let mut cursor = 0u16;
        for (gap, length) in parts {
            let start = cursor + gap * 15;
            let end = (start + length * 30).max(start + slot);
            if end > 1440 {
                break;
            }
            if let (Some(s), Some(e)) = (WallTime::from_minutes(start), WallTime::from_minutes(end))
            {
                intervals.push(WorkInterval { start: s, end: e });
            }
            cursor = end;
        }
        DayHours::new(intervals, slot, Field::HoursMon).unwrap_or_default()
    })
}

fn policy() -> impl Strategy<Value = SlotPolicy> {
    (
        prop::sample::select(vec![10u16, 15, 20, 30, 45, 60, 90]),
        0u16..31,
        0u16..31,
        0u32..600,
        1u16..30,
    )
        .prop_map(|(slot_minutes, before, after, notice, horizon)| SlotPolicy {
            slot_minutes,
            buffer_before_minutes: before,
            buffer_after_minutes: after,
            min_notice_minutes: notice,
            horizon_days: horizon,
        })
}

#[derive(Debug, Clone)]
struct Case {
    schedule: Schedule,
    busy: Vec<Busy>,
    now: DateTime<Utc>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
}

fn case() -> impl Strategy<Value = Case> {
    (policy(), prop::sample::select(ZONES.to_vec()), prop::sample::select(DST_CHANGES.to_vec()))
        .prop_flat_map(|(policy, zone, change)| {
            let slot = policy.slot_minutes;
            let week = prop::collection::vec(day_hours(slot), 7);
            let busy = prop::collection::vec((0i64..20 * 24 * 60, 5i64..180), 0..40);
            let overrides = prop::collection::vec((0i64..20, any::<bool>(), day_hours(slot)), 0..4);
            let time_off = prop::option::of((0i64..20, 0i64..4));
            (Just((policy, zone, change)), week, busy, overrides, time_off, 0i64..(10 * 24 * 60))
        })
        .prop_map(|((policy, zone, change), week, busy, overrides, time_off, back)| {
            let change = DateTime::parse_from_rfc3339(change).expect("instant").with_timezone(&Utc);
            let now = change - Duration::minutes(back);
            let base = now.date_naive() - Duration::days(1);
            let weekly = WeeklyHours(std::array::from_fn(|i| week[i].clone()));
            let overrides = overrides
                .into_iter()
                .map(|(offset, off, hours)| DateOverride {
                    date: base + Duration::days(offset),
                    rule: if off { DayRule::Off } else { DayRule::Hours(hours) },
                })
                .collect();
            let time_off = time_off
                .and_then(|(offset, len)| {
                    TimeOff::new(base + Duration::days(offset), base + Duration::days(offset + len))
                })
                .into_iter()
                .collect();
            let busy = busy
                .into_iter()
                .map(|(start, len)| {
                    let start = now - Duration::days(1) + Duration::minutes(start);
                    Busy { start, end: start + Duration::minutes(len) }
                })
                .collect();
            Case {
                schedule: Schedule {
                    zone: TimeZone::parse(zone).expect("zone"),
                    weekly,
                    overrides,
                    time_off,
                    policy,
                },
                busy,
                now,
                from: now - Duration::days(1),
                to: now + Duration::days(14),
            }
        })
}

fn slots(case: &Case) -> Vec<Slot> {
    available_slots(&case.schedule, &case.busy, case.from, case.to, case.now)
}

/// The working interval (as instants) that contains the slot, if any.
fn inside_working_hours(schedule: &Schedule, slot: &Slot) -> bool {
    let local = schedule.zone.local(slot.start);
    let date = local.date();
    let minute = (local.time() - NaiveTime::MIN).num_minutes();
    let Some(hours) = schedule.hours_on(date) else {
        return false;
    };
    hours.intervals().iter().any(|interval| {
        let start = i64::from(interval.start.minutes());
        let end_local =
            date.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(interval.end.minutes()));
        start <= minute
            && (minute - start) % i64::from(schedule.policy.slot_minutes) == 0
            && slot.end <= schedule.zone.end_instant(end_local)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn slots_are_sorted_unique_and_never_overlap(case in case()) {
        let slots = slots(&case);
        for pair in slots.windows(2) {
            prop_assert!(pair[0].end <= pair[1].start, "{:?} then {:?}", pair[0], pair[1]);
        }
        for slot in &slots {
            prop_assert_eq!(slot.end - slot.start, Duration::minutes(i64::from(case.schedule.policy.slot_minutes)));
        }
    }

    #[test]
    fn slots_keep_clear_of_busy_times_and_their_buffers(case in case()) {
        let before = Duration::minutes(i64::from(case.schedule.policy.buffer_before_minutes));
        let after = Duration::minutes(i64::from(case.schedule.policy.buffer_after_minutes));
        for slot in slots(&case) {
            for busy in &case.busy {
                prop_assert!(!(slot.start < busy.end + after && slot.end > busy.start - before),
                    "{:?} inside buffered {:?}", slot, busy);
                prop_assert!(!(slot.start - before < busy.end && slot.end + after > busy.start),
                    "buffered {:?} hits {:?}", slot, busy);
            }
        }
    }

    #[test]
    fn slots_lie_inside_working_hours_in_the_doctors_zone(case in case()) {
        for slot in slots(&case) {
            prop_assert!(inside_working_hours(&case.schedule, &slot), "{:?} in {}", slot, case.schedule.zone.name());
        }
    }

    #[test]
    fn slots_respect_notice_horizon_and_window(case in case()) {
        let policy = case.schedule.policy;
        for slot in slots(&case) {
            prop_assert!(slot.start >= case.now + Duration::minutes(i64::from(policy.min_notice_minutes)));
            prop_assert!(slot.start < case.now + Duration::days(i64::from(policy.horizon_days)));
            prop_assert!(slot.start >= case.from && slot.start < case.to);
        }
    }

    #[test]
    fn a_free_grid_time_inside_the_window_is_offered(case in case()) {
        // Completeness: with no busy times, every existing grid start of a working interval
        // that fits and respects notice/horizon is offered unless an earlier slot covers it.
        let free = Case { busy: Vec::new(), ..case };
        let offered = slots(&free);
        let policy = free.schedule.policy;
        let earliest = free.from.max(free.now + Duration::minutes(i64::from(policy.min_notice_minutes)));
        let latest = free.to.min(free.now + Duration::days(i64::from(policy.horizon_days)));
        let first = free.schedule.zone.local(earliest).date();
        let mut day = first;
        while day <= free.schedule.zone.local(latest).date() {
            for interval in free.schedule.hours_on(day).map(DayHours::intervals).unwrap_or_default() {
                let mut minute = interval.start.minutes();
                while minute + policy.slot_minutes <= interval.end.minutes() {
                    let local = day.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(minute));
                    if let Some(start) = free.schedule.zone.start_instant(local) {
                        let end = start + Duration::minutes(i64::from(policy.slot_minutes));
                        let end_limit = free.schedule.zone.end_instant(day.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(interval.end.minutes())));
                        if start >= earliest && start < latest && end <= end_limit {
                            prop_assert!(offered.iter().any(|s| s.start <= start && start < s.end),
                                "{} ({}) missing", start, free.schedule.zone.name());
                        }
                    }
                    minute += policy.slot_minutes;
                }
            }
            day = day.succ_opt().unwrap_or(day);
            if day == NaiveDate::MAX { break; }
        }
    }

    #[test]
    fn a_slot_beyond_the_horizon_is_offered_exactly_from_the_instant_it_enters(
        case in case(),
        seconds in 0i64..=3600,
    ) {
        let within = Duration::hours(1);
        let horizon = Duration::days(i64::from(case.schedule.policy.horizon_days));
        let entry = next_slot_entering_horizon(&case.schedule, &case.busy, case.now, within);
        let t = case.now + Duration::seconds(seconds);
        let far = case.now + horizon + Duration::days(2);
        let entered = !available_slots(&case.schedule, &case.busy, case.now + horizon, far, t).is_empty();
        prop_assert_eq!(entered, entry.is_some_and(|e| e <= t), "entry {:?}, at {}", entry, t);
        if let Some(e) = entry {
            prop_assert!(e > case.now && e <= case.now + within);
        }
    }
}
