//! The scaffold every signed-in page shares around its data: a loading line while it comes, a
//! sign-in prompt for a visitor, the error's sentence when it fails, the content once it is there.

use crate::error::AppError;
use crate::paths;
use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Shows `resource` through `content` once loaded. `loading` is the line shown meanwhile
/// ("Loading your wallet…"); `sign_in_for` ends the sentence asking a visitor to sign in
/// ("to see your wallet.", "as an admin.").
#[component]
pub fn PageData<T, F, V>(
    resource: Resource<Result<T, AppError>>,
    loading: &'static str,
    sign_in_for: &'static str,
    content: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Transition fallback=move || view! { <p class="loading">{loading}</p> }>
            {move || {
                let content = content.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => content(value).into_any(),
                        Err(AppError::Unauthenticated) => view! {
                            <p class="alert alert-info">
                                "Please " <a href=paths::LOGIN>"sign in"</a> " " {sign_in_for}
                            </p>
                        }
                        .into_any(),
                        Err(error) => view! {
                            <p class="alert alert-error" data-error-code=error.code()>
                                {error.message()}
                            </p>
                        }
                        .into_any(),
                    }
                })
            }}
        </Transition>
    }
}
