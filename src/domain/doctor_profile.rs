//! What a doctor edits of their public profile: name, specialty, languages and licence number
//! (fee, bio, experience and street address are practice settings). A new licence number sends
//! the doctor back to an admin's verification.

use super::field_error::{Field, FieldError, FieldErrorCode};
use super::languages::LANGUAGES;
use super::{LicenceNumber, PersonName};

/// The profile as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DoctorProfileInput {
    pub full_name: String,
    pub specialty: String,
    pub languages: Vec<String>,
    pub licence_number: String,
}

/// The profile once read; the specialty is an id still to be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoctorProfileEdit {
    pub full_name: PersonName,
    pub specialty: i64,
    /// ISO 639-1 codes, in the list's order, without repeats.
    pub languages: Vec<&'static str>,
    pub licence: LicenceNumber,
}

impl DoctorProfileInput {
    /// Reads every field, collecting every refusal.
    pub fn parse(&self) -> Result<DoctorProfileEdit, Vec<FieldError>> {
        let mut errors = Vec::new();
        let full_name = PersonName::parse(&self.full_name).map_err(|e| errors.push(e)).ok();
        let licence = LicenceNumber::parse(&self.licence_number).map_err(|e| errors.push(e)).ok();
        let specialty = match self.specialty.trim().parse::<i64>() {
            Ok(id) if id > 0 => Some(id),
            _ => {
                errors.push(FieldError::new(Field::Specialty, FieldErrorCode::Unknown));
                None
            }
        };
        let unknown =
            self.languages.iter().any(|l| !LANGUAGES.iter().any(|(code, _, _)| code == l));
        let languages: Vec<&'static str> = LANGUAGES
            .iter()
            .map(|(code, _, _)| *code)
            .filter(|code| self.languages.iter().any(|l| l == code))
            .collect();
        if unknown {
            errors.push(FieldError::new(Field::Languages, FieldErrorCode::Unknown));
        } else if languages.is_empty() {
            errors.push(FieldError::new(Field::Languages, FieldErrorCode::Required));
        }
        match (full_name, licence, specialty) {
            (Some(full_name), Some(licence), Some(specialty)) if errors.is_empty() => {
                Ok(DoctorProfileEdit { full_name, specialty, languages, licence })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> DoctorProfileInput {
        DoctorProfileInput {
            full_name: "Dr. Nusrat Jahan".into(),
            specialty: "3".into(),
            languages: vec!["en".into(), "bn".into(), "bn".into()],
            licence_number: "BMDC-12345".into(),
        }
    }

    #[test]
    fn languages_come_in_list_order_without_repeats() {
        assert_eq!(valid().parse().unwrap().languages, vec!["bn", "en"]);
    }

    #[test]
    fn each_bad_field_is_refused_at_that_field() {
        let cases: Vec<(fn(&mut DoctorProfileInput), Field)> = vec![
            (|i| i.full_name = " ".into(), Field::FullName),
            (|i| i.specialty = "cardio".into(), Field::Specialty),
            (|i| i.languages = vec![], Field::Languages),
            (|i| i.languages = vec!["xx".into()], Field::Languages),
            (|i| i.licence_number = "a".into(), Field::LicenceNumber),
        ];
        for (spoil, field) in cases {
            let mut input = valid();
            spoil(&mut input);
            let fields: Vec<Field> = input.parse().unwrap_err().iter().map(|e| e.field).collect();
            assert_eq!(fields, vec![field], "{input:?}");
        }
    }
}
