//! The `[mail]` section: sender, site address for links, and the transport (outbox or SMTP).

use super::settings::Settings;
use super::{ConfigError, env_name};
use std::str::FromStr;

/// How mail leaves the server.
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// The sender, e.g. `MediBook <no-reply@clinic.example>`.
    pub from: String,
    /// The app's address as recipients reach it (links in mail), without a trailing `/`.
    pub site_url: String,
    pub transport: MailTransportConfig,
}

/// Where mail goes.
#[derive(Debug, Clone)]
pub enum MailTransportConfig {
    /// Kept in SQLite for admins to read at `/admin/mail` (development; nothing leaves).
    Outbox,
    /// Sent through an SMTP server.
    Smtp(SmtpConfig),
}

/// An SMTP relay. Credentials come only from the environment.
#[derive(Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    /// User name and password (`MEDIBOOK_MAIL_SMTP_USERNAME` / `_PASSWORD`), if the relay needs them.
    pub credentials: Option<(String, String)>,
    pub timeout_seconds: u64,
}

impl std::fmt::Debug for SmtpConfig {
    /// Never prints the password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("user", &self.credentials.as_ref().map(|(user, _)| user))
            .finish()
    }
}

/// How the SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// Plain connection upgraded with STARTTLS (required), usually port 587.
    Starttls,
    /// TLS from the first byte, usually port 465.
    Tls,
    /// No encryption: only for a relay on the same machine.
    None,
}

impl FromStr for SmtpSecurity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "starttls" => Ok(SmtpSecurity::Starttls),
            "tls" => Ok(SmtpSecurity::Tls),
            "none" => Ok(SmtpSecurity::None),
            other => Err(format!("expected \"starttls\", \"tls\" or \"none\", got {other:?}")),
        }
    }
}

/// The `[mail]` section. SMTP settings are read (and checked) only for the SMTP transport.
pub(super) fn mail_config(s: &Settings) -> Result<MailConfig, ConfigError> {
    let from: String = s.required("mail.from")?;
    if from.parse::<lettre::message::Mailbox>().is_err() {
        return Err(
            s.invalid("mail.from", "expected an address like MediBook <no-reply@clinic.example>")
        );
    }
    let site_url: String = s.required("mail.site_url")?;
    let site_url = site_url.trim_end_matches('/').to_owned();
    let well_formed = ["http://", "https://"].iter().any(|scheme| {
        site_url
            .strip_prefix(scheme)
            .is_some_and(|rest| !rest.is_empty() && !rest.contains(char::is_whitespace))
    });
    if !well_formed {
        return Err(s.invalid("mail.site_url", "expected an address like https://clinic.example"));
    }
    let transport: String = s.required("mail.transport")?;
    let keys =
        ["mail.smtp_host", "mail.smtp_port", "mail.smtp_security", "mail.smtp_timeout_seconds"];
    let transport = match transport.as_str() {
        "outbox" => {
            keys.iter().for_each(|k| s.mark_read(k));
            MailTransportConfig::Outbox
        }
        "smtp" => MailTransportConfig::Smtp(SmtpConfig {
            host: s.required("mail.smtp_host")?,
            port: s.in_range("mail.smtp_port", 1..=65_535)?,
            security: s.required("mail.smtp_security")?,
            credentials: smtp_credentials(s)?,
            timeout_seconds: s.in_range("mail.smtp_timeout_seconds", 1..=300)?,
        }),
        _ => return Err(s.invalid("mail.transport", "expected \"outbox\" or \"smtp\"")),
    };
    Ok(MailConfig { from, site_url, transport })
}

/// SMTP user name and password, from the environment only (never from the file).
fn smtp_credentials(s: &Settings) -> Result<Option<(String, String)>, ConfigError> {
    let user = s.env.get(&env_name("mail.smtp_username")).filter(|v| !v.is_empty());
    let password = s.env.get(&env_name("mail.smtp_password")).filter(|v| !v.is_empty());
    match (user, password) {
        (Some(user), Some(password)) => Ok(Some((user.clone(), password.clone()))),
        (None, None) => Ok(None),
        _ => Err(ConfigError::Missing {
            key: "mail.smtp_username and mail.smtp_password (both or neither)".into(),
            env: format!("{} / {}", env_name("mail.smtp_username"), env_name("mail.smtp_password")),
        }),
    }
}
