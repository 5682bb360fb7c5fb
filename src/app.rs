//! The HTML shell, the router and app-wide context.

use crate::dto::demo_site::DemoSite;
use crate::dto::sign_in_provider::SignInProvider;
use crate::ui::auth::Auth;
use crate::ui::layout::{DemoBanner, Footer, Header, demo_site, sign_in_provider};
use crate::ui::lazy_pages::{
    AccountRoute, AdminAppointmentsRoute, AdminMailRoute, AdminPaymentsRoute,
    AdminSpecialtiesRoute, AdminUsersRoute, AgendaRoute, AnalyticsRoute, AppointmentRoute,
    EarningsRoute, ForgotPasswordRoute, MyAppointmentsRoute, NotificationsRoute,
    PatientRecordRoute, ProviderAccountRoute, ReportsRoute, RescheduleRoute, ReviewRoute,
    ScheduleRoute, VerifyEmailRoute, WalletRoute,
};
use crate::ui::notices::Notices;
use crate::ui::pages::{
    booking_confirm::BookingConfirmPage, doctor_page::DoctorPage, doctors::DoctorsPage,
    home::HomePage, login::LoginPage, my_appointments::MyAppointmentsPage, not_found::NotFound,
    register::RegisterPage,
};
use crate::ui::viewer_zone::ViewerZone;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, SsrMode, path};

/// The document around the app, rendered on the server; `stylesheet` is the built stylesheet's
/// URL (content-hashed in a release build).
pub fn shell(options: LeptosOptions, stylesheet: String) -> impl IntoView {
    let islands = crate::ui::islands::requested();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="referrer" content="same-origin" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <meta name=DemoSite::META_NAME content=demo_site().0.to_string() />
                <meta name=SignInProvider::META_NAME content=sign_in_provider().unwrap_or_default() />
                <link id="leptos" rel="stylesheet" href=stylesheet />
                <HydrationScripts options=client_options(options, islands) islands />
                <MetaTags />
            </head>
            <body data-islands=islands.then_some("true")>
                {if islands { view! { <IslandsApp /> }.into_any() } else { view! { <App /> }.into_any() }}
            </body>
        </html>
    }
}

/// The options naming the client a page loads: on an islands page the booking path's own client
/// when the build made one (`hash-islands.txt` beside the server binary, written by
/// `scripts/env.sh`'s `build_islands_client`), else the whole app's.
fn client_options(mut options: LeptosOptions, islands: bool) -> LeptosOptions {
    const HASH_FILE: &str = "hash-islands.txt";
    static BUILT: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let built = *BUILT.get_or_init(|| {
        let read = |name: &str| {
            let exe = std::env::current_exe().ok()?;
            std::fs::read_to_string(exe.parent()?.join(name)).ok()
        };
        let pkg = std::path::Path::new(&*options.site_root).join(&*options.site_pkg_dir);
        islands_client_matches(read(HASH_FILE), read(&options.hash_file), |name| {
            pkg.join(name).is_file()
        })
    });
    if islands && options.hash_files && built {
        options.output_name = "medibook_islands".into();
        options.hash_file = HASH_FILE.into();
    }
    options
}

/// Whether `islands` (hash-islands.txt) names a client that is in the site (`exists`) and was
/// built with the whole app's build named by `whole` (hash.txt: its other lines are copied from
/// it). A file left by an older build would load a client that no longer matches the server.
fn islands_client_matches(
    islands: Option<String>,
    whole: Option<String>,
    exists: impl Fn(&str) -> bool,
) -> bool {
    let (Some(islands), Some(whole)) = (islands, whole) else {
        return false;
    };
    let own = |line: &&str| line.starts_with("js: ") || line.starts_with("wasm: ");
    let shared = |text: &str| -> Vec<String> {
        text.lines().filter(|line| !own(line)).map(str::to_owned).collect()
    };
    let wasm = islands.lines().find_map(|line| line.strip_prefix("wasm: "));
    wasm.is_some_and(|hash| exists(&format!("medibook_islands.{}.wasm", hash.trim())))
        && shared(&islands) == shared(&whole)
}

/// What every page reads from its app, whole or islands: the page head, notices, the signed-in
/// user and the viewer's time zone.
fn provide_app_context() {
    provide_meta_context();
    Notices::provide();
    Auth::provide();
    ViewerZone::provide();
}

/// Each page's title, `<page> · MediBook` (the landing page: `MediBook`).
#[component]
fn PageTitle() -> impl IntoView {
    view! {
        <Title formatter=|page: String| {
            if page.is_empty() { "MediBook".to_owned() } else { format!("{page} · MediBook") }
        } />
    }
}

/// The application: navigation and pages. Routes render with `SsrMode::Async` so that the first
/// HTML is complete (resources resolved), which keeps every page usable before or without wasm.
#[component]
pub fn App() -> impl IntoView {
    provide_app_context();
    view! {
        <PageTitle />
        <Router>
            <Frame>
                <Routes fallback=|| view! { <NotFound /> <HydrationMark /> }>
                    <Route path=path!("") ssr=SsrMode::Async view=|| view! { <HomePage /> <HydrationMark /> } />
                    <Route path=path!("login") ssr=SsrMode::Async view=|| view! { <LoginPage /> <HydrationMark /> } />
                    <Route path=path!("register") ssr=SsrMode::Async view=|| view! { <RegisterPage doctor=false /> <HydrationMark /> } />
                    <Route path=path!("register/doctor") ssr=SsrMode::Async view=|| view! { <RegisterPage doctor=true /> <HydrationMark /> } />
                    <Route path=path!("account") ssr=SsrMode::Async view={Lazy::<AccountRoute>::new()} />
                    <Route path=path!("doctors") ssr=SsrMode::Async view=|| view! { <DoctorsPage /> <HydrationMark /> } />
                    <Route path=path!("doctors/:id") ssr=SsrMode::Async view=|| view! { <DoctorPage /> <HydrationMark /> } />
                    <Route path=path!("schedule") ssr=SsrMode::Async view={Lazy::<ScheduleRoute>::new()} />
                    <Route path=path!("admin/users") ssr=SsrMode::Async view={Lazy::<AdminUsersRoute>::new()} />
                    <Route path=path!("admin/appointments") ssr=SsrMode::Async view={Lazy::<AdminAppointmentsRoute>::new()} />
                    <Route path=path!("book/:id") ssr=SsrMode::Async view=|| view! { <BookingConfirmPage /> <HydrationMark /> } />
                    <Route path=path!("appointments") ssr=SsrMode::Async view={Lazy::<MyAppointmentsRoute>::new()} />
                    <Route path=path!("appointments/:id") ssr=SsrMode::Async view={Lazy::<AppointmentRoute>::new()} />
                    <Route path=path!("appointments/:id/reschedule") ssr=SsrMode::Async view={Lazy::<RescheduleRoute>::new()} />
                    <Route path=path!("appointments/:id/review") ssr=SsrMode::Async view={Lazy::<ReviewRoute>::new()} />
                    <Route path=path!("agenda") ssr=SsrMode::Async view={Lazy::<AgendaRoute>::new()} />
                    <Route path=path!("patients/:id") ssr=SsrMode::Async view={Lazy::<PatientRecordRoute>::new()} />
                    <Route path=path!("verify") ssr=SsrMode::Async view={Lazy::<VerifyEmailRoute>::new()} />
                    <Route path=path!("forgot") ssr=SsrMode::Async view={Lazy::<ForgotPasswordRoute>::new()} />
                    <Route path=path!("sign-in/provider") ssr=SsrMode::Async view={Lazy::<ProviderAccountRoute>::new()} />
                    <Route path=path!("admin/mail") ssr=SsrMode::Async view={Lazy::<AdminMailRoute>::new()} />
                    <Route path=path!("notifications") ssr=SsrMode::Async view={Lazy::<NotificationsRoute>::new()} />
                    <Route path=path!("wallet") ssr=SsrMode::Async view={Lazy::<WalletRoute>::new()} />
                    <Route path=path!("reports") ssr=SsrMode::Async view={Lazy::<ReportsRoute>::new()} />
                    <Route path=path!("analytics") ssr=SsrMode::Async view={Lazy::<AnalyticsRoute>::new()} />
                    <Route path=path!("earnings") ssr=SsrMode::Async view={Lazy::<EarningsRoute>::new()} />
                    <Route path=path!("admin/payments") ssr=SsrMode::Async view={Lazy::<AdminPaymentsRoute>::new()} />
                    <Route path=path!("admin/specialties") ssr=SsrMode::Async view={Lazy::<AdminSpecialtiesRoute>::new()} />
                </Routes>
            </Frame>
        </Router>
    }
}

/// The pages of the patient's booking path, rendered on the server only: what the browser runs
/// there are their islands (see `ui::islands`).
#[component]
pub fn IslandsApp() -> impl IntoView {
    provide_app_context();
    view! {
        <PageTitle />
        <Router>
            <Frame>
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("") ssr=SsrMode::Async view=HomePage />
                    <Route path=path!("login") ssr=SsrMode::Async view=LoginPage />
                    <Route path=path!("register") ssr=SsrMode::Async view=|| view! { <RegisterPage doctor=false /> } />
                    <Route path=path!("register/doctor") ssr=SsrMode::Async view=|| view! { <RegisterPage doctor=true /> } />
                    <Route path=path!("doctors") ssr=SsrMode::Async view=DoctorsPage />
                    <Route path=path!("doctors/:id") ssr=SsrMode::Async view=DoctorPage />
                    <Route path=path!("book/:id") ssr=SsrMode::Async view=BookingConfirmPage />
                    <Route path=path!("appointments") ssr=SsrMode::Async view=MyAppointmentsPage />
                </Routes>
            </Frame>
        </Router>
    }
}

/// Around every page: the skip link, banner, header, the page and the footer.
#[component]
fn Frame(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <DemoBanner />
        <Header />
        <main id="main" class="container">{children()}</main>
        <Footer />
    }
}

/// Sets `data-hydrated` on `<body>` once the wasm has taken over the page (used by end-to-end
/// tests and by CSS to reveal controls that need JavaScript). Each route renders it after its
/// page, so a page split into a chunk of its own (`lazy_pages`) is marked only once that chunk
/// has arrived and hydrated it: before then, what is typed or chosen is not yet seen by the app.
#[component]
pub fn HydrationMark() -> impl IntoView {
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}

#[cfg(test)]
mod tests {
    use super::islands_client_matches;

    const WHOLE: &str = "js: a1\nwasm: b1\ncss: c1\nmanifest: d1\n";
    const ISLANDS: &str = "js: e1\nwasm: f1\ncss: c1\nmanifest: d1\n";

    fn matches(islands: &str, whole: &str, present: &str) -> bool {
        let (islands, whole) = (Some(islands.to_owned()), Some(whole.to_owned()));
        islands_client_matches(islands, whole, |name| name == present)
    }

    #[test]
    fn the_islands_client_of_the_same_build_is_used() {
        assert!(matches(ISLANDS, WHOLE, "medibook_islands.f1.wasm"));
    }

    #[test]
    fn a_client_left_by_an_older_build_or_missing_is_not() {
        let newer_whole = "js: a2\nwasm: b2\ncss: c1\nmanifest: d2\n";
        assert!(!matches(ISLANDS, newer_whole, "medibook_islands.f1.wasm"));
        assert!(!matches(ISLANDS, WHOLE, "medibook_islands.f0.wasm"));
        assert!(!islands_client_matches(None, Some(WHOLE.to_owned()), |_| true));
    }
}
