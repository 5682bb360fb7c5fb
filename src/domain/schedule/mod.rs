//! Doctors' schedules and the availability engine.
//!
//! Rules are local wall-clock times in the doctor's IANA zone; slots come out as UTC instants.
//! A wall-clock time that does not exist (spring-forward gap) is skipped; an ambiguous one
//! (fall-back) is taken once, at its first occurrence.

pub mod availability;
pub mod calendar;
pub mod date_rules;
pub mod day_hours;
pub mod settings;
pub mod slot_policy;
pub mod wall_time;
pub mod weekly_hours;
pub mod zone;
pub mod zone_offsets;

#[cfg(test)]
mod availability_properties;

pub use availability::{Busy, Schedule, Slot, available_slots, next_slot_entering_horizon};
pub use date_rules::{DateOverride, DayRule, TimeOff};
pub use day_hours::DayHours;
pub use slot_policy::SlotPolicy;
pub use wall_time::{WallTime, WorkInterval};
pub use weekly_hours::WeeklyHours;
pub use zone::TimeZone;
