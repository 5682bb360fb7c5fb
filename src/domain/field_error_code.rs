//! Why a field's value was refused: stable codes the UI turns into words.

use serde::{Deserialize, Serialize};

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
    DecimalComma,
    /// A file that cannot be read to its end (truncated or corrupt).
    Damaged,
}

impl FieldErrorCode {
    /// Every code, for decoding and tests.
    pub const ALL: [FieldErrorCode; 23] = [
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
        FieldErrorCode::DecimalComma,
        FieldErrorCode::Damaged,
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
            FieldErrorCode::DecimalComma => "decimal_comma",
            FieldErrorCode::Damaged => "damaged",
        }
    }

    /// Parses a wire name back into a code.
    pub fn parse(raw: &str) -> Option<FieldErrorCode> {
        FieldErrorCode::ALL.into_iter().find(|c| c.as_str() == raw)
    }
}
