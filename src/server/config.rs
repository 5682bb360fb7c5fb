//! Runtime configuration: `Leptos.toml` overridden by `MEDIBOOK_*` environment variables.
//!
//! Every setting has a dotted key (`database.path`); its environment variable is the key in upper
//! case with `_` for `.` and a `MEDIBOOK_` prefix (`MEDIBOOK_DATABASE_PATH`). Missing, invalid or
//! unknown settings fail start-up with a message naming the setting.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Display;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The whole runtime configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub site: SiteConfig,
    pub clinic: ClinicConfig,
    pub booking: BookingConfig,
    pub database: DatabaseConfig,
    pub session: SessionConfig,
    pub seed: SeedConfig,
    pub log: LogConfig,
    /// Limits on one-time codes sent by email.
    pub otp: crate::domain::otp::OtpPolicy,
    pub jobs: JobsConfig,
    pub mail: MailConfig,
    /// When reminders of confirmed appointments are sent, before the start.
    pub reminders: Vec<chrono::Duration>,
    pub payments: PaymentsConfig,
}

/// Wallet and fee rules (`[payments]`).
#[derive(Debug, Clone)]
pub struct PaymentsConfig {
    /// The currency the deposit form starts with.
    pub currency: crate::domain::money::Currency,
    /// The platform's cut of each completed visit, in basis points (1/100 of a percent).
    pub platform_fee_basis_points: u16,
    /// Refunds for patient cancellations.
    pub refund: crate::domain::payment::refund_policy::RefundPolicy,
    /// The largest single deposit, in whole currency units.
    pub max_deposit: i64,
}

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

/// The background job worker.
#[derive(Debug, Clone)]
pub struct JobsConfig {
    /// Run the worker in the server process (tests turn it off and step jobs by hand).
    pub run_worker: bool,
    /// Milliseconds between looks for due jobs when the queue is empty.
    pub poll_ms: u64,
}

/// Where and how the site is served.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// Address to listen on; port 0 picks a free port.
    pub address: SocketAddr,
    /// Directory with the built client (`pkg/`, CSS, public assets).
    pub root: PathBuf,
    /// Sub-directory of `root` holding the wasm and JS bundle.
    pub pkg_dir: String,
    /// Origins, besides the request's own host, allowed to POST (e.g. behind a proxy).
    pub allowed_origins: Vec<String>,
}

/// The clinic itself.
#[derive(Debug, Clone)]
pub struct ClinicConfig {
    /// IANA zone new doctors start in (they can change their own).
    pub time_zone: crate::domain::schedule::TimeZone,
}

/// Booking rules.
#[derive(Debug, Clone)]
pub struct BookingConfig {
    /// Minutes a picked slot stays reserved while the patient confirms.
    pub hold_minutes: i64,
}

/// The SQLite database.
#[derive(Debug, Clone)]
pub struct DatabaseConfig {
    pub path: PathBuf,
    pub max_connections: u32,
    pub busy_timeout_ms: u64,
}

/// Session cookie policy.
#[derive(Debug, Clone)]
pub struct SessionConfig {
    pub cookie_name: String,
    /// Send the cookie over HTTPS only (enable in production behind TLS).
    pub secure_cookie: bool,
    pub same_site: SameSitePolicy,
    /// Idle minutes before a session without "remember me" ends.
    pub idle_minutes: i64,
    /// Days a "remember me" session lasts without use.
    pub remember_days: i64,
}

/// The cookie `SameSite` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SameSitePolicy {
    Lax,
    Strict,
}

impl FromStr for SameSitePolicy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "lax" => Ok(SameSitePolicy::Lax),
            "strict" => Ok(SameSitePolicy::Strict),
            other => Err(format!("expected \"lax\" or \"strict\", got {other:?}")),
        }
    }
}

/// Demo data created on the first start of an empty database.
#[derive(Debug, Clone)]
pub struct SeedConfig {
    pub on_first_start: bool,
    pub doctors: u32,
    /// Password of every demo account (printed at start-up).
    pub demo_password: String,
}

/// Logging.
#[derive(Debug, Clone)]
pub struct LogConfig {
    /// A `tracing` env-filter directive, e.g. `info,medibook=debug`.
    pub filter: String,
}

/// A configuration problem, naming the setting.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read configuration file {path}: {reason}")]
    File { path: String, reason: String },
    #[error("missing setting `{key}` (set it in Leptos.toml or the environment variable {env})")]
    Missing { key: String, env: String },
    #[error("invalid setting `{key}` = {value:?} (from {origin}): {reason}")]
    Invalid { key: String, value: String, origin: String, reason: String },
    #[error("unknown setting `{key}` in {path} (a typo?)")]
    Unknown { key: String, path: String },
}

/// The environment variable that overrides `key`.
pub fn env_name(key: &str) -> String {
    format!("MEDIBOOK_{}", key.replace('.', "_").to_uppercase())
}

impl Config {
    /// Loads `path` (usually `Leptos.toml`), applies overrides from `env` and validates it all.
    pub fn load(path: &Path, env: &HashMap<String, String>) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::File {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| ConfigError::File {
            path: path.display().to_string(),
            reason: e.message().to_owned(),
        })?;
        let settings = Settings { table, env, read: RefCell::default() };
        let config = Config::from_settings(&settings)?;
        settings.reject_unknown(path)?;
        Ok(config)
    }

    /// Loads the file named by `MEDIBOOK_CONFIG` (default `Leptos.toml`) with the process
    /// environment.
    pub fn from_environment() -> Result<Config, ConfigError> {
        let env: HashMap<String, String> = std::env::vars().collect();
        let path = env.get("MEDIBOOK_CONFIG").cloned().unwrap_or_else(|| "Leptos.toml".into());
        Config::load(Path::new(&path), &env)
    }

    fn from_settings(s: &Settings) -> Result<Config, ConfigError> {
        let session = SessionConfig {
            cookie_name: s.required("session.cookie_name")?,
            secure_cookie: s.required("session.secure_cookie")?,
            same_site: s.required("session.same_site")?,
            idle_minutes: s.in_range("session.idle_minutes", 1..=7 * 24 * 60)?,
            remember_days: s.in_range("session.remember_days", 1..=365)?,
        };
        if !session.cookie_name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(s.invalid("session.cookie_name", "use letters, digits and '_'"));
        }
        let seed = SeedConfig {
            on_first_start: s.required("seed.on_first_start")?,
            doctors: s.in_range("seed.doctors", 0..=10_000)?,
            demo_password: s.required("seed.demo_password")?,
        };
        if seed.demo_password.chars().count() < crate::domain::password::MIN_LEN {
            return Err(s.invalid("seed.demo_password", "use at least 10 characters"));
        }
        let clinic = ClinicConfig {
            time_zone: s.required::<String>("clinic.time_zone").and_then(|name| {
                crate::domain::schedule::TimeZone::parse(&name)
                    .ok_or_else(|| s.invalid("clinic.time_zone", "not an IANA time zone"))
            })?,
        };
        Ok(Config {
            clinic,
            booking: BookingConfig { hold_minutes: s.in_range("booking.hold_minutes", 1..=60)? },
            site: SiteConfig {
                address: s.required("site.address")?,
                root: s.required("site.root")?,
                pkg_dir: s.required("site.pkg_dir")?,
                allowed_origins: s.list("site.allowed_origins")?,
            },
            database: DatabaseConfig {
                path: s.required("database.path")?,
                max_connections: s.in_range("database.max_connections", 1..=64)?,
                busy_timeout_ms: s.in_range("database.busy_timeout_ms", 0..=60_000)?,
            },
            session,
            seed,
            log: LogConfig { filter: s.required("log.filter")? },
            otp: crate::domain::otp::OtpPolicy {
                lifetime: chrono::Duration::minutes(s.in_range("otp.lifetime_minutes", 1..=60)?),
                max_attempts: s.in_range("otp.max_attempts", 1..=20)?,
                resend_after: chrono::Duration::seconds(
                    s.in_range("otp.resend_after_seconds", 0..=3600)?,
                ),
                max_per_hour: s.in_range("otp.max_per_hour", 1..=100)?,
            },
            jobs: JobsConfig {
                run_worker: s.required("jobs.run_worker")?,
                poll_ms: s.in_range("jobs.poll_ms", 10..=60_000)?,
            },
            mail: mail_config(s)?,
            reminders: reminder_offsets(s)?,
            payments: payments_config(s)?,
        })
    }
}

/// The `[mail]` section. SMTP settings are read (and checked) only for the SMTP transport.
fn mail_config(s: &Settings) -> Result<MailConfig, ConfigError> {
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

/// The `[payments]` section.
fn payments_config(s: &Settings) -> Result<PaymentsConfig, ConfigError> {
    let currency: String = s.required("payments.currency")?;
    let currency = crate::domain::money::Currency::parse(&currency).ok_or_else(|| {
        s.invalid("payments.currency", "expected one of USD, EUR, GBP, INR, AUD, CAD, CHF, JPY")
    })?;
    Ok(PaymentsConfig {
        currency,
        platform_fee_basis_points: s.in_range("payments.platform_fee_basis_points", 0..=5_000)?,
        refund: crate::domain::payment::refund_policy::RefundPolicy {
            full_refund_before: chrono::Duration::hours(
                s.in_range("payments.full_refund_hours_before", 0..=24 * 30)?,
            ),
            late_refund_percent: s.in_range("payments.late_refund_percent", 0..=100)?,
        },
        max_deposit: s.in_range("payments.max_deposit", 1..=1_000_000)?,
    })
}

/// `reminders.hours_before`: one to five different offsets, each up to two weeks.
fn reminder_offsets(s: &Settings) -> Result<Vec<chrono::Duration>, ConfigError> {
    let raw = s.list("reminders.hours_before")?;
    let mut hours = Vec::with_capacity(raw.len());
    for item in &raw {
        match item.parse::<u32>() {
            Ok(h) if (1..=336).contains(&h) && !hours.contains(&h) => hours.push(h),
            _ => {
                return Err(s.invalid(
                    "reminders.hours_before",
                    "expected different whole hours between 1 and 336, e.g. [24, 2]",
                ));
            }
        }
    }
    if hours.len() > 5 {
        return Err(s.invalid("reminders.hours_before", "at most 5 reminders"));
    }
    Ok(hours.into_iter().map(|h| chrono::Duration::hours(h.into())).collect())
}

/// The file's table plus environment overrides, remembering which keys were read.
struct Settings<'a> {
    table: toml::Table,
    env: &'a HashMap<String, String>,
    read: RefCell<BTreeSet<String>>,
}

impl Settings<'_> {
    /// The raw text of a setting and where it came from.
    fn raw(&self, key: &str) -> Option<(String, String)> {
        self.read.borrow_mut().insert(key.to_owned());
        let env = env_name(key);
        if let Some(value) = self.env.get(&env) {
            return Some((value.clone(), env));
        }
        let (section, name) = key.split_once('.')?;
        let value = self.table.get(section)?.get(name)?;
        let text = match value {
            toml::Value::String(s) => s.clone(),
            toml::Value::Array(items) => items
                .iter()
                .map(|v| v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string()))
                .collect::<Vec<_>>()
                .join(","),
            other => other.to_string(),
        };
        Some((text, "Leptos.toml".into()))
    }

    fn required<T: FromStr>(&self, key: &str) -> Result<T, ConfigError>
    where
        T::Err: Display,
    {
        let (value, source) = self
            .raw(key)
            .ok_or_else(|| ConfigError::Missing { key: key.into(), env: env_name(key) })?;
        value.trim().parse().map_err(|e: T::Err| ConfigError::Invalid {
            key: key.into(),
            value: value.clone(),
            origin: source,
            reason: e.to_string(),
        })
    }

    fn in_range<T>(&self, key: &str, range: std::ops::RangeInclusive<T>) -> Result<T, ConfigError>
    where
        T: FromStr + PartialOrd + Display + Copy,
        T::Err: Display,
    {
        let value: T = self.required(key)?;
        if range.contains(&value) {
            Ok(value)
        } else {
            Err(self
                .invalid(key, &format!("must be between {} and {}", range.start(), range.end())))
        }
    }

    fn list(&self, key: &str) -> Result<Vec<String>, ConfigError> {
        Ok(self
            .raw(key)
            .map(|(v, _)| {
                v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
            })
            .unwrap_or_default())
    }

    /// Counts `key` as known without reading it (settings that only apply in another mode).
    fn mark_read(&self, key: &str) {
        self.read.borrow_mut().insert(key.to_owned());
    }

    fn invalid(&self, key: &str, reason: &str) -> ConfigError {
        let (value, source) = self.raw(key).unwrap_or_default();
        ConfigError::Invalid { key: key.into(), value, origin: source, reason: reason.into() }
    }

    /// Fails on a key in the file that no setting reads (usually a typo).
    fn reject_unknown(&self, path: &Path) -> Result<(), ConfigError> {
        let read = self.read.borrow();
        for (section, value) in &self.table {
            let names: Vec<String> = match value.as_table() {
                Some(table) => table.keys().map(|k| format!("{section}.{k}")).collect(),
                None => vec![section.clone()],
            };
            if let Some(key) = names.into_iter().find(|k| !read.contains(k)) {
                return Err(ConfigError::Unknown { key, path: path.display().to_string() });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(extra_env: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("Leptos.toml");
        let env = extra_env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::load(&path, &env)
    }

    #[test]
    fn the_shipped_leptos_toml_is_valid() {
        let config = load(&[]).expect("valid config");
        assert_eq!(config.database.path, PathBuf::from("data/medibook.db"));
    }

    #[test]
    fn environment_variables_override_the_file() {
        let config = load(&[("MEDIBOOK_DATABASE_PATH", "/tmp/x.db")]).expect("valid");
        assert_eq!(config.database.path, PathBuf::from("/tmp/x.db"));
    }

    #[test]
    fn an_invalid_value_names_the_setting() {
        let error = load(&[("MEDIBOOK_SITE_ADDRESS", "not an address")]).expect_err("invalid");
        assert!(error.to_string().contains("site.address"), "{error}");
        assert!(error.to_string().contains("MEDIBOOK_SITE_ADDRESS"), "{error}");
        let error = load(&[("MEDIBOOK_DATABASE_MAX_CONNECTIONS", "0")]).expect_err("invalid");
        assert!(error.to_string().contains("database.max_connections"), "{error}");
    }

    #[test]
    fn a_missing_setting_names_the_setting_and_its_variable() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("Leptos.toml");
        let shipped =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Leptos.toml"))
                .expect("read");
        let without_root: String = shipped
            .lines()
            .filter(|l| !l.starts_with("root ="))
            .map(|l| format!("{l}\n"))
            .collect();
        std::fs::write(&path, without_root).expect("write");
        let error = Config::load(&path, &HashMap::new()).expect_err("incomplete");
        assert!(error.to_string().contains("`site.root`"), "{error}");
        assert!(error.to_string().contains("MEDIBOOK_SITE_ROOT"), "{error}");
    }

    #[test]
    fn an_unknown_setting_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("Leptos.toml");
        let shipped =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Leptos.toml"))
                .expect("read");
        std::fs::write(&path, format!("{shipped}\n[extra]\nadress = 1\n")).expect("write");
        let error = Config::load(&path, &HashMap::new()).expect_err("unknown key");
        assert!(error.to_string().contains("extra.adress"), "{error}");
    }

    #[test]
    fn the_smtp_transport_reads_its_settings_and_credentials_from_the_environment() {
        let config = load(&[
            ("MEDIBOOK_MAIL_TRANSPORT", "smtp"),
            ("MEDIBOOK_MAIL_SMTP_HOST", "smtp.clinic.example"),
            ("MEDIBOOK_MAIL_SMTP_PORT", "465"),
            ("MEDIBOOK_MAIL_SMTP_SECURITY", "tls"),
            ("MEDIBOOK_MAIL_SMTP_USERNAME", "mailer"),
            ("MEDIBOOK_MAIL_SMTP_PASSWORD", "s3cret-relay-pass"),
        ])
        .expect("valid");
        let MailTransportConfig::Smtp(smtp) = &config.mail.transport else {
            panic!("expected SMTP, got {:?}", config.mail.transport);
        };
        assert_eq!(
            (smtp.host.as_str(), smtp.port, smtp.security),
            ("smtp.clinic.example", 465, SmtpSecurity::Tls)
        );
        assert_eq!(smtp.credentials, Some(("mailer".into(), "s3cret-relay-pass".into())));
        assert!(!format!("{smtp:?}").contains("s3cret"), "the password never reaches a log");
    }

    #[test]
    fn bad_mail_settings_are_refused_by_name() {
        let cases = [
            (vec![("MEDIBOOK_MAIL_TRANSPORT", "pigeon")], "mail.transport"),
            (vec![("MEDIBOOK_MAIL_FROM", "not an address")], "mail.from"),
            (vec![("MEDIBOOK_MAIL_SITE_URL", "clinic.example")], "mail.site_url"),
            (
                vec![("MEDIBOOK_MAIL_TRANSPORT", "smtp"), ("MEDIBOOK_MAIL_SMTP_SECURITY", "ssl3")],
                "mail.smtp_security",
            ),
            (
                vec![
                    ("MEDIBOOK_MAIL_TRANSPORT", "smtp"),
                    ("MEDIBOOK_MAIL_SMTP_USERNAME", "only-a-user"),
                ],
                "mail.smtp_username",
            ),
        ];
        for (env, key) in cases {
            let error = load(&env).expect_err(key).to_string();
            assert!(error.contains(key), "{error} should name {key}");
        }
    }

    #[test]
    fn reminders_take_up_to_five_different_whole_hours() {
        let config = load(&[("MEDIBOOK_REMINDERS_HOURS_BEFORE", "24, 2")]).expect("valid");
        assert_eq!(config.reminders, vec![chrono::Duration::hours(24), chrono::Duration::hours(2)]);
        assert!(
            load(&[("MEDIBOOK_REMINDERS_HOURS_BEFORE", "")]).expect("none").reminders.is_empty()
        );
        for bad in ["0", "24,24", "1.5", "337", "1,2,3,4,5,6"] {
            let error = load(&[("MEDIBOOK_REMINDERS_HOURS_BEFORE", bad)]).expect_err(bad);
            assert!(error.to_string().contains("reminders.hours_before"), "{bad}: {error}");
        }
    }
}
