//! Free text written in a box (reviews, answers, visit notes): line breaks kept, surrounding
//! space trimmed, other control characters refused, length in characters within limits.

use super::field_error::{Field, FieldError, FieldErrorCode};

/// `raw` cleaned for `field`, between `min` and `max` characters.
pub fn long_text(raw: &str, field: Field, min: usize, max: usize) -> Result<String, FieldError> {
    let cleaned = raw.replace("\r\n", "\n");
    let trimmed = cleaned.trim();
    if trimmed.chars().any(|c| c.is_control() && c != '\n') {
        return Err(FieldError::new(field, FieldErrorCode::InvalidCharacters));
    }
    let length = trimmed.chars().count();
    if length < min {
        let code = if length == 0 { FieldErrorCode::Required } else { FieldErrorCode::TooShort };
        return Err(FieldError::new(field, code));
    }
    if length > max {
        return Err(FieldError::new(field, FieldErrorCode::TooLong));
    }
    Ok(trimmed.to_owned())
}
