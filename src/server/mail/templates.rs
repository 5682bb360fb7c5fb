//! What each kind of mail job holds. A code mail carries its values; an appointment mail names
//! the notice or appointment, whose details are looked up when the job runs
//! ([`super::compose`]).

use super::message::{Mail, escape_html, html_layout};
use crate::domain::otp::OtpPurpose;
use serde::{Deserialize, Serialize};

/// A mail to render, with everything it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "template", rename_all = "snake_case")]
pub enum MailTemplate {
    /// A one-time code: to prove the address, or to choose a new password.
    Code { purpose: OtpPurpose, to: String, name: String, code: String, minutes: i64 },
    /// A change to an appointment (written by the `notifications_mail` trigger).
    Notice { notification_id: i64 },
    /// A reminder of a confirmed appointment (written by `appointments_schedule_reminders`).
    Reminder { appointment_id: i64, start_at: i64, minutes_before: i64 },
}

impl MailTemplate {
    /// The message, for templates that carry all they say (codes); `None` for the others.
    pub fn render(&self) -> Option<Mail> {
        match self {
            MailTemplate::Notice { .. } | MailTemplate::Reminder { .. } => None,
            MailTemplate::Code { purpose, to, name, code, minutes } => {
                let (what, why, otherwise) = match purpose {
                    OtpPurpose::VerifyEmail => (
                        "verification code",
                        "Your MediBook verification code is",
                        "Never share it: MediBook staff will never ask you for it.",
                    ),
                    OtpPurpose::ResetPassword => (
                        "password reset code",
                        "Someone (hopefully you) asked to reset your MediBook password. Your code is",
                        "If you did not ask, ignore this message: your password stays as it is.",
                    ),
                    OtpPurpose::ChangeEmail => (
                        "code to confirm your new email address",
                        "To make this the email address of your MediBook account, enter the code",
                        "If you did not ask for this change, ignore this message: nothing changes.",
                    ),
                };
                let subject = format!("Your MediBook {what}: {code}");
                let text = format!(
                    "Hello {name},\n\n{why} {code}.\n\nIt is valid for {minutes} minutes and can \
                     be used once. {otherwise}\n"
                );
                let html = html_layout(
                    &subject,
                    &[
                        format!("Hello {},", escape_html(name)),
                        format!(
                            "{why} <strong style=\"font-size:24px;letter-spacing:4px\">{}</strong>",
                            escape_html(code)
                        ),
                        format!(
                            "It is valid for {minutes} minutes and can be used once. {otherwise}"
                        ),
                    ],
                );
                Some(Mail { to: to.clone(), subject, text, html })
            }
        }
    }

    /// What the job sends, for admins (never the code itself).
    pub fn describe(&self) -> String {
        match self {
            MailTemplate::Code { purpose, to, .. } => {
                let what = match purpose {
                    OtpPurpose::VerifyEmail => "verification code",
                    OtpPurpose::ResetPassword => "password reset code",
                    OtpPurpose::ChangeEmail => "new-address code",
                };
                format!("{what} to {to}")
            }
            MailTemplate::Notice { notification_id } => {
                format!("appointment notice (notification {notification_id})")
            }
            MailTemplate::Reminder { appointment_id, .. } => {
                format!("reminder of appointment {appointment_id}")
            }
        }
    }

    /// Whether the stored job must be erased once sent (it carries a secret).
    pub fn carries_secret(&self) -> bool {
        matches!(self, MailTemplate::Code { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_mail_has_both_parts_with_the_code_and_escapes_the_name() {
        let mail = MailTemplate::Code {
            purpose: OtpPurpose::VerifyEmail,
            to: "ann@example.com".into(),
            name: "Ann <script>".into(),
            code: "012345".into(),
            minutes: 10,
        }
        .render()
        .expect("a code mail renders itself");
        assert_eq!(mail.to, "ann@example.com");
        assert_eq!(mail.subject, "Your MediBook verification code: 012345");
        assert!(mail.text.contains("012345") && mail.text.contains("10 minutes"));
        assert!(mail.html.contains("012345") && mail.html.contains("Ann &lt;script&gt;"));
        assert!(!mail.html.contains("<script>"));
    }
}

#[cfg(test)]
mod reset_tests {
    use super::*;

    #[test]
    fn the_reset_mail_names_its_purpose_and_carries_the_code() {
        let mail = MailTemplate::Code {
            purpose: OtpPurpose::ResetPassword,
            to: "ann@example.com".into(),
            name: "Ann".into(),
            code: "654321".into(),
            minutes: 10,
        }
        .render()
        .expect("a code mail renders itself");
        assert_eq!(mail.subject, "Your MediBook password reset code: 654321");
        assert!(mail.text.contains("reset your MediBook password") && mail.html.contains("654321"));
    }
}
