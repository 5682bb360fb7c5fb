//! The unread-notice count as app-wide state: refreshed on every navigation, after sign-in/out
//! and after notices are marked read.

use crate::api::mark_notifications_read::MarkNotificationsRead;
use crate::api::unread_notifications::unread_notifications;
use crate::error::AppError;
use crate::ui::auth::Auth;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The mark-read action and the unread count, shared through context.
#[derive(Clone, Copy)]
pub struct Notices {
    pub mark_read: ServerAction<MarkNotificationsRead>,
    pub unread: Resource<Result<i64, AppError>>,
}

impl Notices {
    /// Creates the state (inside the router) and provides it.
    pub fn provide() {
        let auth = Auth::get();
        let mark_read = ServerAction::<MarkNotificationsRead>::new();
        let location = use_location();
        let unread = Resource::new(
            move || {
                (
                    location.pathname.get(),
                    mark_read.version().get(),
                    auth.login.version().get(),
                    auth.logout.version().get(),
                )
            },
            |_| unread_notifications(),
        );
        provide_context(Notices { mark_read, unread });
    }

    /// The state provided by the app.
    pub fn get() -> Notices {
        expect_context::<Notices>()
    }
}
