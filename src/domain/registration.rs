//! Turning a raw registration form into a valid new account, reporting every bad field at once.

use super::field_error::collect;
use super::{
    DateOfBirth, Email, Field, FieldError, FieldErrorCode, LicenceNumber, Password, PersonName,
    Phone, Role, SpecialtyId, Username,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Registration input exactly as submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationInput {
    pub role: String,
    pub full_name: String,
    pub username: String,
    pub email: String,
    pub phone: String,
    pub date_of_birth: String,
    pub password: String,
    pub specialty: Option<String>,
    pub licence_number: Option<String>,
}

/// What a doctor adds to an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoctorDetails {
    pub specialty: SpecialtyId,
    pub licence_number: LicenceNumber,
}

/// A validated account, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    pub role: Role,
    pub full_name: PersonName,
    pub username: Username,
    pub email: Email,
    pub phone: Phone,
    pub date_of_birth: DateOfBirth,
    pub password: Password,
    pub doctor: Option<DoctorDetails>,
}

impl RegistrationInput {
    /// Validates every field against `today`; returns all field errors, not just the first.
    pub fn parse(&self, today: NaiveDate) -> Result<NewAccount, Vec<FieldError>> {
        let mut errors = Vec::new();

        let role = collect(
            &mut errors,
            Role::parse_self_registration(&self.role)
                .ok_or(FieldError::new(Field::Role, FieldErrorCode::Unknown)),
        );
        let full_name = collect(&mut errors, PersonName::parse(&self.full_name));
        let username = collect(&mut errors, Username::parse(&self.username));
        let email = collect(&mut errors, Email::parse(&self.email));
        let phone = collect(&mut errors, Phone::parse(&self.phone));
        let date_of_birth = collect(&mut errors, DateOfBirth::parse(&self.date_of_birth, today));
        let password = collect(
            &mut errors,
            Password::parse(
                &self.password,
                Field::Password,
                &[self.username.trim(), self.email.trim()],
            ),
        );
        let doctor = match role {
            Some(Role::Doctor) => collect(&mut errors, self.parse_doctor_details()).map(Some),
            _ => Some(None),
        };

        match (role, full_name, username, email, phone, date_of_birth, password, doctor) {
            (
                Some(role),
                Some(full_name),
                Some(username),
                Some(email),
                Some(phone),
                Some(date_of_birth),
                Some(password),
                Some(doctor),
            ) if errors.is_empty() => Ok(NewAccount {
                role,
                full_name,
                username,
                email,
                phone,
                date_of_birth,
                password,
                doctor,
            }),
            _ => Err(errors),
        }
    }

    fn parse_doctor_details(&self) -> Result<DoctorDetails, FieldError> {
        let specialty = self
            .specialty
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or(FieldError::new(Field::Specialty, FieldErrorCode::Required))?
            .parse::<i64>()
            .map(SpecialtyId)
            .map_err(|_| FieldError::new(Field::Specialty, FieldErrorCode::Unknown))?;
        let licence_number =
            LicenceNumber::parse(self.licence_number.as_deref().unwrap_or_default())?;
        Ok(DoctorDetails { specialty, licence_number })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).expect("valid date")
    }

    fn patient() -> RegistrationInput {
        RegistrationInput {
            role: "patient".into(),
            full_name: "Jane Doe".into(),
            username: "jane".into(),
            email: "jane@example.com".into(),
            phone: "+1 555 123 4567".into(),
            date_of_birth: "1990-05-01".into(),
            password: "correct horse battery staple".into(),
            specialty: None,
            licence_number: None,
        }
    }

    #[test]
    fn a_complete_patient_form_becomes_an_account() {
        let account = patient().parse(today()).expect("valid");
        assert_eq!(account.role, Role::Patient);
        assert_eq!(account.doctor, None);
    }

    #[test]
    fn a_doctor_needs_a_specialty_and_licence() {
        let input = RegistrationInput { role: "doctor".into(), ..patient() };
        let errors = input.parse(today()).expect_err("invalid");
        assert_eq!(errors, vec![FieldError::new(Field::Specialty, FieldErrorCode::Required)]);

        let input = RegistrationInput {
            role: "doctor".into(),
            specialty: Some("3".into()),
            licence_number: Some("md-4455".into()),
            ..patient()
        };
        let account = input.parse(today()).expect("valid");
        assert_eq!(account.doctor.map(|d| d.specialty), Some(SpecialtyId(3)));
    }

    #[test]
    fn every_bad_field_is_reported_together() {
        let input = RegistrationInput {
            role: "admin".into(),
            email: "not-an-email".into(),
            password: "short".into(),
            ..patient()
        };
        let fields: Vec<Field> =
            input.parse(today()).expect_err("invalid").into_iter().map(|e| e.field).collect();
        assert_eq!(fields, vec![Field::Role, Field::Email, Field::Password]);
    }
}
