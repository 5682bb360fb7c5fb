//! An amount typed into a form (a deposit, a withdrawal), parsed exactly into minor units.

use crate::domain::field_error::{Field, FieldError, FieldErrorCode};
use crate::domain::money::{AmountError, Currency, Money};

/// Parses `raw` in `currency` (an ISO code), refusing an unknown currency, a malformed, zero,
/// negative or over-precise amount, and anything above `max_major` whole units.
pub fn parse_amount(raw: &str, currency: &str, max_major: i64) -> Result<Money, FieldError> {
    let currency = Currency::parse(currency)
        .ok_or(FieldError::new(Field::Currency, FieldErrorCode::Unknown))?;
    let refuse = |code| FieldError::new(Field::Amount, code);
    if raw.trim().is_empty() {
        return Err(refuse(FieldErrorCode::Required));
    }
    let max_minor = max_major.saturating_mul(10i64.pow(currency.minor_digits()));
    let money = Money::parse(raw, currency, max_minor).map_err(|e| {
        refuse(match e {
            AmountError::Format => FieldErrorCode::InvalidFormat,
            AmountError::DecimalComma => FieldErrorCode::DecimalComma,
            AmountError::TooManyDecimals => FieldErrorCode::TooPrecise,
            AmountError::Negative => FieldErrorCode::NotPositive,
            AmountError::TooLarge => FieldErrorCode::OutOfRange,
        })
    })?;
    if money.minor == 0 {
        return Err(refuse(FieldErrorCode::NotPositive));
    }
    Ok(money)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn code(raw: &str, currency: &str) -> Result<i64, (Field, FieldErrorCode)> {
        parse_amount(raw, currency, 10_000).map(|m| m.minor).map_err(|e| (e.field, e.code))
    }

    #[test]
    fn bad_amounts_and_currencies_are_refused_with_their_own_reason() {
        assert_eq!(code("25.50", "usd"), Ok(2550));
        assert_eq!(code("", "USD"), Err((Field::Amount, FieldErrorCode::Required)));
        assert_eq!(code("0", "USD"), Err((Field::Amount, FieldErrorCode::NotPositive)));
        assert_eq!(code("0.00", "USD"), Err((Field::Amount, FieldErrorCode::NotPositive)));
        assert_eq!(code("-10", "USD"), Err((Field::Amount, FieldErrorCode::NotPositive)));
        assert_eq!(code("10.001", "USD"), Err((Field::Amount, FieldErrorCode::TooPrecise)));
        assert_eq!(code("10.5", "JPY"), Err((Field::Amount, FieldErrorCode::TooPrecise)));
        assert_eq!(code("1e5", "USD"), Err((Field::Amount, FieldErrorCode::InvalidFormat)));
        assert_eq!(code("NaN", "USD"), Err((Field::Amount, FieldErrorCode::InvalidFormat)));
        assert_eq!(code("10000.01", "USD"), Err((Field::Amount, FieldErrorCode::OutOfRange)));
        assert_eq!(
            code("99999999999999999999999", "USD"),
            Err((Field::Amount, FieldErrorCode::OutOfRange))
        );
        assert_eq!(code("10", "XYZ"), Err((Field::Currency, FieldErrorCode::Unknown)));
        assert_eq!(code("10000", "USD"), Ok(1_000_000), "the maximum itself is allowed");
    }

    #[test]
    fn an_amount_is_understood_exactly_or_refused_never_rescaled() {
        let decimal_comma = Err((Field::Amount, FieldErrorCode::DecimalComma));
        let malformed = Err((Field::Amount, FieldErrorCode::InvalidFormat));
        assert_eq!(code("10,00", "USD"), decimal_comma);
        assert_eq!(code("10,5", "USD"), decimal_comma);
        assert_eq!(code("1.000,00", "USD"), decimal_comma);
        assert_eq!(code("1,0,0", "USD"), malformed);
        assert_eq!(code("1,00,000", "USD"), malformed);
        assert_eq!(code(",5", "USD"), malformed);
        assert_eq!(code("1,000.5", "USD"), Ok(100_050));
        assert_eq!(code("1,000.00", "USD"), Ok(100_000));
        assert_eq!(code(" 10 ", "USD"), Ok(1_000));
        assert_eq!(code("১০", "USD"), malformed);
        assert_eq!(code("+10", "USD"), malformed);
        assert_eq!(code("10.", "USD"), malformed);
        assert_eq!(code(".5", "USD"), malformed);
        assert_eq!(code("1,000", "JPY"), Ok(1_000));
    }

    proptest! {
        #[test]
        fn an_accepted_amount_is_positive_and_within_the_maximum(raw in "\\PC{0,16}", max in 1i64..1_000_000) {
            if let Ok(money) = parse_amount(&raw, "USD", max) {
                prop_assert!(money.minor > 0 && money.minor <= max * 100);
            }
        }

        #[test]
        fn grouping_thousands_never_changes_the_value(minor in 1i64..100_000_000) {
            let (whole, cents) = (minor / 100, minor % 100);
            let digits = whole.to_string();
            let mut grouped = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    grouped.push(',');
                }
                grouped.push(c);
            }
            let text = format!("{grouped}.{cents:02}");
            prop_assert_eq!(parse_amount(&text, "USD", 1_000_000).map(|m| m.minor), Ok(minor));
        }
    }
}
