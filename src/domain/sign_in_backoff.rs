//! How long a sign-in name must wait after wrong passwords: free for the first few, then a
//! wait that doubles with each further failure, up to a ceiling.

use chrono::{DateTime, Duration, Utc};

/// The longest wait.
pub const MAX_WAIT: Duration = Duration::minutes(15);

/// The wait after `failures` wrong passwords when `free` are allowed without one: none up to
/// `free`, then 1 s, 2 s, 4 s… at most [`MAX_WAIT`].
pub fn wait_after(failures: u32, free: u32) -> Duration {
    match failures.checked_sub(free) {
        None => Duration::zero(),
        Some(extra) => {
            let seconds = 1_i64.checked_shl(extra.min(30)).unwrap_or(i64::MAX);
            Duration::seconds(seconds).min(MAX_WAIT)
        }
    }
}

/// Whether another attempt may be made at `now` after `failures` (the last at `last_at`);
/// otherwise how long is left.
pub fn may_try(
    failures: u32,
    last_at: DateTime<Utc>,
    now: DateTime<Utc>,
    free: u32,
) -> Result<(), Duration> {
    let until = last_at + wait_after(failures, free);
    if now >= until { Ok(()) } else { Err(until - now) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_first_failures_are_free_then_the_wait_doubles_up_to_fifteen_minutes() {
        let waits: Vec<i64> = (0..=16).map(|n| wait_after(n, 5).num_seconds()).collect();
        assert_eq!(waits[..8], [0, 0, 0, 0, 0, 1, 2, 4]);
        assert_eq!(waits[15], 900);
        assert_eq!(wait_after(u32::MAX, 5), MAX_WAIT);
    }

    #[test]
    fn a_try_during_the_wait_is_told_how_long_is_left() {
        let last = DateTime::from_timestamp(1_000, 0).expect("instant");
        assert_eq!(may_try(7, last, last + Duration::seconds(1), 5), Err(Duration::seconds(3)));
        assert_eq!(may_try(7, last, last + Duration::seconds(4), 5), Ok(()));
        assert_eq!(may_try(4, last, last, 5), Ok(()));
    }

    proptest! {
        #[test]
        fn more_failures_never_wait_less_and_never_more_than_the_ceiling(n in 0u32..200, free in 1u32..20) {
            prop_assert!(wait_after(n + 1, free) >= wait_after(n, free));
            prop_assert!(wait_after(n, free) <= MAX_WAIT);
        }
    }
}
