//! Abuse limits kept in memory (governor's keyed GCRA limiters): sign-ins and code-sending
//! requests per client address, holds and bookings per patient. A refusal says how long to
//! wait, which the answer carries as `Retry-After`.

use crate::domain::UserId;
use crate::error::AppError;
use crate::server::config::LimitsConfig;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

/// The limiters of one server.
#[derive(Clone)]
pub struct RateLimits {
    sign_in_per_address: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    codes_per_address: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    bookings_per_patient: Arc<DefaultKeyedRateLimiter<UserId>>,
}

fn quota(per: Duration, count: u32) -> Quota {
    let count = NonZeroU32::new(count.max(1)).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(per / count.get())
        .unwrap_or_else(|| Quota::per_second(count))
        .allow_burst(count)
}

/// `Err(RateLimited)` with the wait, rounded up to whole seconds, when `key` is over its limit.
fn check<K: Hash + Eq + Clone>(
    limiter: &DefaultKeyedRateLimiter<K>,
    key: &K,
) -> Result<(), AppError> {
    limiter.check_key(key).map_err(|not_until| {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        AppError::RateLimited {
            retry_after_seconds: wait.as_secs() + u64::from(wait.subsec_nanos() > 0),
        }
    })
}

impl RateLimits {
    /// The limits `config` sets.
    pub fn new(config: &LimitsConfig) -> RateLimits {
        let minute = Duration::from_secs(60);
        RateLimits {
            sign_in_per_address: Arc::new(RateLimiter::keyed(quota(
                minute,
                config.sign_in_per_address_per_minute,
            ))),
            codes_per_address: Arc::new(RateLimiter::keyed(quota(
                minute * 60,
                config.codes_per_address_per_hour,
            ))),
            bookings_per_patient: Arc::new(RateLimiter::keyed(quota(
                minute,
                config.bookings_per_patient_per_minute,
            ))),
        }
    }

    /// One more sign-in attempt from `address`.
    pub fn sign_in(&self, address: IpAddr) -> Result<(), AppError> {
        check(&self.sign_in_per_address, &address)
    }

    /// One more registration, reset request, code resend or email change from `address`.
    pub fn code_request(&self, address: IpAddr) -> Result<(), AppError> {
        check(&self.codes_per_address, &address)
    }

    /// One more hold or booking by `patient`.
    pub fn booking(&self, patient: UserId) -> Result<(), AppError> {
        check(&self.bookings_per_patient, &patient)
    }

    /// Drops the state of keys that are back at their full allowance, every minute.
    pub fn spawn_janitor(&self) {
        let limits = self.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(60));
            loop {
                every.tick().await;
                limits.sign_in_per_address.retain_recent();
                limits.sign_in_per_address.shrink_to_fit();
                limits.codes_per_address.retain_recent();
                limits.codes_per_address.shrink_to_fit();
                limits.bookings_per_patient.retain_recent();
                limits.bookings_per_patient.shrink_to_fit();
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(per_minute: u32) -> RateLimits {
        RateLimits::new(&LimitsConfig {
            sign_in_per_address_per_minute: per_minute,
            sign_in_failures_before_backoff: 5,
            codes_per_address_per_hour: per_minute,
            bookings_per_patient_per_minute: per_minute,
            body_kib: 64,
            hash_concurrency: 0,
            concurrent_pages: 0,
            page_cache_kib: 0,
            page_cache_seconds: 10,
        })
    }

    #[test]
    fn an_address_gets_its_allowance_then_is_told_how_long_to_wait() {
        let limits = limits(3);
        let address: IpAddr = "203.0.113.7".parse().expect("ip");
        for _ in 0..3 {
            assert_eq!(limits.sign_in(address), Ok(()));
        }
        match limits.sign_in(address) {
            Err(AppError::RateLimited { retry_after_seconds }) => {
                assert!((1..=20).contains(&retry_after_seconds), "{retry_after_seconds}")
            }
            other => panic!("refused, not {other:?}"),
        }
        assert_eq!(limits.sign_in("203.0.113.8".parse().expect("ip")), Ok(()), "per address");
    }
}
