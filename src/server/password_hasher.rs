//! Argon2id password hashing on the blocking pool, with a constant-work path for unknown users.
//! Each hash takes 19 MiB and a core for ~50 ms, so at most `concurrency` run at once and the
//! rest wait their turn: a burst of sign-ins cannot take all memory or starve the other work.

use super::error::Doing;
use crate::domain::Password;
use crate::server::error::ServerResult;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString};
use rand::rngs::OsRng;
use std::sync::Arc;
use tokio::sync::Semaphore;

/// Hashes and verifies passwords without blocking the async threads.
#[derive(Clone)]
pub struct PasswordHasher {
    /// A real hash of a random secret, verified against when the user is unknown so that
    /// "unknown user" and "wrong password" take the same time.
    dummy_hash: Arc<str>,
    /// One permit per hash allowed to run at once.
    permits: Arc<Semaphore>,
}

impl PasswordHasher {
    /// Prepares the hasher (computes the dummy hash once); `concurrency` 0 means one hash per
    /// core.
    pub async fn new(concurrency: usize) -> anyhow::Result<Self> {
        let concurrency = match concurrency {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        };
        let secret = SaltString::generate(&mut OsRng).as_str().to_owned();
        let dummy_hash = tokio::task::spawn_blocking(move || hash_blocking(&secret)).await??;
        Ok(Self { dummy_hash: dummy_hash.into(), permits: Arc::new(Semaphore::new(concurrency)) })
    }

    /// Runs `work` on the blocking pool once a permit is free.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, anyhow::Error> {
        let _permit = self.permits.acquire().await?;
        Ok(tokio::task::spawn_blocking(work).await?)
    }

    /// Hashes a new password (Argon2id, random salt, PHC string).
    pub async fn hash(&self, password: &Password) -> ServerResult<String> {
        let secret = password.expose().to_owned();
        self.run(move || hash_blocking(&secret))
            .await
            .doing("password hash task")?
            .doing("password hashing")
    }

    /// Hashes a one-time code (Argon2id, random salt), so a leaked table does not give codes away.
    pub async fn hash_code(&self, code: &crate::domain::otp::OtpCode) -> ServerResult<String> {
        let secret = code.as_str().to_owned();
        self.run(move || hash_blocking(&secret))
            .await
            .doing("code hash task")?
            .doing("code hashing")
    }

    /// Checks `candidate` against `stored`; with no stored hash it still does the same work and
    /// answers false.
    pub async fn verify(&self, candidate: &str, stored: Option<&str>) -> bool {
        let known = stored.is_some();
        let hash = stored.map(str::to_owned).unwrap_or_else(|| self.dummy_hash.to_string());
        let candidate = candidate.to_owned();
        let matches = self
            .run(move || {
                PasswordHash::new(&hash)
                    .map(|parsed| {
                        Argon2::default().verify_password(candidate.as_bytes(), &parsed).is_ok()
                    })
                    .unwrap_or(false)
            })
            .await
            .unwrap_or(false);
        known && matches
    }
}

fn hash_blocking(secret: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("argon2: {e}"))
}
