//! Runtime configuration: `Leptos.toml` overridden by `MEDIBOOK_*` environment variables.
//!
//! Every setting has a dotted key (`database.path`); its environment variable is the key in upper
//! case with `_` for `.` and a `MEDIBOOK_` prefix (`MEDIBOOK_DATABASE_PATH`). Missing, invalid or
//! unknown settings fail start-up with a message naming the setting.

mod calendar;
mod mail;
mod oidc;
mod payments;
pub mod production;
mod sections;
mod settings;
#[cfg(test)]
mod tests;

pub use calendar::CalendarConfig;
pub use mail::{MailConfig, MailTransportConfig, SmtpConfig, SmtpSecurity};
pub use oidc::OidcConfig;
pub use payments::{PaymentsConfig, ProcessorChoice};
pub use sections::{
    BookingConfig, ClinicConfig, DatabaseConfig, JobsConfig, LimitsConfig, LogConfig,
    SameSitePolicy, SeedConfig, SessionConfig, SiteConfig, SiteMode,
};

use settings::Settings;
use std::collections::HashMap;
use std::path::Path;

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
    pub limits: LimitsConfig,
    /// Doctors' own calendars.
    pub calendar: CalendarConfig,
    /// Signing in with an OpenID Connect provider; `None`: not offered.
    pub oidc: Option<OidcConfig>,
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
    #[error(
        "site.mode = \"production\" refuses these settings:\n  - {}\n(run with site.mode = \"demo\" for a demonstration)",
        .0.join("\n  - ")
    )]
    NotForProduction(Vec<String>),
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
        let settings = Settings::new(table, env);
        let config = Config::from_settings(&settings)?;
        settings.reject_unknown(path)?;
        let refusals = production::refusals(&config);
        if !refusals.is_empty() {
            return Err(ConfigError::NotForProduction(refusals));
        }
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
            max_days: s.in_range("session.max_days", 1..=365)?,
        };
        if session.max_days < session.remember_days {
            return Err(s.invalid("session.max_days", "must be at least session.remember_days"));
        }
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
            booking: BookingConfig {
                hold_minutes: s.in_range("booking.hold_minutes", 1..=60)?,
                max_future_appointments: s.in_range("booking.max_future_appointments", 1..=1000)?,
            },
            site: SiteConfig {
                mode: s.required("site.mode")?,
                trusted_proxies: trusted_proxies(s)?,
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
                availability_refresh_ms: s.in_range("jobs.availability_refresh_ms", 10..=60_000)?,
            },
            mail: mail::mail_config(s)?,
            calendar: calendar::calendar_config(s)?,
            oidc: oidc::oidc_config(s)?,
            reminders: reminder_offsets(s)?,
            payments: payments::payments_config(s)?,
            limits: LimitsConfig {
                sign_in_per_address_per_minute: s
                    .in_range("limits.sign_in_per_address_per_minute", 1..=10_000)?,
                sign_in_failures_before_backoff: s
                    .in_range("limits.sign_in_failures_before_backoff", 1..=100)?,
                codes_per_address_per_hour: s
                    .in_range("limits.codes_per_address_per_hour", 1..=10_000)?,
                bookings_per_patient_per_minute: s
                    .in_range("limits.bookings_per_patient_per_minute", 1..=10_000)?,
                body_kib: s.in_range("limits.body_kib", 4..=10_240)?,
                hash_concurrency: s.in_range("limits.hash_concurrency", 0..=64)?,
                concurrent_pages: s.in_range("limits.concurrent_pages", 0..=1024)?,
                page_cache_kib: s.in_range("limits.page_cache_kib", 0..=1_048_576)?,
                page_cache_seconds: s.in_range("limits.page_cache_seconds", 1..=3600)?,
            },
        })
    }
}

/// `site.trusted_proxies`: IP addresses of reverse proxies in front of the server.
fn trusted_proxies(s: &Settings) -> Result<Vec<std::net::IpAddr>, ConfigError> {
    s.list("site.trusted_proxies")?
        .iter()
        .map(|raw| {
            raw.parse().map_err(|_| s.invalid("site.trusted_proxies", "expected IP addresses"))
        })
        .collect()
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
