//! The error a form should show: from the action (after hydration) or from the URL (after a
//! plain form post before the wasm loaded).

use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The current error of a form whose server action writes into `value`.
pub fn use_form_error<T, S>(value: S) -> Signal<Option<AppError>>
where
    T: Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    let query = use_query_map();
    Signal::derive(move || match value.get() {
        Some(Err(error)) => Some(error),
        Some(Ok(_)) => None,
        None => query.with(|q| {
            let code = q.get("error")?;
            let fields = q.get_all("field_error").unwrap_or_default();
            let pairs = std::iter::once(("error", code.as_str()))
                .chain(fields.iter().map(|f| ("field_error", f.as_str())));
            AppError::from_query(pairs)
        }),
    })
}
