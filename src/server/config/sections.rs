//! The small sections of the configuration: site, clinic, booking, database, session, seed,
//! log and jobs.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;

/// The background job worker.
#[derive(Debug, Clone)]
pub struct JobsConfig {
    /// Run the worker in the server process (tests turn it off and step jobs by hand).
    pub run_worker: bool,
    /// Milliseconds between looks for due jobs when the queue is empty.
    pub poll_ms: u64,
    /// Milliseconds between looks for doctors whose cached next free slot is out of date.
    pub availability_refresh_ms: u64,
}

/// What the server is run for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteMode {
    /// A demonstration: seeded accounts, the simulated card processor, mail kept in an outbox
    /// admins read, and a banner on every page saying so.
    Demo,
    /// A real clinic: none of the above is allowed (see `production::refusals`).
    Production,
}

impl FromStr for SiteMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "demo" => Ok(SiteMode::Demo),
            "production" => Ok(SiteMode::Production),
            other => Err(format!("expected \"demo\" or \"production\", got {other:?}")),
        }
    }
}

/// Limits on abuse and on resources (`[limits]`).
#[derive(Debug, Clone, Copy)]
pub struct LimitsConfig {
    /// Sign-in attempts one client address may make per minute.
    pub sign_in_per_address_per_minute: u32,
    /// Wrong passwords for one account before each further attempt must wait (doubling).
    pub sign_in_failures_before_backoff: u32,
    /// Registrations, reset requests, code resends and email changes one client address may
    /// ask for per hour.
    pub codes_per_address_per_hour: u32,
    /// Holds and bookings one patient may make per minute.
    pub bookings_per_patient_per_minute: u32,
    /// The largest server-function request body, in KiB.
    pub body_kib: usize,
    /// Password hashes computed at once (0: one per core); the rest wait their turn.
    pub hash_concurrency: usize,
    /// Pages rendered at once (0: two per core); the rest wait their turn.
    pub concurrent_pages: usize,
    /// Memory for finished directory and doctor pages, in KiB (0: no page cache).
    pub page_cache_kib: usize,
    /// The longest a finished page is answered again without the database changing, in seconds.
    pub page_cache_seconds: u32,
}

/// Where and how the site is served.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// Demo or production.
    pub mode: SiteMode,
    /// Proxies whose `X-Forwarded-For` names the client (otherwise the socket's peer is it).
    pub trusted_proxies: Vec<std::net::IpAddr>,
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
    /// At most this many upcoming appointments (held, pending or confirmed) per patient.
    pub max_future_appointments: u32,
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
    /// Days any session lasts at most, however often it is used.
    pub max_days: i64,
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
