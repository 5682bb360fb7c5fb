//! The doctor's schedule editor sections.

mod overrides_section;
mod own_calendars;
mod settings_form;
mod slot_preview;
mod time_off_section;
mod weekly_hours_form;

pub use overrides_section::OverridesSection;
pub use own_calendars::OwnCalendars;
pub use settings_form::SettingsForm;
pub use slot_preview::SlotPreview;
pub use time_off_section::TimeOffSection;
pub use weekly_hours_form::WeeklyHoursForm;
