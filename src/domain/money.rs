//! Money as integer minor units with a currency. Never floats.

use serde::{Deserialize, Serialize};

/// Currencies the clinic accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Currency {
    USD,
    EUR,
    GBP,
    INR,
    AUD,
    CAD,
    CHF,
    JPY,
}

impl Currency {
    /// Every accepted currency.
    pub const ALL: [Currency; 8] = [
        Currency::USD,
        Currency::EUR,
        Currency::GBP,
        Currency::INR,
        Currency::AUD,
        Currency::CAD,
        Currency::CHF,
        Currency::JPY,
    ];

    /// ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::USD => "USD",
            Currency::EUR => "EUR",
            Currency::GBP => "GBP",
            Currency::INR => "INR",
            Currency::AUD => "AUD",
            Currency::CAD => "CAD",
            Currency::CHF => "CHF",
            Currency::JPY => "JPY",
        }
    }

    /// Parses an ISO 4217 code (case-insensitive).
    pub fn parse(raw: &str) -> Option<Currency> {
        let upper = raw.trim().to_ascii_uppercase();
        Currency::ALL.into_iter().find(|c| c.code() == upper)
    }

    /// Digits after the decimal point (0 for yen).
    pub fn minor_digits(self) -> u32 {
        match self {
            Currency::JPY => 0,
            _ => 2,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Currency::USD => "$",
            Currency::EUR => "€",
            Currency::GBP => "£",
            Currency::INR => "₹",
            Currency::AUD => "A$",
            Currency::CAD => "C$",
            Currency::CHF => "CHF ",
            Currency::JPY => "¥",
        }
    }
}

/// An amount in minor units (cents) of a currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

/// Why an amount was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    Format,
    /// A comma where a decimal point belongs (`10,00`, `1.000,50`): refused rather than guessed.
    DecimalComma,
    TooManyDecimals,
    Negative,
    TooLarge,
}

/// `raw` without its thousands separators, which must group the whole part in threes
/// (`1,234,567.50`). A comma that can only be a decimal separator is `DecimalComma`; any other
/// comma is a format error.
fn without_thousands_separators(raw: &str) -> Result<String, AmountError> {
    if !raw.contains(',') {
        return Ok(raw.to_owned());
    }
    let (whole, fraction) = match raw.split_once('.') {
        Some(("", _)) => return Err(AmountError::Format),
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (raw, None),
    };
    if fraction.is_some_and(|f| f.contains(',')) {
        // `1.000,50`: points group the thousands, the comma marks the decimals.
        return Err(AmountError::DecimalComma);
    }
    let groups: Vec<&str> = whole.split(',').collect();
    let digits = |g: &str| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit());
    let grouped = groups.iter().all(|g| digits(g))
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3);
    if grouped {
        return Ok(raw.replace(',', ""));
    }
    let last = groups.last().copied().unwrap_or("");
    if fraction.is_none()
        && groups.len() == 2
        && digits(groups[0])
        && digits(last)
        && last.len() <= 2
    {
        // `10,00`, `10,5`: a decimal comma.
        return Err(AmountError::DecimalComma);
    }
    Err(AmountError::Format)
}

impl Money {
    /// Parses a decimal amount like `50`, `50.5`, `1234.99` or `1,234.99` exactly (no floats),
    /// refusing negatives, more decimals than the currency has, and amounts above `max_minor`.
    /// Only ASCII digits count; commas are accepted only as thousands separators in their
    /// places, and a comma used as a decimal separator is refused, never silently dropped.
    pub fn parse(raw: &str, currency: Currency, max_minor: i64) -> Result<Money, AmountError> {
        let trimmed = raw.trim();
        if trimmed.starts_with('-') {
            return Err(AmountError::Negative);
        }
        let text = without_thousands_separators(trimmed)?;
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let digits = currency.minor_digits() as usize;
        let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty()
            || !all_digits(whole)
            || !all_digits(fraction)
            || (text.contains('.') && fraction.is_empty())
        {
            return Err(AmountError::Format);
        }
        if fraction.len() > digits {
            return Err(AmountError::TooManyDecimals);
        }
        let scale = 10i64.pow(digits as u32);
        let whole: i64 = whole.parse().map_err(|_| AmountError::TooLarge)?;
        let fraction: i64 = format!("{fraction:0<digits$}").parse().unwrap_or(0);
        let minor = whole
            .checked_mul(scale)
            .and_then(|m| m.checked_add(fraction))
            .ok_or(AmountError::TooLarge)?;
        if minor > max_minor {
            return Err(AmountError::TooLarge);
        }
        Ok(Money { minor, currency })
    }

    /// The amount as a plain decimal, e.g. `50.00`.
    pub fn decimal(self) -> String {
        let digits = self.currency.minor_digits();
        if digits == 0 {
            return self.minor.to_string();
        }
        let scale = 10i64.pow(digits);
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        format!(
            "{sign}{}.{:0width$}",
            abs / scale as u64,
            abs % scale as u64,
            width = digits as usize
        )
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.minor < 0 { "-" } else { "" };
        let magnitude = Money { minor: self.minor.saturating_abs(), currency: self.currency };
        write!(f, "{sign}{}{}", self.currency.symbol(), magnitude.decimal())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn amounts_parse_exactly_into_minor_units() {
        let usd = |raw| Money::parse(raw, Currency::USD, 100_000_000).map(|m| m.minor);
        assert_eq!(usd("50"), Ok(5000));
        assert_eq!(usd("50.5"), Ok(5050));
        assert_eq!(usd("0.07"), Ok(7));
        assert_eq!(usd("1,234.99"), Ok(123_499));
        assert_eq!(usd("-5"), Err(AmountError::Negative));
        assert_eq!(usd("5.001"), Err(AmountError::TooManyDecimals));
        assert_eq!(usd("banana"), Err(AmountError::Format));
        assert_eq!(usd("5."), Err(AmountError::Format));
        assert_eq!(usd("99999999999999999999"), Err(AmountError::TooLarge));
        assert_eq!(Money::parse("500", Currency::JPY, 1_000_000).map(|m| m.minor), Ok(500));
        assert_eq!(
            Money::parse("5.5", Currency::JPY, 1_000_000),
            Err(AmountError::TooManyDecimals)
        );
    }

    #[test]
    fn amounts_print_with_their_currency() {
        assert_eq!(Money { minor: 5050, currency: Currency::USD }.to_string(), "$50.50");
        assert_eq!(Money { minor: 1200, currency: Currency::EUR }.to_string(), "€12.00");
        assert_eq!(Money { minor: 900, currency: Currency::JPY }.to_string(), "¥900");
        assert_eq!(Money { minor: -6000, currency: Currency::USD }.to_string(), "-$60.00");
    }

    proptest! {
        #[test]
        fn printing_then_parsing_gives_the_same_amount(minor in 0i64..1_000_000_000) {
            for currency in Currency::ALL {
                let money = Money { minor, currency };
                prop_assert_eq!(Money::parse(&money.decimal(), currency, i64::MAX), Ok(money));
            }
        }
    }
}
