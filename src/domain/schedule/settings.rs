//! A doctor's practice settings: zone, slot rules, fee and profile text.

use super::slot_policy::{BUFFER_MINUTES, HORIZON_DAYS, NOTICE_MINUTES, SLOT_MINUTES, SlotPolicy};
use super::zone::TimeZone;
use crate::domain::field_error::{Field, FieldErrorCode, collect};
use crate::domain::money::{AmountError, Currency, Money};
use crate::domain::{FieldError, clean_text};
use serde::{Deserialize, Serialize};

/// Highest consultation fee, in minor units.
pub const MAX_FEE_MINOR: i64 = 10_000_000;
/// Longest bio, in characters.
pub const MAX_BIO: usize = 2000;
/// Longest location text, in characters.
pub const MAX_LOCATION: usize = 200;

/// The settings form as submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsInput {
    pub time_zone: String,
    pub slot_minutes: String,
    pub buffer_before: String,
    pub buffer_after: String,
    pub min_notice: String,
    pub horizon: String,
    pub fee: String,
    pub currency: String,
    pub bio: String,
    pub years_of_experience: String,
    pub location: String,
    pub auto_confirm: bool,
}

/// Validated settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoctorSettings {
    pub zone: TimeZone,
    pub policy: SlotPolicy,
    pub fee: Money,
    pub bio: String,
    pub years_of_experience: u8,
    pub location: String,
    pub auto_confirm: bool,
}

impl SettingsInput {
    /// Validates every field, reporting all that are wrong.
    pub fn parse(&self) -> Result<DoctorSettings, Vec<FieldError>> {
        let mut errors = Vec::new();
        let zone = collect(
            &mut errors,
            TimeZone::parse(&self.time_zone)
                .ok_or(FieldError::new(Field::TimeZone, FieldErrorCode::Unknown)),
        );
        let slot =
            collect(&mut errors, number(&self.slot_minutes, Field::SlotMinutes, SLOT_MINUTES));
        let before =
            collect(&mut errors, number(&self.buffer_before, Field::BufferBefore, BUFFER_MINUTES));
        let after =
            collect(&mut errors, number(&self.buffer_after, Field::BufferAfter, BUFFER_MINUTES));
        let notice =
            collect(&mut errors, number(&self.min_notice, Field::MinNotice, NOTICE_MINUTES));
        let horizon = collect(&mut errors, number(&self.horizon, Field::Horizon, HORIZON_DAYS));
        let fee = collect(&mut errors, self.parse_fee());
        let bio = collect(&mut errors, text(&self.bio, Field::Bio, MAX_BIO, true));
        let years = collect(
            &mut errors,
            number(&self.years_of_experience, Field::YearsOfExperience, 0u8..=70),
        );
        let location =
            collect(&mut errors, text(&self.location, Field::Location, MAX_LOCATION, false));
        match (zone, slot, before, after, notice, horizon, fee, bio, years, location) {
            (
                Some(zone),
                Some(slot),
                Some(before),
                Some(after),
                Some(notice),
                Some(horizon),
                Some(fee),
                Some(bio),
                Some(years),
                Some(location),
            ) if errors.is_empty() => Ok(DoctorSettings {
                zone,
                policy: SlotPolicy {
                    slot_minutes: slot,
                    buffer_before_minutes: before,
                    buffer_after_minutes: after,
                    min_notice_minutes: notice,
                    horizon_days: horizon,
                },
                fee,
                bio,
                years_of_experience: years,
                location,
                auto_confirm: self.auto_confirm,
            }),
            _ => Err(errors),
        }
    }

    fn parse_fee(&self) -> Result<Money, FieldError> {
        let currency = Currency::parse(&self.currency)
            .ok_or(FieldError::new(Field::Currency, FieldErrorCode::Unknown))?;
        let code = |e| match e {
            AmountError::Format | AmountError::TooManyDecimals => FieldErrorCode::InvalidFormat,
            AmountError::DecimalComma => FieldErrorCode::DecimalComma,
            AmountError::Negative | AmountError::TooLarge => FieldErrorCode::OutOfRange,
        };
        if self.fee.trim().is_empty() {
            return Err(FieldError::new(Field::Fee, FieldErrorCode::Required));
        }
        Money::parse(&self.fee, currency, MAX_FEE_MINOR)
            .map_err(|e| FieldError::new(Field::Fee, code(e)))
    }
}

fn number<T>(raw: &str, field: Field, range: std::ops::RangeInclusive<T>) -> Result<T, FieldError>
where
    T: std::str::FromStr + PartialOrd,
{
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(FieldError::new(field, FieldErrorCode::Required));
    }
    let value: T =
        trimmed.parse().map_err(|_| FieldError::new(field, FieldErrorCode::InvalidFormat))?;
    if range.contains(&value) {
        Ok(value)
    } else {
        Err(FieldError::new(field, FieldErrorCode::OutOfRange))
    }
}

fn text(raw: &str, field: Field, max: usize, multiline: bool) -> Result<String, FieldError> {
    let value = if multiline {
        let ok = raw.chars().all(|c| !c.is_control() || c == '\n' || c == '\r' || c == '\t');
        ok.then(|| raw.trim().replace("\r\n", "\n"))
    } else {
        clean_text(raw).map(str::to_owned)
    };
    let value = value.ok_or(FieldError::new(field, FieldErrorCode::InvalidCharacters))?;
    if value.chars().count() > max {
        return Err(FieldError::new(field, FieldErrorCode::TooLong));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> SettingsInput {
        SettingsInput {
            time_zone: "Europe/London".into(),
            slot_minutes: "30".into(),
            buffer_before: "0".into(),
            buffer_after: "10".into(),
            min_notice: "120".into(),
            horizon: "60".into(),
            fee: "80.00".into(),
            currency: "GBP".into(),
            bio: "Consultant cardiologist.".into(),
            years_of_experience: "12".into(),
            location: "12 Harley Street, London".into(),
            auto_confirm: true,
        }
    }

    #[test]
    fn valid_settings_parse() {
        let settings = valid().parse().expect("valid");
        assert_eq!(settings.fee.minor, 8000);
        assert_eq!(settings.policy.buffer_after_minutes, 10);
        assert_eq!(settings.zone.name(), "Europe/London");
    }

    #[test]
    fn every_bad_setting_is_reported_at_its_field() {
        let input = SettingsInput {
            time_zone: "Mars/Base".into(),
            slot_minutes: "3".into(),
            buffer_after: "banana".into(),
            horizon: "0".into(),
            fee: "-5".into(),
            years_of_experience: "200".into(),
            ..valid()
        };
        let fields: Vec<(Field, FieldErrorCode)> =
            input.parse().expect_err("invalid").into_iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            fields,
            vec![
                (Field::TimeZone, FieldErrorCode::Unknown),
                (Field::SlotMinutes, FieldErrorCode::OutOfRange),
                (Field::BufferAfter, FieldErrorCode::InvalidFormat),
                (Field::Horizon, FieldErrorCode::OutOfRange),
                (Field::Fee, FieldErrorCode::OutOfRange),
                (Field::YearsOfExperience, FieldErrorCode::OutOfRange),
            ]
        );
    }
}
