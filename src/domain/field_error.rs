//! Field-level validation errors with stable codes the UI turns into words.

use serde::{Deserialize, Serialize};

/// A form field that input can be wrong in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    FullName,
    Username,
    Email,
    Phone,
    DateOfBirth,
    Password,
    NewPassword,
    CurrentPassword,
    ConfirmPassword,
    Role,
    Specialty,
    LicenceNumber,
    HoursMon,
    HoursTue,
    HoursWed,
    HoursThu,
    HoursFri,
    HoursSat,
    HoursSun,
    OverrideDate,
    OverrideHours,
    TimeOffStart,
    TimeOffEnd,
    SlotMinutes,
    BufferBefore,
    BufferAfter,
    MinNotice,
    Horizon,
    TimeZone,
    Fee,
    Currency,
    Bio,
    YearsOfExperience,
    Location,
    Date,
    Month,
    Note,
    Amount,
    CardNumber,
    CardExpiry,
    CardCvc,
    CardHolder,
    PaymentMethod,
}

impl Field {
    /// Every field, for decoding and tests.
    pub const ALL: [Field; 43] = [
        Field::FullName,
        Field::Username,
        Field::Email,
        Field::Phone,
        Field::DateOfBirth,
        Field::Password,
        Field::NewPassword,
        Field::CurrentPassword,
        Field::ConfirmPassword,
        Field::Role,
        Field::Specialty,
        Field::LicenceNumber,
        Field::HoursMon,
        Field::HoursTue,
        Field::HoursWed,
        Field::HoursThu,
        Field::HoursFri,
        Field::HoursSat,
        Field::HoursSun,
        Field::OverrideDate,
        Field::OverrideHours,
        Field::TimeOffStart,
        Field::TimeOffEnd,
        Field::SlotMinutes,
        Field::BufferBefore,
        Field::BufferAfter,
        Field::MinNotice,
        Field::Horizon,
        Field::TimeZone,
        Field::Fee,
        Field::Currency,
        Field::Bio,
        Field::YearsOfExperience,
        Field::Location,
        Field::Date,
        Field::Month,
        Field::Note,
        Field::Amount,
        Field::CardNumber,
        Field::CardExpiry,
        Field::CardCvc,
        Field::CardHolder,
        Field::PaymentMethod,
    ];

    /// Stable wire name of the field (matches the form input's `name`).
    pub fn as_str(self) -> &'static str {
        match self {
            Field::FullName => "full_name",
            Field::Username => "username",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::DateOfBirth => "date_of_birth",
            Field::Password => "password",
            Field::NewPassword => "new_password",
            Field::CurrentPassword => "current_password",
            Field::ConfirmPassword => "confirm_password",
            Field::Role => "role",
            Field::Specialty => "specialty",
            Field::LicenceNumber => "licence_number",
            Field::HoursMon => "hours_mon",
            Field::HoursTue => "hours_tue",
            Field::HoursWed => "hours_wed",
            Field::HoursThu => "hours_thu",
            Field::HoursFri => "hours_fri",
            Field::HoursSat => "hours_sat",
            Field::HoursSun => "hours_sun",
            Field::OverrideDate => "override_date",
            Field::OverrideHours => "override_hours",
            Field::TimeOffStart => "time_off_start",
            Field::TimeOffEnd => "time_off_end",
            Field::SlotMinutes => "slot_minutes",
            Field::BufferBefore => "buffer_before",
            Field::BufferAfter => "buffer_after",
            Field::MinNotice => "min_notice",
            Field::Horizon => "horizon",
            Field::TimeZone => "time_zone",
            Field::Fee => "fee",
            Field::Currency => "currency",
            Field::Bio => "bio",
            Field::YearsOfExperience => "years_of_experience",
            Field::Location => "location",
            Field::Date => "date",
            Field::Month => "month",
            Field::Note => "note",
            Field::Amount => "amount",
            Field::CardNumber => "card_number",
            Field::CardExpiry => "card_expiry",
            Field::CardCvc => "card_cvc",
            Field::CardHolder => "card_holder",
            Field::PaymentMethod => "payment_method",
        }
    }

    /// Parses a wire name back into a field.
    pub fn parse(raw: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.as_str() == raw)
    }
}

/// Why a field's value was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldErrorCode {
    Required,
    TooShort,
    TooLong,
    InvalidCharacters,
    InvalidFormat,
    InFuture,
    TooOld,
    Taken,
    Common,
    ContainsIdentity,
    Unknown,
    Incorrect,
    SameAsCurrent,
    Mismatch,
    Overlap,
    EndBeforeStart,
    SlotTooLong,
    OutOfRange,
    InPast,
    NotPositive,
    TooPrecise,
}

impl FieldErrorCode {
    /// Every code, for decoding and tests.
    pub const ALL: [FieldErrorCode; 21] = [
        FieldErrorCode::Required,
        FieldErrorCode::TooShort,
        FieldErrorCode::TooLong,
        FieldErrorCode::InvalidCharacters,
        FieldErrorCode::InvalidFormat,
        FieldErrorCode::InFuture,
        FieldErrorCode::TooOld,
        FieldErrorCode::Taken,
        FieldErrorCode::Common,
        FieldErrorCode::ContainsIdentity,
        FieldErrorCode::Unknown,
        FieldErrorCode::Incorrect,
        FieldErrorCode::SameAsCurrent,
        FieldErrorCode::Mismatch,
        FieldErrorCode::Overlap,
        FieldErrorCode::EndBeforeStart,
        FieldErrorCode::SlotTooLong,
        FieldErrorCode::OutOfRange,
        FieldErrorCode::InPast,
        FieldErrorCode::NotPositive,
        FieldErrorCode::TooPrecise,
    ];

    /// Stable wire name of the code.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldErrorCode::Required => "required",
            FieldErrorCode::TooShort => "too_short",
            FieldErrorCode::TooLong => "too_long",
            FieldErrorCode::InvalidCharacters => "invalid_characters",
            FieldErrorCode::InvalidFormat => "invalid_format",
            FieldErrorCode::InFuture => "in_future",
            FieldErrorCode::TooOld => "too_old",
            FieldErrorCode::Taken => "taken",
            FieldErrorCode::Common => "common",
            FieldErrorCode::ContainsIdentity => "contains_identity",
            FieldErrorCode::Unknown => "unknown",
            FieldErrorCode::Incorrect => "incorrect",
            FieldErrorCode::SameAsCurrent => "same_as_current",
            FieldErrorCode::Mismatch => "mismatch",
            FieldErrorCode::Overlap => "overlap",
            FieldErrorCode::EndBeforeStart => "end_before_start",
            FieldErrorCode::SlotTooLong => "slot_too_long",
            FieldErrorCode::OutOfRange => "out_of_range",
            FieldErrorCode::InPast => "in_past",
            FieldErrorCode::NotPositive => "not_positive",
            FieldErrorCode::TooPrecise => "too_precise",
        }
    }

    /// Parses a wire name back into a code.
    pub fn parse(raw: &str) -> Option<FieldErrorCode> {
        FieldErrorCode::ALL.into_iter().find(|c| c.as_str() == raw)
    }
}

/// One refused field and the reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    pub code: FieldErrorCode,
}

impl FieldError {
    /// Builds a field error.
    pub fn new(field: Field, code: FieldErrorCode) -> Self {
        Self { field, code }
    }

    /// A human sentence for this error, shown next to the field.
    pub fn message(&self) -> String {
        use FieldErrorCode as C;
        let limits = field_limits(self.field);
        match (self.field, self.code) {
            (Field::Amount, C::Required | C::InvalidFormat) => {
                "Enter an amount like 25 or 25.50.".into()
            }
            (Field::Amount, C::NotPositive) => "Enter an amount greater than zero.".into(),
            (Field::Amount, C::TooPrecise) => {
                "Too many decimals: use cents at most (whole units for yen).".into()
            }
            (Field::Amount, C::OutOfRange) => {
                "That is more than one deposit may be: enter a smaller amount.".into()
            }
            (Field::Currency, C::Unknown) => "Choose a currency from the list.".into(),
            (Field::CardNumber, _) => {
                "Check the card number: 12 to 19 digits, as printed on the card.".into()
            }
            (Field::CardExpiry, _) => {
                "Enter the expiry date as MM/YY; the card must not have expired.".into()
            }
            (Field::CardCvc, _) => "Enter the 3 or 4 digit security code.".into(),
            (Field::CardHolder, _) => "Enter the name on the card (up to 100 characters).".into(),
            (Field::PaymentMethod, _) => "Choose how to pay: wallet or card.".into(),
            (_, C::Required) => "This field is required.".into(),
            (Field::Password | Field::NewPassword, C::TooShort) => {
                format!("Use at least {} characters.", limits.0)
            }
            (_, C::TooShort) => format!("Must be at least {} characters.", limits.0),
            (_, C::TooLong) => format!("Must be at most {} characters.", limits.1),
            (Field::Username, C::InvalidCharacters) => {
                "Use letters, digits, '_', '.' or '-', starting with a letter.".into()
            }
            (Field::Phone, C::InvalidCharacters | C::InvalidFormat) => {
                "Enter a phone number with 7 to 15 digits, e.g. +1 555 123 4567.".into()
            }
            (_, C::InvalidCharacters) => "Contains characters that are not allowed.".into(),
            (Field::Email, C::InvalidFormat) => {
                "Enter an email address like name@example.com.".into()
            }
            (
                Field::DateOfBirth
                | Field::Date
                | Field::OverrideDate
                | Field::TimeOffStart
                | Field::TimeOffEnd,
                C::InvalidFormat,
            ) => "Enter a date as YYYY-MM-DD.".into(),
            (Field::Month, C::InvalidFormat) => "Enter a month as YYYY-MM.".into(),
            (
                Field::HoursMon
                | Field::HoursTue
                | Field::HoursWed
                | Field::HoursThu
                | Field::HoursFri
                | Field::HoursSat
                | Field::HoursSun
                | Field::OverrideHours,
                C::InvalidFormat,
            ) => "Write intervals like 10:00-13:00, 14:00-17:00 (or leave empty for a day off)."
                .into(),
            (Field::LicenceNumber, C::InvalidFormat) => {
                "Use 4 to 32 letters, digits, '-', '/' or '.'.".into()
            }
            (_, C::InvalidFormat) => "This value is not in the expected format.".into(),
            (Field::DateOfBirth, C::InFuture) => "This date cannot be in the future.".into(),
            (_, C::InFuture) => "This date is too far ahead.".into(),
            (_, C::InPast) => "This date is in the past.".into(),
            (_, C::TooOld) => "Please check the year: that is more than 130 years ago.".into(),
            (Field::Username, C::Taken) => "This username is already taken.".into(),
            (Field::Email, C::Taken) => "An account with this email already exists.".into(),
            (Field::LicenceNumber, C::Taken) => "This licence number is already registered.".into(),
            (_, C::Taken) => "This value is already in use.".into(),
            (_, C::Common) => {
                "This password is too common. Choose something less guessable.".into()
            }
            (_, C::ContainsIdentity) => {
                "The password must not contain your username or email.".into()
            }
            (Field::Role, C::Unknown) => {
                "Choose whether you register as a patient or a doctor.".into()
            }
            (Field::Specialty, C::Unknown) => "Choose a specialty from the list.".into(),
            (Field::TimeZone, C::Unknown) => "Choose a time zone from the list.".into(),
            (_, C::Unknown) => "Choose a value from the list.".into(),
            (_, C::Incorrect) => "This is not correct.".into(),
            (Field::Email, C::SameAsCurrent) => "This is already your email address.".into(),
            (_, C::SameAsCurrent) => "The new password must differ from the current one.".into(),
            (_, C::Mismatch) => "The two passwords do not match.".into(),
            (_, C::Overlap) => "These working intervals overlap.".into(),
            (Field::TimeOffEnd, C::EndBeforeStart) => {
                "The last day cannot be before the first.".into()
            }
            (_, C::EndBeforeStart) => "Each interval must end after it starts.".into(),
            (_, C::SlotTooLong) => "An interval is shorter than one appointment slot.".into(),
            (_, C::OutOfRange) => "This value is outside the allowed range.".into(),
            (_, C::NotPositive) => "Enter a number greater than zero.".into(),
            (_, C::TooPrecise) => "Too many decimals.".into(),
        }
    }
}

/// Keeps the value of `result`, or records its error in `errors` (to report all bad fields).
pub fn collect<T>(errors: &mut Vec<FieldError>, result: Result<T, FieldError>) -> Option<T> {
    result.map_err(|e| errors.push(e)).ok()
}

/// Length limits (min, max) in characters, for messages.
fn field_limits(field: Field) -> (usize, usize) {
    match field {
        Field::FullName => {
            (crate::domain::person_name::MIN_LEN, crate::domain::person_name::MAX_LEN)
        }
        Field::Username => (crate::domain::username::MIN_LEN, crate::domain::username::MAX_LEN),
        Field::Email => (3, crate::domain::email::MAX_LEN),
        Field::Password | Field::NewPassword | Field::CurrentPassword | Field::ConfirmPassword => {
            (crate::domain::password::MIN_LEN, crate::domain::password::MAX_LEN)
        }
        Field::LicenceNumber => {
            (crate::domain::licence_number::MIN_LEN, crate::domain::licence_number::MAX_LEN)
        }
        _ => (1, 100),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_and_code_round_trips_through_its_wire_name() {
        for f in Field::ALL {
            assert_eq!(Field::parse(f.as_str()), Some(f));
        }
        for c in FieldErrorCode::ALL {
            assert_eq!(FieldErrorCode::parse(c.as_str()), Some(c));
        }
    }

    #[test]
    fn every_field_error_has_a_message() {
        for f in Field::ALL {
            for c in FieldErrorCode::ALL {
                assert!(FieldError::new(f, c).message().ends_with('.'));
            }
        }
    }
}
