//! A payment card as typed into the deposit or payment form. Only the last four digits are ever
//! kept; the number, expiry and CVC go to the payment provider and are then dropped.

use chrono::{Datelike, NaiveDate};

/// Why card details were refused (each names its field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardError {
    /// Not 12–19 digits, or the check digit is wrong (Luhn).
    Number,
    /// Not MM/YY (or MM/YYYY), or a month that has ended.
    Expiry,
    /// Not 3 or 4 digits.
    Cvc,
    /// Empty, too long, or with control characters.
    Holder,
}

impl CardError {
    /// The form field this error belongs to.
    pub fn field_error(self) -> crate::domain::FieldError {
        use crate::domain::{Field, FieldErrorCode};
        let field = match self {
            CardError::Number => Field::CardNumber,
            CardError::Expiry => Field::CardExpiry,
            CardError::Cvc => Field::CardCvc,
            CardError::Holder => Field::CardHolder,
        };
        crate::domain::FieldError::new(field, FieldErrorCode::InvalidFormat)
    }
}

/// Card details that passed every check.
#[derive(Clone, PartialEq, Eq)]
pub struct Card {
    digits: String,
    pub expiry_month: u32,
    pub expiry_year: i32,
    cvc: String,
    pub holder: String,
}

impl std::fmt::Debug for Card {
    /// Shows only the last four digits.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Card(**** {})", self.last4())
    }
}

/// Whether `digits` pass the Luhn check.
pub fn luhn_valid(digits: &str) -> bool {
    let mut sum = 0;
    for (i, c) in digits.chars().rev().enumerate() {
        let Some(d) = c.to_digit(10) else { return false };
        sum += if i % 2 == 1 { if d * 2 > 9 { d * 2 - 9 } else { d * 2 } } else { d };
    }
    !digits.is_empty() && sum % 10 == 0
}

impl Card {
    /// Checks a card as typed (spaces and dashes in the number are ignored) against `today`.
    pub fn parse(
        number: &str,
        expiry: &str,
        cvc: &str,
        holder: &str,
        today: NaiveDate,
    ) -> Result<Card, Vec<CardError>> {
        let mut errors = Vec::new();
        let digits: String = number.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        if !(12..=19).contains(&digits.len()) || !luhn_valid(&digits) {
            errors.push(CardError::Number);
        }
        let expiry = parse_expiry(expiry)
            .filter(|&(month, year)| (year, month) >= (today.year(), today.month()));
        if expiry.is_none() {
            errors.push(CardError::Expiry);
        }
        let cvc = cvc.trim();
        if !(3..=4).contains(&cvc.len()) || !cvc.bytes().all(|b| b.is_ascii_digit()) {
            errors.push(CardError::Cvc);
        }
        let holder = holder.trim();
        if holder.is_empty() || holder.chars().count() > 100 || holder.chars().any(char::is_control)
        {
            errors.push(CardError::Holder);
        }
        match (errors.is_empty(), expiry) {
            (true, Some((expiry_month, expiry_year))) => Ok(Card {
                digits,
                expiry_month,
                expiry_year,
                cvc: cvc.to_owned(),
                holder: holder.to_owned(),
            }),
            _ => Err(errors),
        }
    }

    /// The last four digits, the only part ever stored.
    pub fn last4(&self) -> &str {
        &self.digits[self.digits.len() - 4..]
    }

    /// The full number, for the payment provider only.
    pub fn number(&self) -> &str {
        &self.digits
    }

    /// The security code, for the payment provider only.
    pub fn cvc(&self) -> &str {
        &self.cvc
    }
}

/// `MM/YY`, `MM / YY` or `MM/YYYY` → (month, year).
fn parse_expiry(raw: &str) -> Option<(u32, i32)> {
    let (month, year) = raw.split_once('/')?;
    let month: u32 = month.trim().parse().ok().filter(|m| (1..=12).contains(m))?;
    let year = year.trim();
    let year: i32 = match year.len() {
        2 => 2000 + year.parse::<i32>().ok()?,
        4 => year.parse().ok()?,
        _ => return None,
    };
    Some((month, year))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).expect("date")
    }

    #[test]
    fn a_valid_card_keeps_only_its_last_four_digits_in_sight() {
        let card = Card::parse("4242 4242 4242 4242", "12/28", "123", " Ann Lee ", today())
            .expect("valid");
        assert_eq!(card.last4(), "4242");
        assert_eq!(
            (card.expiry_month, card.expiry_year, card.holder.as_str()),
            (12, 2028, "Ann Lee")
        );
        assert_eq!(format!("{card:?}"), "Card(**** 4242)");
    }

    #[test]
    fn each_bad_field_is_named() {
        assert_eq!(
            Card::parse("4242 4242 4242 4241", "12/28", "123", "Ann", today()),
            Err(vec![CardError::Number])
        );
        assert_eq!(
            Card::parse("4242", "12/28", "123", "Ann", today()),
            Err(vec![CardError::Number])
        );
        assert_eq!(
            Card::parse("4242424242424242", "10/26", "123", "Ann", today()),
            Err(vec![CardError::Expiry]),
            "ended last month"
        );
        assert!(
            Card::parse("4242424242424242", "11/26", "123", "Ann", today()).is_ok(),
            "valid to the end of its month"
        );
        assert_eq!(
            Card::parse("4242424242424242", "13/28", "12", "", today()),
            Err(vec![CardError::Expiry, CardError::Cvc, CardError::Holder])
        );
    }

    #[test]
    fn luhn_accepts_the_documented_test_numbers() {
        for number in
            ["4242424242424242", "4000000000000002", "4000000000000119", "5555555555554444"]
        {
            assert!(luhn_valid(number), "{number}");
        }
        assert!(!luhn_valid("4242424242424243"));
        assert!(!luhn_valid("42a2"));
    }
}
