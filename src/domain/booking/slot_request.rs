//! Whether a requested start time can be booked, and if not, exactly why.

use crate::domain::schedule::calendar::day_window;
use crate::domain::schedule::{Busy, Schedule, Slot, available_slots};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Why a requested time cannot be booked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SlotRefusal {
    /// Not a time at all ("banana").
    InvalidFormat,
    /// Already begun or over.
    InPast,
    /// Sooner than the doctor's minimum notice.
    TooSoon,
    /// Beyond the doctor's booking horizon.
    BeyondHorizon,
    /// Not a slot of the doctor's hours: off the grid ("03:17"), a break, a day off.
    NotWorkingTime,
    /// A slot, but someone else holds or booked it (or its buffers).
    Taken,
}

impl SlotRefusal {
    /// Every reason.
    pub const ALL: [SlotRefusal; 6] = [
        SlotRefusal::InvalidFormat,
        SlotRefusal::InPast,
        SlotRefusal::TooSoon,
        SlotRefusal::BeyondHorizon,
        SlotRefusal::NotWorkingTime,
        SlotRefusal::Taken,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            SlotRefusal::InvalidFormat => "slot_invalid_format",
            SlotRefusal::InPast => "slot_in_past",
            SlotRefusal::TooSoon => "slot_too_soon",
            SlotRefusal::BeyondHorizon => "slot_beyond_horizon",
            SlotRefusal::NotWorkingTime => "slot_not_working_time",
            SlotRefusal::Taken => "slot_taken",
        }
    }

    /// A sentence for the patient.
    pub fn message(self) -> &'static str {
        match self {
            SlotRefusal::InvalidFormat => "That is not a valid appointment time.",
            SlotRefusal::InPast => "That time has already passed. Please choose a later one.",
            SlotRefusal::TooSoon => "That time is too soon: this doctor needs more notice.",
            SlotRefusal::BeyondHorizon => "That time is too far ahead to book yet.",
            SlotRefusal::NotWorkingTime => "The doctor does not see patients at that time.",
            SlotRefusal::Taken => "Sorry, that time was just taken. Please choose another.",
        }
    }
}

/// Parses an RFC 3339 start (`2026-11-23T15:00:00Z`).
pub fn parse_start(raw: &str) -> Result<DateTime<Utc>, SlotRefusal> {
    DateTime::parse_from_rfc3339(raw.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| SlotRefusal::InvalidFormat)
}

/// The slot starting at `start` if it is free now, else the reason it is not. `busy` must not
/// contain the appointment being moved (for a reschedule).
pub fn check_requested_slot(
    schedule: &Schedule,
    busy: &[Busy],
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Slot, SlotRefusal> {
    let policy = schedule.policy;
    if start <= now {
        return Err(SlotRefusal::InPast);
    }
    if start < now + Duration::minutes(i64::from(policy.min_notice_minutes)) {
        return Err(SlotRefusal::TooSoon);
    }
    if start >= now + Duration::days(i64::from(policy.horizon_days)) {
        return Err(SlotRefusal::BeyondHorizon);
    }
    let date = schedule.zone.local(start).date();
    let (from, to) = day_window(schedule.zone, date);
    let find = |busy: &[Busy]| {
        available_slots(schedule, busy, from, to, now).into_iter().find(|s| s.start == start)
    };
    match find(busy) {
        Some(slot) => Ok(slot),
        None if find(&[]).is_some() => Err(SlotRefusal::Taken),
        None => Err(SlotRefusal::NotWorkingTime),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schedule::{SlotPolicy, TimeZone, WeeklyHours};

    fn utc(raw: &str) -> DateTime<Utc> {
        parse_start(raw).expect("instant")
    }

    fn doctor() -> Schedule {
        Schedule {
            zone: TimeZone::parse("America/New_York").expect("zone"),
            weekly: WeeklyHours::template(),
            overrides: Vec::new(),
            time_off: Vec::new(),
            policy: SlotPolicy::default(),
        }
    }

    const NOW: &str = "2026-11-20T12:00:00Z";

    #[test]
    fn a_free_grid_slot_can_be_booked() {
        let slot = check_requested_slot(&doctor(), &[], utc("2026-11-23T15:00:00Z"), utc(NOW))
            .expect("free");
        assert_eq!(slot.end, utc("2026-11-23T15:30:00Z"));
    }

    #[test]
    fn every_bad_request_has_its_own_reason() {
        let check = |start: &str| check_requested_slot(&doctor(), &[], utc(start), utc(NOW)).err();
        assert_eq!(parse_start("banana"), Err(SlotRefusal::InvalidFormat));
        assert_eq!(check("2026-11-19T15:00:00Z"), Some(SlotRefusal::InPast));
        assert_eq!(check("2026-11-20T13:00:00Z"), Some(SlotRefusal::TooSoon));
        assert_eq!(check("2027-02-01T15:00:00Z"), Some(SlotRefusal::BeyondHorizon));
        assert_eq!(check("2026-11-23T08:17:00Z"), Some(SlotRefusal::NotWorkingTime), "03:17 local");
        assert_eq!(
            check("2026-11-23T15:17:00Z"),
            Some(SlotRefusal::NotWorkingTime),
            "off the grid"
        );
        assert_eq!(check("2026-11-23T18:00:00Z"), Some(SlotRefusal::NotWorkingTime), "13:00 lunch");
        assert_eq!(check("2026-11-22T15:00:00Z"), Some(SlotRefusal::NotWorkingTime), "Sunday");
    }

    #[test]
    fn a_booked_slot_is_taken() {
        let busy = [Busy { start: utc("2026-11-23T15:00:00Z"), end: utc("2026-11-23T15:30:00Z") }];
        let result = check_requested_slot(&doctor(), &busy, utc("2026-11-23T15:00:00Z"), utc(NOW));
        assert_eq!(result, Err(SlotRefusal::Taken));
    }
}
