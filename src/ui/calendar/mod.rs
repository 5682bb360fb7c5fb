//! The patient's interactive availability calendar.

mod booking_calendar;
mod day_slot_list;
mod month_calendar;
mod month_overview;
mod zone_picker;

pub use booking_calendar::BookingCalendar;
pub use day_slot_list::{DaySlotList, SlotChoice};
pub use month_calendar::MonthCalendar;
pub use month_overview::MonthOverview;
pub use zone_picker::ZonePicker;
