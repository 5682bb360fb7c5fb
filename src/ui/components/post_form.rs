//! A form posting to a server function as the browser would without wasm: its fields go as
//! they are (URL-encoded), not read into the function's argument type first as Leptos's
//! `ActionForm` does. That reader (serde_qs, and a deserializer per argument type) was the
//! largest single piece of the booking path's wasm; the server reads the fields either way.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use std::marker::PhantomData;

/// A server function's action fed by a [`PostForm`]: its input is the form's URL-encoded
/// fields, its value the function's answer.
pub struct FormAction<S: ServerFn> {
    action: Action<String, Result<S::Output, AppError>>,
    function: PhantomData<fn() -> S>,
}

impl<S: ServerFn> Clone for FormAction<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: ServerFn> Copy for FormAction<S> {}

impl<S> FormAction<S>
where
    S: ServerFn<Error = AppError> + 'static,
    S::Output: serde::de::DeserializeOwned + Send + Sync + 'static,
{
    /// A new action for server function `S`.
    pub fn new() -> Self {
        let action = Action::new(|fields: &String| post::<S>(fields.clone()));
        Self { action, function: PhantomData }
    }
}

impl<S> FormAction<S>
where
    S: ServerFn<Error = AppError>,
    S::Output: Send + Sync + 'static,
{
    /// The latest answer (`None` before the first).
    pub fn value(&self) -> MappedSignal<Option<Result<S::Output, AppError>>> {
        self.action.value()
    }

    /// Whether a submission is on its way.
    pub fn pending(&self) -> Memo<bool> {
        self.action.pending()
    }

    /// How many submissions have been answered.
    pub fn version(&self) -> RwSignal<usize> {
        self.action.version()
    }
}

/// `<form method="post">` to `S` (so it works before and without the wasm) whose submission,
/// once the page is interactive, dispatches `action` instead.
#[component]
pub fn PostForm<S>(action: FormAction<S>, children: Children) -> impl IntoView
where
    S: ServerFn<Error = AppError>,
    S::Output: Send + Sync + 'static,
{
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        if event.default_prevented() {
            return;
        }
        // Fields that cannot be read leave the browser to post the form itself.
        if let Some(fields) = fields_of(&event) {
            event.prevent_default();
            action.action.dispatch(fields);
        }
    };
    view! {
        <form action=S::url() method="post" on:submit=on_submit>
            {children()}
        </form>
    }
}

/// The submitted form's fields (with the button that submitted it), URL-encoded.
#[cfg(feature = "hydrate")]
fn fields_of(event: &leptos::ev::SubmitEvent) -> Option<String> {
    let data = leptos::form::form_data_from_event(event).ok()?;
    web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?.to_string().as_string()
}

#[cfg(not(feature = "hydrate"))]
fn fields_of(_event: &leptos::ev::SubmitEvent) -> Option<String> {
    None
}

/// Posts `fields` to `S` and reads its answer as the server function's own client would: an
/// error status carries an [`AppError`], and a redirect goes through the redirect hook.
#[cfg(feature = "hydrate")]
async fn post<S>(fields: String) -> Result<S::Output, AppError>
where
    S: ServerFn<Error = AppError>,
    S::Output: serde::de::DeserializeOwned,
{
    use crate::wire::TextJsonEncoding;
    use leptos::server_fn::client::{Client, browser::BrowserClient};
    use leptos::server_fn::error::FromServerFnError;
    use leptos::server_fn::request::{ClientReq, browser::BrowserRequest};
    use leptos::server_fn::response::ClientRes;
    use leptos::server_fn::{ContentType, Decodes};
    const FORM: &str = "application/x-www-form-urlencoded";
    let request: BrowserRequest =
        ClientReq::<AppError>::try_new_post(S::PATH, FORM, TextJsonEncoding::CONTENT_TYPE, fields)?;
    let response = <BrowserClient as Client<AppError>>::send(request).await?;
    let status = ClientRes::<AppError>::status(&response);
    let location = ClientRes::<AppError>::location(&response);
    let redirected = ClientRes::<AppError>::has_redirect(&response);
    let body = ClientRes::<AppError>::try_into_bytes(response).await?;
    let answer = if (400..=599).contains(&status) {
        Err(AppError::de(body))
    } else {
        TextJsonEncoding::decode(body).map_err(|error| {
            let error =
                leptos::server_fn::error::ServerFnErrorErr::Deserialization(error.to_string());
            AppError::from_server_fn_error(error)
        })
    };
    if answer.is_ok() && ((300..=399).contains(&status) || redirected) {
        leptos::server_fn::redirect::call_redirect_hook(&location);
    }
    answer
}

/// Forms are only submitted in the browser: the server renders them, it never dispatches them.
#[cfg(not(feature = "hydrate"))]
async fn post<S>(_fields: String) -> Result<S::Output, AppError>
where
    S: ServerFn<Error = AppError>,
{
    Err(AppError::Internal)
}
