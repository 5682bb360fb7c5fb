//! How a patient pays a consultation fee.

use crate::domain::field_error::{Field, FieldError, FieldErrorCode};
use serde::{Deserialize, Serialize};

/// From the wallet's balance, or by card at booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    Wallet,
    Card,
}

impl PaymentMethod {
    /// Parses the form value (`wallet` or `card`).
    pub fn parse(raw: &str) -> Result<PaymentMethod, FieldError> {
        match raw.trim() {
            "wallet" => Ok(PaymentMethod::Wallet),
            "card" => Ok(PaymentMethod::Card),
            "" => Err(FieldError::new(Field::PaymentMethod, FieldErrorCode::Required)),
            _ => Err(FieldError::new(Field::PaymentMethod, FieldErrorCode::Unknown)),
        }
    }

    /// The form value.
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::Wallet => "wallet",
            PaymentMethod::Card => "card",
        }
    }
}
