//! What each kind of mail says. A mail job stores its template and values; the message is
//! rendered when the job runs.

use super::message::{Mail, escape_html, html_layout};
use serde::{Deserialize, Serialize};

/// A mail to render, with everything it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "template", rename_all = "snake_case")]
pub enum MailTemplate {
    /// The code that proves an address is the user's.
    VerificationCode { to: String, name: String, code: String, minutes: i64 },
    /// The code that lets the user choose a new password.
    PasswordResetCode { to: String, name: String, code: String, minutes: i64 },
}

impl MailTemplate {
    /// The message with both parts.
    pub fn render(&self) -> Mail {
        match self {
            MailTemplate::VerificationCode { to, name, code, minutes } => {
                let subject = format!("Your MediBook verification code: {code}");
                let text = format!(
                    "Hello {name},\n\nYour MediBook verification code is {code}.\n\n\
                     It is valid for {minutes} minutes and can be used once. Never share it: \
                     MediBook staff will never ask you for it.\n"
                );
                let html = html_layout(
                    &subject,
                    &[
                        format!("Hello {},", escape_html(name)),
                        format!(
                            "Your MediBook verification code is \
                             <strong style=\"font-size:24px;letter-spacing:4px\">{}</strong>",
                            escape_html(code)
                        ),
                        format!(
                            "It is valid for {minutes} minutes and can be used once. Never share \
                             it: MediBook staff will never ask you for it."
                        ),
                    ],
                );
                Mail { to: to.clone(), subject, text, html }
            }
            MailTemplate::PasswordResetCode { to, name, code, minutes } => {
                let subject = format!("Your MediBook password reset code: {code}");
                let text = format!(
                    "Hello {name},\n\nSomeone (hopefully you) asked to reset your MediBook \
                     password. Your code is {code}.\n\nIt is valid for {minutes} minutes and can be \
                     used once. If you did not ask, ignore this message: your password stays as \
                     it is.\n"
                );
                let html = html_layout(
                    &subject,
                    &[
                        format!("Hello {},", escape_html(name)),
                        format!(
                            "Someone (hopefully you) asked to reset your MediBook password. Your \
                             code is <strong style=\"font-size:24px;letter-spacing:4px\">{}</strong>",
                            escape_html(code)
                        ),
                        format!(
                            "It is valid for {minutes} minutes and can be used once. If you did \
                             not ask, ignore this message: your password stays as it is."
                        ),
                    ],
                );
                Mail { to: to.clone(), subject, text, html }
            }
        }
    }

    /// Whether the stored job must be erased once sent (it carries a secret).
    pub fn carries_secret(&self) -> bool {
        matches!(
            self,
            MailTemplate::VerificationCode { .. } | MailTemplate::PasswordResetCode { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_mail_has_both_parts_with_the_code_and_escapes_the_name() {
        let mail = MailTemplate::VerificationCode {
            to: "ann@example.com".into(),
            name: "Ann <script>".into(),
            code: "012345".into(),
            minutes: 10,
        }
        .render();
        assert_eq!(mail.to, "ann@example.com");
        assert_eq!(mail.subject, "Your MediBook verification code: 012345");
        assert!(mail.text.contains("012345") && mail.text.contains("10 minutes"));
        assert!(mail.html.contains("012345") && mail.html.contains("Ann &lt;script&gt;"));
        assert!(!mail.html.contains("<script>"));
    }
}
