//! The photo endpoints: a doctor uploads or removes their photo (`POST`, a plain multipart form
//! that works without JavaScript), anyone reads a photo by its content-hashed URL.
//!
//! A browser's form post gets a redirect back to the account page, carrying the outcome in the
//! query (`photo=saved`, or `photo_error=<code>` shown at the field); other callers get JSON.

use crate::domain::Role;
use crate::domain::field_error::{Field, FieldErrorCode};
use crate::error::AppError;
use crate::server::auth;
use crate::server::photos::processing::MAX_BYTES;
use crate::server::refusal_response::refusal;
use crate::server::services::photos::{self, PhotoSize};
use crate::server::state::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// How much of an oversized upload is read (and thrown away) so its sender sees the answer.
pub const DRAIN_LIMIT: usize = 32 * 1024 * 1024;

/// `POST /account/photo`: the signed-in doctor's new photo, from the form's `photo` file.
pub async fn upload(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let doctor = match auth::require_role(&state, &session, Role::Doctor).await {
        Ok(doctor) => doctor,
        Err(error) => return refusal(&error.into_answer(), &headers),
    };
    let outcome = match read_photo(multipart).await {
        Ok(bytes) => photos::set_doctor_photo(&state, doctor.id, bytes).await,
        Err(error) => Err(error.into()),
    };
    match outcome {
        Ok(_) if wants_html(&headers) => back_to_account("photo=saved"),
        Ok(url) => axum::Json(serde_json::json!({ "url": url })).into_response(),
        Err(error) => answer_refusal(error.into_answer(), &headers),
    }
}

/// `POST /account/photo/remove`: the signed-in doctor goes back to the default avatar.
pub async fn remove(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
) -> Response {
    let doctor = match auth::require_role(&state, &session, Role::Doctor).await {
        Ok(doctor) => doctor,
        Err(error) => return refusal(&error.into_answer(), &headers),
    };
    match photos::remove_doctor_photo(&state, doctor.id).await {
        Ok(()) if wants_html(&headers) => back_to_account("photo=removed"),
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => refusal(&error.into_answer(), &headers),
    }
}

/// `GET /photos/{hash}/{card|profile}.jpg`: cached for a year (a new photo has a new hash).
pub async fn serve(
    State(state): State<AppState>,
    Path((hash, file)): Path<(String, String)>,
) -> Response {
    let size = match file.as_str() {
        "card.jpg" => PhotoSize::Card,
        "profile.jpg" => PhotoSize::Profile,
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let well_formed =
        hash.len() == 32 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    if !well_formed {
        return StatusCode::NOT_FOUND.into_response();
    }
    match photos::read(&state, &hash, size).await {
        Ok(Some(bytes)) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg")),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=31536000, immutable"),
                ),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            let error = error.into_answer();
            (StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
                .into_response()
        }
    }
}

/// The `photo` part's bytes. Past [`MAX_BYTES`] the rest is read and dropped (up to
/// [`DRAIN_LIMIT`]) so the browser, still sending, sees the field's message.
async fn read_photo(mut multipart: Multipart) -> Result<Vec<u8>, AppError> {
    let mut photo: Option<Vec<u8>> = None;
    let mut too_long = false;
    let mut seen = 0usize;
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(_) => return Err(AppError::BadRequest),
        };
        let is_photo = field.name() == Some("photo") && photo.is_none();
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    seen += chunk.len();
                    if seen > DRAIN_LIMIT {
                        return Err(AppError::field(Field::Photo, FieldErrorCode::TooLong));
                    }
                    if is_photo && bytes.len() + chunk.len() <= MAX_BYTES {
                        bytes.extend_from_slice(&chunk);
                    } else if is_photo {
                        too_long = true;
                    }
                }
                Ok(None) => break,
                Err(_) => return Err(AppError::BadRequest),
            }
        }
        if is_photo {
            photo = Some(bytes);
        }
    }
    if too_long {
        return Err(AppError::field(Field::Photo, FieldErrorCode::TooLong));
    }
    photo.ok_or(AppError::field(Field::Photo, FieldErrorCode::Required))
}

/// A refused upload: a form post goes back to the account page with the field's code.
fn answer_refusal(error: AppError, headers: &HeaderMap) -> Response {
    if let (true, AppError::Invalid(fields)) = (wants_html(headers), &error) {
        if let Some(first) = fields.first() {
            return back_to_account(&format!("photo_error={}", first.code.as_str()));
        }
    }
    refusal(&error, headers)
}

fn back_to_account(query: &str) -> Response {
    Redirect::to(&format!("{}?{query}#photo", crate::paths::ACCOUNT)).into_response()
}

fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}
