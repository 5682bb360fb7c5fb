//! Counting an action's successes, to reload data after each one (and not after a failure,
//! so that a form keeps what was typed).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// A memo that grows by one each time `action` answers with success.
pub fn use_successes<S>(action: ServerAction<S>) -> Memo<u32>
where
    S: ServerFn + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    Memo::new(move |count: Option<&u32>| {
        let count = count.copied().unwrap_or(0);
        let succeeded = action.value().with(|v| matches!(v, Some(Ok(_))));
        if succeeded { count + 1 } else { count }
    })
}
