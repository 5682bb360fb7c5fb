//! What each kind of mail job holds. A code mail carries its values; an appointment mail names
//! the notice or appointment, whose details are looked up when the job runs
//! ([`super::compose`]).

use super::message::{Mail, escape_html, html_layout, plain_mail};
use super::money_mails::{self, WithdrawalStage};
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
    /// To the old address, once the account's email address changed to `new_address`.
    EmailChanged { to: String, name: String, new_address: String },
    /// To a review's author, once an admin hid it, with the reason.
    ReviewHidden { to: String, name: String, doctor: String, reason: String },
    /// To a person who closed their account, the last mail to that address.
    AccountClosed { to: String, name: String },
    /// To a patient, once a card deposit reached their wallet (amounts as written for people).
    DepositReceipt {
        to: String,
        name: String,
        amount: String,
        card_last4: String,
        balance: String,
        transaction_id: i64,
    },
    /// To a doctor about a withdrawal of earnings, or to a patient about credit sent back to
    /// their card; `note` is an admin's reason for a refusal.
    Withdrawal {
        to: String,
        name: String,
        stage: WithdrawalStage,
        amount: String,
        note: String,
        card_last4: String,
    },
}

impl MailTemplate {
    /// The message, for templates that carry all they say (codes); `None` for the others.
    pub fn render(&self) -> Option<Mail> {
        match self {
            MailTemplate::Notice { .. } | MailTemplate::Reminder { .. } => None,
            MailTemplate::EmailChanged { to, name, new_address } => {
                Some(email_changed(to, name, &masked(new_address)))
            }
            MailTemplate::ReviewHidden { to, name, doctor, reason } => {
                Some(review_hidden(to, name, doctor, reason))
            }
            MailTemplate::AccountClosed { to, name } => Some(account_closed(to, name)),
            MailTemplate::DepositReceipt {
                to,
                name,
                amount,
                card_last4,
                balance,
                transaction_id,
            } => Some(money_mails::deposit_receipt(
                to,
                name,
                amount,
                card_last4,
                balance,
                *transaction_id,
            )),
            MailTemplate::Withdrawal { to, name, stage, amount, note, card_last4 } => {
                Some(money_mails::withdrawal(to, name, *stage, amount, note, card_last4))
            }
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
            MailTemplate::EmailChanged { to, .. } => format!("address-changed notice to {to}"),
            MailTemplate::ReviewHidden { to, .. } => format!("review-hidden notice to {to}"),
            MailTemplate::AccountClosed { to, .. } => format!("account-closed notice to {to}"),
            MailTemplate::DepositReceipt { to, .. } => format!("deposit receipt to {to}"),
            MailTemplate::Withdrawal { to, stage, .. } => {
                format!("withdrawal {} mail to {to}", stage.as_str())
            }
        }
    }

    /// Whether the stored job must be erased once sent: it carries a secret, or the address
    /// and name of an account that was closed.
    pub fn carries_secret(&self) -> bool {
        matches!(self, MailTemplate::Code { .. } | MailTemplate::AccountClosed { .. })
    }
}

/// The notice to the old address: what changed, and what to do if it was not them.
fn email_changed(to: &str, name: &str, new_address: &str) -> Mail {
    let subject = "The email address of your MediBook account was changed".to_owned();
    let lines = [
        format!("Hello {name},"),
        format!(
            "The email address of your MediBook account was changed to {new_address}. Mail \
             from MediBook now goes there, and this address can no longer sign in."
        ),
        "Every other session of your account was signed out.".to_owned(),
        "If you did not make this change, contact the clinic right away: someone may know \
         your password."
            .to_owned(),
    ];
    plain_mail(to, &subject, &lines)
}

fn review_hidden(to: &str, name: &str, doctor: &str, reason: &str) -> Mail {
    let subject = "Your review was hidden by the clinic".to_owned();
    let lines = [
        format!("Hello {name},"),
        format!(
            "Your review of {doctor} is no longer shown to other patients. The clinic's reason:"
        ),
        reason.to_owned(),
        "You can still read it, and edit it while it is editable, under My appointments. Reply to \
         the clinic if you think this was a mistake."
            .to_owned(),
    ];
    plain_mail(to, &subject, &lines)
}

fn account_closed(to: &str, name: &str) -> Mail {
    let subject = "Your MediBook account is closed".to_owned();
    let lines = [
        format!("Hello {name},"),
        "Your MediBook account is closed: you are signed out everywhere, and your name, email \
         address, phone number, date of birth and password have been erased."
            .to_owned(),
        "Past appointments and payments are kept, without your name, for the records the clinic \
         must keep. This is the last message we send to this address."
            .to_owned(),
        "If you did not close your account, contact the clinic at once.".to_owned(),
    ];
    plain_mail(to, &subject, &lines)
}

/// An address with most of its local part hidden (`a•••@example.com`): enough for the owner to
/// recognise, not enough to hand it to whoever reads the old mailbox.
fn masked(address: &str) -> String {
    match address.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}•••@{domain}")
        }
        None => "•••".to_owned(),
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

#[cfg(test)]
mod email_changed_tests {
    use super::*;

    #[test]
    fn the_old_address_hears_of_the_change_without_the_whole_new_address() {
        let mail = MailTemplate::EmailChanged {
            to: "old@example.com".into(),
            name: "Ann <b>".into(),
            new_address: "annabel@new.example".into(),
        }
        .render()
        .expect("renders itself");
        assert_eq!(mail.to, "old@example.com");
        assert!(mail.text.contains("a•••@new.example") && !mail.text.contains("annabel"));
        assert!(mail.text.contains("contact the clinic"));
        assert!(mail.html.contains("Ann &lt;b&gt;"));
        assert!(
            !MailTemplate::EmailChanged {
                to: String::new(),
                name: String::new(),
                new_address: String::new()
            }
            .carries_secret()
        );
    }
}
