//! The SMTP transport (lettre): STARTTLS, implicit TLS or, on loopback only, plain.

use super::Mail;
use super::send_error::SendError;
use crate::server::calendar::invitation::Invitation;
use crate::server::config::{SmtpConfig, SmtpSecurity};
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// A connection pool to one SMTP relay, sending from one address.
#[derive(Clone)]
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpMailer {
    /// The relay described by `config`, sending as `from`.
    pub fn new(config: &SmtpConfig, from: &str) -> Result<SmtpMailer, String> {
        let from = from.parse::<Mailbox>().map_err(|e| format!("mail.from: {e}"))?;
        let builder = match config.security {
            SmtpSecurity::Starttls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&config.host)
            }
            SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&config.host),
            SmtpSecurity::None => {
                Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&config.host))
            }
        }
        .map_err(|e| format!("mail.smtp_host: {e}"))?;
        let mut builder =
            builder.port(config.port).timeout(Some(Duration::from_secs(config.timeout_seconds)));
        if let Some((user, password)) = &config.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(SmtpMailer { transport: builder.build(), from })
    }

    /// Sends `mail` (with its calendar invitation, if any) with the given Message-ID (the same
    /// on every attempt of one job).
    pub async fn send(
        &self,
        mail: &Mail,
        calendar: Option<&Invitation>,
        message_id: &str,
    ) -> Result<(), SendError> {
        let message = build_message(&self.from, mail, calendar, message_id)
            .map_err(|reason| SendError { permanent: true, reason })?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| SendError { permanent: e.is_permanent(), reason: format!("SMTP: {e}") })
    }
}

/// The MIME message: multipart/alternative with the plain-text part first, then the HTML part.
/// With an invitation, the alternatives gain a `text/calendar; method=…` part (what calendar-aware
/// mail clients act on) inside multipart/mixed with the same text as an `invite.ics` attachment
/// (for the others).
pub fn build_message(
    from: &Mailbox,
    mail: &Mail,
    calendar: Option<&Invitation>,
    message_id: &str,
) -> Result<Message, String> {
    let to = mail.to.parse::<Mailbox>().map_err(|e| format!("recipient {:?}: {e}", mail.to))?;
    let builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(mail.subject.clone())
        .message_id(Some(message_id.to_owned()));
    let alternatives = MultiPart::alternative_plain_html(mail.text.clone(), mail.html.clone());
    let body = match calendar {
        None => alternatives,
        Some(invitation) => {
            let content_type = |raw: &str| {
                ContentType::parse(raw).map_err(|e| format!("content type {raw:?}: {e}"))
            };
            let method = invitation.method.as_str();
            let inline = SinglePart::builder()
                .header(content_type(&format!("text/calendar; charset=utf-8; method={method}"))?)
                .body(invitation.text.clone());
            let attachment = Attachment::new("invite.ics".to_owned())
                .body(invitation.text.clone(), content_type("application/ics")?);
            MultiPart::mixed().multipart(alternatives.singlepart(inline)).singlepart(attachment)
        }
    };
    builder.multipart(body).map_err(|e| format!("building the message: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_has_a_plain_and_an_html_part_and_the_given_id() {
        let mail = Mail {
            to: "Ann <ann@example.com>".into(),
            subject: "Your visit".into(),
            text: "Plain words".into(),
            html: "<p>HTML words</p>".into(),
        };
        let from: Mailbox = "MediBook <no-reply@medibook.local>".parse().expect("mailbox");
        let raw = String::from_utf8(
            build_message(&from, &mail, None, "<job-7@medibook.invalid>")
                .expect("message")
                .formatted(),
        )
        .expect("utf-8");
        assert!(raw.contains("Message-ID: <job-7@medibook.invalid>"), "{raw}");
        assert!(raw.contains("multipart/alternative"));
        let plain = raw.find("text/plain").expect("plain part");
        let html = raw.find("text/html").expect("html part");
        assert!(plain < html, "the plain part comes first");
    }

    #[test]
    fn an_invitation_rides_as_a_calendar_alternative_and_an_attachment() {
        use crate::server::calendar::ics::Method;
        let mail = Mail {
            to: "ann@example.com".into(),
            subject: "Booked".into(),
            text: "Plain".into(),
            html: "<p>HTML</p>".into(),
        };
        let invitation = Invitation {
            method: Method::Cancel,
            text: "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n".into(),
        };
        let from: Mailbox = "no-reply@medibook.local".parse().expect("mailbox");
        let message = build_message(&from, &mail, Some(&invitation), "<job-2@medibook.invalid>");
        let raw = String::from_utf8(message.expect("message").formatted()).expect("utf-8");
        assert!(raw.contains("multipart/mixed"), "{raw}");
        assert!(raw.contains("text/calendar; charset=utf-8; method=CANCEL"), "{raw}");
        assert!(raw.contains("filename=\"invite.ics\""), "{raw}");
        assert!(raw.contains("application/ics"), "{raw}");
    }

    #[test]
    fn a_recipient_that_is_not_an_address_is_refused_before_sending() {
        let mail =
            Mail { to: "nobody".into(), subject: "x".into(), text: "x".into(), html: "x".into() };
        let from: Mailbox = "no-reply@medibook.local".parse().expect("mailbox");
        assert!(build_message(&from, &mail, None, "<job-1@medibook.invalid>").is_err());
    }
}
