//! A doctor's photo: set from an upload (checked and re-encoded off the async threads, one at a
//! time), removed, and read back by its content-hashed URL.

use crate::domain::UserId;
use crate::error::AppError;
use crate::server::db;
use crate::server::error::{Doing, ServerResult};
use crate::server::photos::processing::{self, ProcessedPhoto};
use crate::server::state::AppState;
use sha2::{Digest, Sha256};
use std::sync::LazyLock;
use tokio::sync::Semaphore;

/// Decoding a 20-megapixel picture takes a core for a moment: one at a time, so uploads never
/// starve the pages.
static DECODING: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(1));

/// Which of the stored sizes a URL asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoSize {
    Card,
    Profile,
}

/// The URL of a photo, by the hash that names it.
pub fn url(hash: &str, size: PhotoSize) -> String {
    let name = match size {
        PhotoSize::Card => "card",
        PhotoSize::Profile => "profile",
    };
    format!("/photos/{hash}/{name}.jpg")
}

/// Checks and re-encodes `upload`, stores it and makes it the doctor's photo (their previous
/// one is deleted in the same transaction). Returns the new profile-size URL.
pub async fn set_doctor_photo(
    state: &AppState,
    doctor: UserId,
    upload: Vec<u8>,
) -> ServerResult<String> {
    let processed = {
        let _turn = DECODING.acquire().await.doing("waiting to process a photo")?;
        tokio::task::spawn_blocking(move || processing::process(&upload))
            .await
            .doing("processing a photo")?
            .map_err(|refusal| AppError::Invalid(vec![refusal]))?
    };
    let hash = content_hash(doctor, &processed);
    store(state, doctor, &hash, processed).await?;
    Ok(url(&hash, PhotoSize::Profile))
}

/// The doctor shows the default avatar again; their photo is deleted.
pub async fn remove_doctor_photo(state: &AppState, doctor: UserId) -> ServerResult<()> {
    let mut tx = db::begin_write(&state.writer).await.doing("removing a photo")?;
    sqlx::query("UPDATE doctors SET photo_id = NULL WHERE user_id = ?1")
        .bind(doctor.0)
        .execute(&mut *tx)
        .await
        .doing("removing a photo")?;
    sqlx::query("DELETE FROM photos WHERE owner_id = ?1")
        .bind(doctor.0)
        .execute(&mut *tx)
        .await
        .doing("removing a photo")?;
    tx.commit().await.doing("removing a photo")?;
    Ok(())
}

/// The stored JPEG for a hash and size, if there is one.
pub async fn read(state: &AppState, hash: &str, size: PhotoSize) -> ServerResult<Option<Vec<u8>>> {
    let column = match size {
        PhotoSize::Card => "card",
        PhotoSize::Profile => "profile",
    };
    sqlx::query_scalar(&format!("SELECT {column} FROM photos WHERE hash = ?1"))
        .bind(hash)
        .fetch_optional(&state.db)
        .await
        .doing("reading a photo")
}

/// 32 hex digits of SHA-256 over the owner and the picture: a new picture is a new URL (so
/// the old one may be cached forever), and two doctors' identical pictures stay apart.
fn content_hash(owner: UserId, photo: &ProcessedPhoto) -> String {
    let digest =
        Sha256::new().chain_update(owner.0.to_be_bytes()).chain_update(&photo.profile).finalize();
    digest[..16].iter().map(|byte| format!("{byte:02x}")).collect()
}

async fn store(
    state: &AppState,
    doctor: UserId,
    hash: &str,
    photo: ProcessedPhoto,
) -> ServerResult<()> {
    let now = state.clock.now().timestamp();
    let mut tx = db::begin_write(&state.writer).await.doing("saving a photo")?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO photos (owner_id, hash, card, profile, created_at) VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (hash) DO UPDATE SET created_at = created_at RETURNING id",
    )
    .bind(doctor.0)
    .bind(hash)
    .bind(photo.card)
    .bind(photo.profile)
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .doing("saving a photo")?;
    let updated = sqlx::query("UPDATE doctors SET photo_id = ?2 WHERE user_id = ?1")
        .bind(doctor.0)
        .bind(id)
        .execute(&mut *tx)
        .await
        .doing("saving a photo")?;
    if updated.rows_affected() == 0 {
        return Err(AppError::NotFound.into());
    }
    sqlx::query("DELETE FROM photos WHERE owner_id = ?1 AND id <> ?2")
        .bind(doctor.0)
        .bind(id)
        .execute(&mut *tx)
        .await
        .doing("saving a photo")?;
    tx.commit().await.doing("saving a photo")?;
    Ok(())
}
