//! A patient's own details: contact, date of birth, blood group, address, emergency contact and
//! the allergies and long-term conditions their doctors should know. Each field is checked on
//! its own and refused at its field.

use super::field_error::{Field, FieldError, FieldErrorCode};
use super::{DateOfBirth, PersonName, Phone};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The blood groups a patient can give.
pub const BLOOD_GROUPS: [&str; 8] = ["A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"];
/// The longest address line, emergency-contact relation and medical note (characters).
pub const MAX_ADDRESS: usize = 200;
pub const MAX_RELATION: usize = 40;
pub const MAX_MEDICAL: usize = 1000;

/// The form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatientDetailsInput {
    pub full_name: String,
    pub phone: String,
    pub date_of_birth: String,
    pub blood_group: String,
    pub address: String,
    pub emergency_name: String,
    pub emergency_relation: String,
    pub emergency_phone: String,
    pub allergies: String,
    pub conditions: String,
}

/// The details once every field was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatientDetails {
    pub full_name: PersonName,
    pub phone: Phone,
    pub date_of_birth: DateOfBirth,
    pub blood_group: Option<&'static str>,
    pub address: String,
    /// Name, relation (may be empty) and phone; `None` when not given.
    pub emergency: Option<(PersonName, String, Phone)>,
    pub allergies: String,
    pub conditions: String,
}

impl PatientDetailsInput {
    /// Reads every field, collecting every refusal (`today` bounds the date of birth).
    pub fn parse(&self, today: NaiveDate) -> Result<PatientDetails, Vec<FieldError>> {
        let mut errors = Vec::new();
        let full_name = keep(&mut errors, PersonName::parse(&self.full_name));
        let phone = keep(&mut errors, Phone::parse(&self.phone));
        let date_of_birth = keep(&mut errors, DateOfBirth::parse(&self.date_of_birth, today));
        let blood_group = keep(&mut errors, blood_group(&self.blood_group));
        let address = keep(&mut errors, text(&self.address, Field::Address, MAX_ADDRESS));
        let allergies = keep(&mut errors, text(&self.allergies, Field::Allergies, MAX_MEDICAL));
        let conditions = keep(&mut errors, text(&self.conditions, Field::Conditions, MAX_MEDICAL));
        let relation = keep(
            &mut errors,
            text(&self.emergency_relation, Field::EmergencyRelation, MAX_RELATION),
        );
        let emergency = keep(&mut errors, self.emergency(relation.unwrap_or_default()));
        match (
            full_name,
            phone,
            date_of_birth,
            blood_group,
            address,
            allergies,
            conditions,
            emergency,
        ) {
            (
                Some(full_name),
                Some(phone),
                Some(date_of_birth),
                Some(blood_group),
                Some(address),
                Some(allergies),
                Some(conditions),
                Some(emergency),
            ) if errors.is_empty() => Ok(PatientDetails {
                full_name,
                phone,
                date_of_birth,
                blood_group,
                address,
                emergency,
                allergies,
                conditions,
            }),
            _ => Err(errors),
        }
    }

    /// An emergency contact is a name and a phone number (relation optional), or nothing.
    fn emergency(
        &self,
        relation: String,
    ) -> Result<Option<(PersonName, String, Phone)>, FieldError> {
        let (name, phone) = (self.emergency_name.trim(), self.emergency_phone.trim());
        if name.is_empty() && phone.is_empty() {
            return if relation.is_empty() {
                Ok(None)
            } else {
                Err(FieldError::new(Field::EmergencyName, FieldErrorCode::Required))
            };
        }
        let name =
            PersonName::parse(name).map_err(|e| FieldError::new(Field::EmergencyName, e.code))?;
        let phone =
            Phone::parse(phone).map_err(|e| FieldError::new(Field::EmergencyPhone, e.code))?;
        Ok(Some((name, relation, phone)))
    }
}

/// The value, or `None` with its refusal kept.
fn keep<T>(errors: &mut Vec<FieldError>, result: Result<T, FieldError>) -> Option<T> {
    result.map_err(|e| errors.push(e)).ok()
}

fn blood_group(raw: &str) -> Result<Option<&'static str>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    BLOOD_GROUPS
        .iter()
        .find(|g| g.eq_ignore_ascii_case(raw))
        .map(|g| Some(*g))
        .ok_or(FieldError::new(Field::BloodGroup, FieldErrorCode::Unknown))
}

/// Free text (line breaks allowed, other control characters not), trimmed, at most `max`.
fn text(raw: &str, field: Field, max: usize) -> Result<String, FieldError> {
    let cleaned = raw.replace("\r\n", "\n");
    let trimmed = cleaned.trim();
    if trimmed.chars().any(|c| c.is_control() && c != '\n') {
        return Err(FieldError::new(field, FieldErrorCode::InvalidCharacters));
    }
    if trimmed.chars().count() > max {
        return Err(FieldError::new(field, FieldErrorCode::TooLong));
    }
    Ok(trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
    }

    fn valid() -> PatientDetailsInput {
        PatientDetailsInput {
            full_name: "Alice Martin".into(),
            phone: "+880 1711 000000".into(),
            date_of_birth: "1988-04-12".into(),
            blood_group: "o+".into(),
            address: "House 12, Road 5".into(),
            emergency_name: "Bob Martin".into(),
            emergency_relation: "Brother".into(),
            emergency_phone: "01711 000001".into(),
            allergies: "Penicillin".into(),
            conditions: "Asthma".into(),
        }
    }

    #[test]
    fn a_complete_form_is_read() {
        let details = valid().parse(today()).unwrap();
        assert_eq!(details.blood_group, Some("O+"));
        assert_eq!(details.emergency.unwrap().1, "Brother");
    }

    #[test]
    fn each_bad_field_is_refused_at_that_field() {
        let cases: Vec<(fn(&mut PatientDetailsInput), Field)> = vec![
            (|i| i.full_name = "A".into(), Field::FullName),
            (|i| i.phone = "12".into(), Field::Phone),
            (|i| i.date_of_birth = "2030-01-01".into(), Field::DateOfBirth),
            (|i| i.blood_group = "C+".into(), Field::BloodGroup),
            (|i| i.address = "x".repeat(201), Field::Address),
            (|i| i.emergency_phone = String::new(), Field::EmergencyPhone),
            (
                |i| {
                    i.emergency_name = String::new();
                    i.emergency_phone = String::new();
                },
                Field::EmergencyName,
            ),
            (|i| i.emergency_relation = "x".repeat(41), Field::EmergencyRelation),
            (|i| i.allergies = "x".repeat(1001), Field::Allergies),
            (|i| i.conditions = "bell\u{7}".into(), Field::Conditions),
        ];
        for (spoil, field) in cases {
            let mut input = valid();
            spoil(&mut input);
            let errors = input.parse(today()).unwrap_err();
            assert_eq!(
                errors.iter().map(|e| e.field).collect::<Vec<_>>(),
                vec![field],
                "{input:?}"
            );
        }
    }

    #[test]
    fn no_emergency_contact_at_all_is_fine() {
        let input = PatientDetailsInput {
            emergency_name: String::new(),
            emergency_relation: String::new(),
            emergency_phone: String::new(),
            blood_group: String::new(),
            ..valid()
        };
        let details = input.parse(today()).unwrap();
        assert_eq!((details.emergency, details.blood_group), (None, None));
    }
}
