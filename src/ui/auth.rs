//! The signed-in user as reactive app-wide state, refreshed after sign-in/out, after notices
//! are marked read, and every minute while a page is open.

use crate::api::current_user::current_user;
use crate::api::login::Login;
use crate::api::logout::Logout;
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use leptos::prelude::*;

/// Sign-in/out actions and the current user, shared through context.
#[derive(Clone, Copy)]
pub struct Auth {
    pub login: crate::ui::components::FormAction<Login>,
    pub logout: ServerAction<Logout>,
    pub user: Resource<Result<Option<SessionUser>, AppError>>,
}

impl Auth {
    /// Creates the auth state and provides it to the component tree.
    pub fn provide() {
        let login = crate::ui::components::FormAction::<Login>::new();
        let logout = ServerAction::<Logout>::new();
        let mark_read = crate::ui::notices::Notices::get().mark_read;
        let user = Resource::new(
            move || (login.version().get(), logout.version().get(), mark_read.version().get()),
            |_| current_user(),
        );
        provide_context(Auth { login, logout, user });
    }

    /// The auth state provided by the app.
    pub fn get() -> Auth {
        expect_context::<Auth>()
    }
}
