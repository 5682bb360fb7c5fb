//! How a doctor's time is cut into bookable slots.

use serde::{Deserialize, Serialize};

/// Slot length, buffers, minimum notice and booking horizon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotPolicy {
    /// Length of one appointment, 5–240 minutes.
    pub slot_minutes: u16,
    /// Free time kept before each appointment, 0–120 minutes.
    pub buffer_before_minutes: u16,
    /// Free time kept after each appointment, 0–120 minutes.
    pub buffer_after_minutes: u16,
    /// How far ahead of its start a slot must be booked.
    pub min_notice_minutes: u32,
    /// How many days ahead slots are offered.
    pub horizon_days: u16,
}

impl Default for SlotPolicy {
    /// 30-minute slots, no buffers, 2 hours' notice, 60 days ahead.
    fn default() -> Self {
        SlotPolicy {
            slot_minutes: 30,
            buffer_before_minutes: 0,
            buffer_after_minutes: 0,
            min_notice_minutes: 120,
            horizon_days: 60,
        }
    }
}

/// Allowed slot lengths.
pub const SLOT_MINUTES: std::ops::RangeInclusive<u16> = 5..=240;
/// Allowed buffer lengths.
pub const BUFFER_MINUTES: std::ops::RangeInclusive<u16> = 0..=120;
/// Allowed minimum notice (up to 30 days).
pub const NOTICE_MINUTES: std::ops::RangeInclusive<u32> = 0..=43_200;
/// Allowed horizon.
pub const HORIZON_DAYS: std::ops::RangeInclusive<u16> = 1..=365;
