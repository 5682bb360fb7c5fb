//! Where a production server keeps the one-time codes its mail jobs carry: in memory only, so
//! the database never holds a readable code. A job's payload names a sealed code by a random
//! token; a code not sent before the server stops is gone (the person asks for a new one).

use rand::Rng;
use rand::distributions::Alphanumeric;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What a sealed code's place in a job payload starts with.
pub const SEALED_PREFIX: &str = "sealed:";

/// Codes waiting to be mailed, by token.
#[derive(Debug, Default)]
pub struct CodeVault {
    codes: Mutex<HashMap<String, (String, Instant)>>,
}

/// How long a sealed code is kept (longer than any code lives).
const KEEP: Duration = Duration::from_secs(2 * 60 * 60);

impl CodeVault {
    /// Keeps `code` and returns what the job payload stores instead (`sealed:<token>`).
    pub fn seal(&self, code: &str) -> String {
        let token: String =
            rand::thread_rng().sample_iter(&Alphanumeric).take(32).map(char::from).collect();
        let now = Instant::now();
        if let Ok(mut codes) = self.codes.lock() {
            codes.retain(|_, (_, at)| now.duration_since(*at) < KEEP);
            codes.insert(token.clone(), (code.to_owned(), now));
        }
        format!("{SEALED_PREFIX}{token}")
    }

    /// The code behind a payload's `sealed:<token>`, if this process still holds it.
    pub fn open(&self, sealed: &str) -> Option<String> {
        let token = sealed.strip_prefix(SEALED_PREFIX)?;
        self.codes.lock().ok()?.get(token).map(|(code, _)| code.clone())
    }

    /// Forgets a sealed code once its mail is out.
    pub fn forget(&self, sealed: &str) {
        if let (Some(token), Ok(mut codes)) =
            (sealed.strip_prefix(SEALED_PREFIX), self.codes.lock())
        {
            codes.remove(token);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_code_opens_until_forgotten_and_its_token_says_nothing_of_it() {
        let vault = CodeVault::default();
        let sealed = vault.seal("123456");
        assert!(sealed.starts_with(SEALED_PREFIX) && !sealed.contains("123456"));
        assert_eq!(vault.open(&sealed).as_deref(), Some("123456"));
        vault.forget(&sealed);
        assert_eq!(vault.open(&sealed), None);
        assert_eq!(CodeVault::default().open(&vault.seal("654321")), None, "another process");
    }
}
