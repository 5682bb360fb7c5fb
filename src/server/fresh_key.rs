//! Fresh idempotency keys for forms, drawn from the thread's CSPRNG.

use crate::domain::IdempotencyKey;
use crate::server::error::{ServerError, ServerResult};
use rand::Rng;
use rand::distributions::Alphanumeric;

/// A new random key for a form (32 alphanumeric characters).
pub fn fresh_key() -> ServerResult<IdempotencyKey> {
    let random = rand::thread_rng().sample_iter(&Alphanumeric).map(char::from);
    IdempotencyKey::from_random(random)
        .ok_or_else(|| ServerError::broken("drawing a key", "32 alphanumerics are not a key"))
}
