//! Field-level validation errors with stable codes the UI turns into words.

pub use super::field_error_code::FieldErrorCode;
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
    SearchText,
    FeeMin,
    FeeMax,
    MinExperience,
    MinRating,
    FreeOn,
    Language,
    Sort,
    Page,
    BloodGroup,
    Address,
    EmergencyName,
    EmergencyRelation,
    EmergencyPhone,
    Allergies,
    Conditions,
    Photo,
    Languages,
    PracticeLocation,
    Stars,
    ReviewBody,
    Reply,
    Reason,
    /// The box ticked to confirm something that cannot be undone.
    Confirmation,
    /// A visit note's parts: the diagnosis in plain words, advice, the follow-up in weeks, the
    /// doctor's private note; and an addendum once the note is closed.
    Diagnosis,
    Advice,
    FollowUpWeeks,
    PrivateNote,
    Addendum,
    /// The card deposit whose card wallet credit goes back to.
    RefundDeposit,
    /// How much wallet credit goes back to a card.
    RefundAmount,
    /// A doctor's own calendar: its address, name, CalDAV user name and app password.
    CalendarUrl,
    CalendarLabel,
    CalendarUsername,
    CalendarPassword,
    /// A personal access token's name, scopes and lifetime in days.
    TokenName,
    TokenScopes,
    TokenDays,
}

impl Field {
    /// Every field, for decoding and tests.
    pub const ALL: [Field; 81] = [
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
        Field::SearchText,
        Field::FeeMin,
        Field::FeeMax,
        Field::MinExperience,
        Field::MinRating,
        Field::FreeOn,
        Field::Language,
        Field::Sort,
        Field::Page,
        Field::BloodGroup,
        Field::Address,
        Field::EmergencyName,
        Field::EmergencyRelation,
        Field::EmergencyPhone,
        Field::Allergies,
        Field::Conditions,
        Field::Photo,
        Field::Languages,
        Field::PracticeLocation,
        Field::Stars,
        Field::ReviewBody,
        Field::Reply,
        Field::Reason,
        Field::Confirmation,
        Field::Diagnosis,
        Field::Advice,
        Field::FollowUpWeeks,
        Field::PrivateNote,
        Field::Addendum,
        Field::RefundDeposit,
        Field::RefundAmount,
        Field::CalendarUrl,
        Field::CalendarLabel,
        Field::CalendarUsername,
        Field::CalendarPassword,
        Field::TokenName,
        Field::TokenScopes,
        Field::TokenDays,
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
            Field::SearchText => "q",
            Field::FeeMin => "fee_min",
            Field::FeeMax => "fee_max",
            Field::MinExperience => "experience",
            Field::MinRating => "rating",
            Field::FreeOn => "free_on",
            Field::Language => "language",
            Field::Sort => "sort",
            Field::Page => "page",
            Field::BloodGroup => "blood_group",
            Field::Address => "address",
            Field::EmergencyName => "emergency_name",
            Field::EmergencyRelation => "emergency_relation",
            Field::EmergencyPhone => "emergency_phone",
            Field::Allergies => "allergies",
            Field::Conditions => "conditions",
            Field::Photo => "photo",
            Field::Languages => "languages",
            Field::PracticeLocation => "practice_location",
            Field::Stars => "stars",
            Field::ReviewBody => "review_body",
            Field::Reply => "reply",
            Field::Reason => "reason",
            Field::Confirmation => "understood",
            Field::Diagnosis => "diagnosis",
            Field::Advice => "advice",
            Field::FollowUpWeeks => "follow_up_weeks",
            Field::PrivateNote => "private_note",
            Field::Addendum => "addendum",
            Field::RefundDeposit => "deposit_id",
            Field::RefundAmount => "refund_amount",
            Field::CalendarUrl => "calendar_url",
            Field::CalendarLabel => "calendar_label",
            Field::CalendarUsername => "calendar_username",
            Field::CalendarPassword => "calendar_password",
            Field::TokenName => "name",
            Field::TokenScopes => "scopes",
            Field::TokenDays => "expires_in_days",
        }
    }

    /// Parses a wire name back into a field.
    pub fn parse(raw: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.as_str() == raw)
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
}

/// Keeps the value of `result`, or records its error in `errors` (to report all bad fields).
pub fn collect<T>(errors: &mut Vec<FieldError>, result: Result<T, FieldError>) -> Option<T> {
    result.map_err(|e| errors.push(e)).ok()
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
