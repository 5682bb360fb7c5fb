//! The sentences shown next to refused fields.

use super::field_error::{Field, FieldError, FieldErrorCode};

impl FieldError {
    /// A human sentence for this error, shown next to the field.
    pub fn message(&self) -> String {
        use FieldErrorCode as C;
        let limits = field_limits(self.field);
        match (self.field, self.code) {
            (Field::CalendarUrl, C::Required | C::InvalidFormat) => {
                "Enter the calendar's address, starting with https://.".into()
            }
            (Field::CalendarUrl, C::Unknown) => {
                "That address cannot be used: its server could not be found, or it points inside \
                 a private network."
                    .into()
            }
            (Field::CalendarUrl, C::Taken) => "This calendar is already connected.".into(),
            (Field::CalendarUrl, C::OutOfRange) => {
                "You have connected as many calendars as can be: remove one first.".into()
            }
            (Field::CalendarPassword, C::Unknown) => {
                "CalDAV calendars cannot be connected on this server yet: the clinic has not set \
                 its calendar key. An ICS address works."
                    .into()
            }
            (Field::RefundDeposit, _) => "Choose one of your card deposits from the list.".into(),
            (Field::RefundAmount, C::OutOfRange) => {
                "That is more than can go back to this card: at most what is left of that deposit, \
                 and no more than your wallet holds."
                    .into()
            }
            (Field::Amount | Field::RefundAmount, C::Required | C::InvalidFormat) => {
                "Enter an amount like 25 or 25.50.".into()
            }
            (_, C::DecimalComma) => {
                "Use a point for decimals and commas only between thousands: 10.50 or 1,000.00 \
                 (not 10,50)."
                    .into()
            }
            (Field::Amount | Field::RefundAmount, C::NotPositive) => {
                "Enter an amount greater than zero.".into()
            }
            (Field::Amount | Field::RefundAmount, C::TooPrecise) => {
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
            (Field::Confirmation, _) => "Tick the box to confirm.".into(),
            (Field::Diagnosis, C::Required) => {
                "Write at least one part of the note: a diagnosis, advice, a follow-up or a \
                 private note."
                    .into()
            }
            (Field::FollowUpWeeks, _) => {
                format!(
                    "Enter a whole number of weeks from 1 to {}, or leave it empty.",
                    crate::domain::visit_note::MAX_FOLLOW_UP_WEEKS
                )
            }
            (Field::Photo, C::Required) => "Choose a picture file: this one is empty.".into(),
            (Field::Photo, C::TooLong) => {
                "This picture is larger than 5 MB: choose a smaller one or export it smaller."
                    .into()
            }
            (Field::Photo, C::OutOfRange) => {
                "This picture has more than 20 megapixels: choose a smaller one.".into()
            }
            (Field::Photo, C::Damaged) => {
                "This picture is damaged or incomplete (perhaps not fully downloaded): choose \
                 another file."
                    .into()
            }
            (Field::Photo, _) => {
                "This is not a JPEG, PNG or WebP picture we can read: choose another file.".into()
            }
            (_, C::Damaged) => "This file is damaged or incomplete.".into(),
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
            (Field::Specialty, C::Taken) => "A specialty with this name already exists.".into(),
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
        Field::ReviewBody | Field::Reply => (1, crate::domain::review::MAX_TEXT),
        Field::Reason => (crate::domain::review::MIN_REASON, crate::domain::review::MAX_REASON),
        Field::Allergies | Field::Conditions => (0, crate::domain::patient_details::MAX_MEDICAL),
        Field::Address => (0, crate::domain::patient_details::MAX_ADDRESS),
        Field::Diagnosis => (0, crate::domain::visit_note::MAX_DIAGNOSIS),
        Field::Advice => (0, crate::domain::visit_note::MAX_ADVICE),
        Field::PrivateNote => (0, crate::domain::visit_note::MAX_PRIVATE),
        Field::Addendum => (1, crate::domain::visit_note::MAX_ADDENDUM),
        Field::Specialty => {
            (crate::domain::specialty_name::MIN_LEN, crate::domain::specialty_name::MAX_LEN)
        }
        Field::CalendarUrl => (8, 2000),
        Field::CalendarLabel => (1, 80),
        Field::CalendarUsername => (1, 200),
        Field::CalendarPassword => (1, 500),
        _ => (1, 100),
    }
}
