//! A doctor's photo on the account page: a plain multipart form (works without JavaScript)
//! posting to the server, which answers with a redirect back here carrying the outcome.

use crate::domain::field_error::{Field, FieldError, FieldErrorCode};
use crate::paths::{PHOTO_REMOVE, PHOTO_UPLOAD};
use crate::ui::pages::directory_results::DEFAULT_AVATAR;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The current photo (or the default avatar), the upload form and, with a photo, "Remove".
#[component]
pub fn PhotoBlock(photo_url: Option<String>) -> impl IntoView {
    let query = use_query_map();
    let outcome = move || query.with(|q| q.get("photo"));
    let refusal = move || {
        query.with(|q| q.get("photo_error")).map(|code| {
            let code = FieldErrorCode::parse(&code).unwrap_or(FieldErrorCode::InvalidFormat);
            FieldError::new(Field::Photo, code).message()
        })
    };
    let has_photo = photo_url.is_some();
    let shown = photo_url.unwrap_or_else(|| DEFAULT_AVATAR.to_owned());
    view! {
        <div class="photo-block" id="photo">
            <h3>"Photo"</h3>
            {move || match outcome().as_deref() {
                Some("saved") => Some(view! { <div class="alert alert-success" role="status">"Your new photo is on your profile."</div> }.into_any()),
                Some("removed") => Some(view! { <div class="alert alert-success" role="status">"Your photo was removed."</div> }.into_any()),
                _ => None,
            }}
            <div class="photo-editor">
                <img class="avatar avatar-large" src=shown alt="Your photo as patients see it" width="120" height="120" />
                <form method="post" action=PHOTO_UPLOAD enctype="multipart/form-data" class="form">
                    <div class="field">
                        <label for="photo-file">"New photo"</label>
                        <input id="photo-file" type="file" name="photo" accept="image/jpeg,image/png,image/webp"
                            required aria-describedby="photo-hint photo-error" aria-invalid=move || refusal().is_some().to_string() />
                        <p class="hint" id="photo-hint">"JPEG, PNG or WebP, up to 5 MB and 20 megapixels. We crop it to a square and remove its metadata (location, camera)."</p>
                        <div class="field-error" id="photo-error" aria-live="polite">
                            {move || refusal().map(|message| view! { <p>{message}</p> })}
                        </div>
                    </div>
                    <button type="submit" class="button">"Upload photo"</button>
                </form>
                {has_photo.then(|| view! {
                    <form method="post" action=PHOTO_REMOVE>
                        <button type="submit" class="button button-secondary">"Remove photo"</button>
                    </form>
                })}
            </div>
        </div>
    }
}
