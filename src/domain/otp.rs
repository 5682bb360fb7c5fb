//! One-time codes sent by email: what a code looks like and the rules for checking and resending
//! one. The random number and `now` come from the caller; storing only a hash of the code is the
//! server's job.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// How many different codes there are (six decimal digits).
pub const CODE_SPACE: u32 = 1_000_000;

/// What a code proves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OtpPurpose {
    /// The address given at registration (or a new address) belongs to the user.
    VerifyEmail,
    /// The user may choose a new password.
    ResetPassword,
    /// The new address a user is changing their email to belongs to them.
    ChangeEmail,
}

impl OtpPurpose {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            OtpPurpose::VerifyEmail => "verify_email",
            OtpPurpose::ResetPassword => "reset_password",
            OtpPurpose::ChangeEmail => "change_email",
        }
    }

    /// The purpose stored as `raw`.
    pub fn parse(raw: &str) -> Option<OtpPurpose> {
        match raw {
            "verify_email" => Some(OtpPurpose::VerifyEmail),
            "reset_password" => Some(OtpPurpose::ResetPassword),
            "change_email" => Some(OtpPurpose::ChangeEmail),
            _ => None,
        }
    }
}

/// A six-digit code.
#[derive(Clone, PartialEq, Eq)]
pub struct OtpCode(String);

impl std::fmt::Debug for OtpCode {
    /// Codes never reach logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OtpCode(******)")
    }
}

impl OtpCode {
    /// The code for a number drawn uniformly from `0..CODE_SPACE` by a CSPRNG; `None` outside.
    pub fn from_number(number: u32) -> Option<OtpCode> {
        (number < CODE_SPACE).then(|| OtpCode(format!("{number:06}")))
    }

    /// Parses what a person typed: six digits, spaces and dashes between them ignored.
    pub fn parse(raw: &str) -> Option<OtpCode> {
        let digits: String = raw.chars().filter(|c| !matches!(c, ' ' | '-' | '\u{a0}')).collect();
        (digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(OtpCode(digits))
    }

    /// The six digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The limits on codes (Leptos.toml `otp.*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OtpPolicy {
    /// How long a code is valid after it is sent.
    pub lifetime: Duration,
    /// Wrong guesses after which the code is dead.
    pub max_attempts: u32,
    /// The shortest wait between two codes for the same user and purpose.
    pub resend_after: Duration,
    /// Codes per user and purpose in any hour.
    pub max_per_hour: u32,
}

impl Default for OtpPolicy {
    fn default() -> OtpPolicy {
        OtpPolicy {
            lifetime: Duration::minutes(10),
            max_attempts: 5,
            resend_after: Duration::seconds(60),
            max_per_hour: 5,
        }
    }
}

/// The stored state of the latest code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IssuedCode {
    pub issued_at: DateTime<Utc>,
    pub failed_attempts: u32,
    /// Already used successfully (a code works once).
    pub used: bool,
}

/// Why a code cannot be checked any more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CodeRefusal {
    /// No code was sent, or it was already used.
    NoCode,
    /// Its time is up.
    Expired,
    /// Too many wrong guesses: it is dead.
    TooManyAttempts,
}

/// Whether `code` may still be compared with a guess at `now`.
pub fn may_check(
    policy: &OtpPolicy,
    code: &IssuedCode,
    now: DateTime<Utc>,
) -> Result<(), CodeRefusal> {
    if code.used {
        Err(CodeRefusal::NoCode)
    } else if code.failed_attempts >= policy.max_attempts {
        Err(CodeRefusal::TooManyAttempts)
    } else if now >= code.issued_at + policy.lifetime {
        Err(CodeRefusal::Expired)
    } else {
        Ok(())
    }
}

/// Guesses left after one more wrong guess (0: the code is now dead).
pub fn attempts_left_after_wrong_guess(policy: &OtpPolicy, code: &IssuedCode) -> u32 {
    policy.max_attempts.saturating_sub(code.failed_attempts + 1)
}

/// Why no new code is sent now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResendRefusal {
    /// A code was sent moments ago: wait this many seconds.
    TooSoon { wait_seconds: i64 },
    /// The hourly cap is reached: wait this many seconds.
    HourlyCap { wait_seconds: i64 },
}

/// Whether a new code may be sent at `now`, given when earlier codes for the same user and
/// purpose were sent (any order, older ones may be included).
pub fn may_send(
    policy: &OtpPolicy,
    sent_at: &[DateTime<Utc>],
    now: DateTime<Utc>,
) -> Result<(), ResendRefusal> {
    let wait = |until: DateTime<Utc>| (until - now).num_seconds().max(1);
    if let Some(last) = sent_at.iter().max() {
        let next = *last + policy.resend_after;
        if now < next {
            return Err(ResendRefusal::TooSoon { wait_seconds: wait(next) });
        }
    }
    let hour_ago = now - Duration::hours(1);
    let mut recent: Vec<DateTime<Utc>> =
        sent_at.iter().copied().filter(|t| *t > hour_ago).collect();
    if recent.len() >= policy.max_per_hour as usize {
        recent.sort();
        // Another code may go once the oldest code that keeps the cap full is an hour old.
        let oldest = recent[recent.len() - policy.max_per_hour as usize];
        return Err(ResendRefusal::HourlyCap { wait_seconds: wait(oldest + Duration::hours(1)) });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + seconds, 0).expect("instant")
    }

    fn issued(seconds: i64, failed: u32) -> IssuedCode {
        IssuedCode { issued_at: at(seconds), failed_attempts: failed, used: false }
    }

    #[test]
    fn codes_are_six_digits_with_leading_zeros() {
        assert_eq!(OtpCode::from_number(42).expect("code").as_str(), "000042");
        assert_eq!(OtpCode::from_number(999_999).expect("code").as_str(), "999999");
        assert_eq!(OtpCode::from_number(1_000_000), None);
    }

    #[test]
    fn typed_codes_ignore_spaces_and_dashes_but_nothing_else() {
        assert_eq!(OtpCode::parse(" 123 456 ").map(|c| c.0), Some("123456".into()));
        assert_eq!(OtpCode::parse("123-456").map(|c| c.0), Some("123456".into()));
        for bad in ["", "12345", "1234567", "12345a", "banana", "１２３４５６", "12.456"] {
            assert_eq!(OtpCode::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_code_is_never_printed() {
        let code = OtpCode::parse("123456").expect("code");
        assert!(!format!("{code:?}").contains("123456"));
    }

    #[test]
    fn a_code_lives_ten_minutes() {
        let policy = OtpPolicy::default();
        assert_eq!(may_check(&policy, &issued(0, 0), at(599)), Ok(()));
        assert_eq!(may_check(&policy, &issued(0, 0), at(600)), Err(CodeRefusal::Expired));
    }

    #[test]
    fn five_wrong_guesses_kill_a_code() {
        let policy = OtpPolicy::default();
        assert_eq!(attempts_left_after_wrong_guess(&policy, &issued(0, 0)), 4);
        assert_eq!(attempts_left_after_wrong_guess(&policy, &issued(0, 4)), 0);
        assert_eq!(may_check(&policy, &issued(0, 4), at(1)), Ok(()));
        assert_eq!(may_check(&policy, &issued(0, 5), at(1)), Err(CodeRefusal::TooManyAttempts));
    }

    #[test]
    fn a_used_code_does_not_work_again() {
        let code = IssuedCode { used: true, ..issued(0, 0) };
        assert_eq!(may_check(&OtpPolicy::default(), &code, at(1)), Err(CodeRefusal::NoCode));
    }

    #[test]
    fn resending_waits_a_minute_after_the_last_code() {
        let policy = OtpPolicy::default();
        assert_eq!(may_send(&policy, &[], at(0)), Ok(()));
        assert_eq!(
            may_send(&policy, &[at(0)], at(45)),
            Err(ResendRefusal::TooSoon { wait_seconds: 15 })
        );
        assert_eq!(may_send(&policy, &[at(0)], at(60)), Ok(()));
    }

    #[test]
    fn at_most_five_codes_an_hour() {
        let policy = OtpPolicy::default();
        let sent: Vec<_> = (0..5).map(|i| at(i * 100)).collect();
        assert_eq!(
            may_send(&policy, &sent, at(500)),
            Err(ResendRefusal::HourlyCap { wait_seconds: 3100 })
        );
        assert_eq!(may_send(&policy, &sent, at(3600)), Ok(()), "the first one is an hour old");
    }

    proptest! {
        #[test]
        fn never_more_than_the_cap_in_any_hour(gaps in proptest::collection::vec(1i64..900, 1..60)) {
            // Someone asks again and again; every code the rules let through is recorded.
            let policy = OtpPolicy::default();
            let mut sent: Vec<DateTime<Utc>> = Vec::new();
            let mut now = at(0);
            for gap in gaps {
                now += Duration::seconds(gap);
                if may_send(&policy, &sent, now).is_ok() {
                    sent.push(now);
                }
            }
            for (i, first) in sent.iter().enumerate() {
                let in_hour = sent[i..].iter().filter(|t| **t < *first + Duration::hours(1)).count();
                prop_assert!(in_hour <= policy.max_per_hour as usize);
            }
            for pair in sent.windows(2) {
                prop_assert!(pair[1] - pair[0] >= policy.resend_after);
            }
        }

        #[test]
        fn a_refusal_names_a_wait_after_which_sending_is_allowed(
            gaps in proptest::collection::vec(1i64..900, 1..40)
        ) {
            let policy = OtpPolicy::default();
            let mut sent: Vec<DateTime<Utc>> = Vec::new();
            let mut now = at(0);
            for gap in gaps {
                now += Duration::seconds(gap);
                match may_send(&policy, &sent, now) {
                    Ok(()) => sent.push(now),
                    Err(refusal) => {
                        let (wait, same_kind): (i64, fn(&ResendRefusal) -> bool) = match refusal {
                            ResendRefusal::TooSoon { wait_seconds } => {
                                (wait_seconds, |r| matches!(r, ResendRefusal::TooSoon { .. }))
                            }
                            ResendRefusal::HourlyCap { wait_seconds } => {
                                (wait_seconds, |r| matches!(r, ResendRefusal::HourlyCap { .. }))
                            }
                        };
                        prop_assert!(wait >= 1);
                        // Waiting as long as told lifts that refusal.
                        let later = may_send(&policy, &sent, now + Duration::seconds(wait));
                        prop_assert!(!later.as_ref().err().is_some_and(same_kind));
                    }
                }
            }
        }
    }
}
