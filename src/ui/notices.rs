//! Marking notices read, as app-wide state: the header's unread count (part of the signed-in
//! user) is fetched again after every change.

use crate::api::mark_notifications_read::MarkNotificationsRead;
use leptos::prelude::*;

/// The mark-read action, shared through context.
#[derive(Clone, Copy)]
pub struct Notices {
    pub mark_read: ServerAction<MarkNotificationsRead>,
}

impl Notices {
    /// Creates the action and provides it (before `Auth::provide`, which
    /// refreshes the user after it).
    pub fn provide() {
        provide_context(Notices { mark_read: ServerAction::<MarkNotificationsRead>::new() });
    }

    /// The state provided by the app.
    pub fn get() -> Notices {
        expect_context::<Notices>()
    }
}
