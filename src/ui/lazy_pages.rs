//! Pages off the patient's booking path, each split into its own chunk of the whole app's client
//! (built with `cargo leptos build --split`) that the browser fetches the first time the page is
//! shown. The booking path's pages are islands pages with a client of their own
//! (`ui::islands`), so a first visit that books downloads none of these.
//!
//! Each page loads its own data in its view, as before; the chunk and that data arrive one after
//! the other only on the first client-side visit to the page. Opened directly, the page's HTML
//! works at once and it hydrates when the main wasm and then its chunk have arrived (leptos_axum
//! 0.8 preloads chunks only for streamed routes; ours render with `SsrMode::Async`).

use crate::app::HydrationMark;
use crate::ui::pages::{
    account::AccountPage, admin_appointments::AdminAppointmentsPage, admin_mail::AdminMailPage,
    admin_payments::AdminPaymentsPage, admin_specialties::AdminSpecialtiesPage,
    admin_users::AdminUsersPage, agenda::AgendaPage, analytics::AnalyticsPage,
    appointment_page::AppointmentDetailPage, earnings::EarningsPage,
    forgot_password::ForgotPasswordPage, my_appointments::MyAppointmentsPage,
    notifications::NotificationsPage, patient_record::PatientRecordPage,
    provider_account::ProviderAccountPage, reports::ReportsPage, reschedule::ReschedulePage,
    review::ReviewPage, schedule_editor::ScheduleEditorPage, verify_email::VerifyEmailPage,
    wallet::WalletPage,
};
use leptos::prelude::*;
use leptos_router::LazyRoute;
#[cfg(not(feature = "islands-client"))]
use leptos_router::lazy_route;

/// Declares each page's route: a `#[lazy_route]` (a chunk of its own) in the whole app's client
/// and on the server. The booking path's own client (feature `islands-client`) never shows these
/// pages, but a `#[lazy_route]` is exported from the wasm, which would keep every page's code in
/// it: there, each is a plain route, which nothing uses, so the linker drops it.
macro_rules! page_routes {
    ($($(#[$doc:meta])* $route:ident => $page:ident,)*) => {$(
        $(#[$doc])*
        pub struct $route;

        #[cfg(not(feature = "islands-client"))]
        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page /> <HydrationMark /> }.into_any()
            }
        }

        #[cfg(feature = "islands-client")]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                view! { <$page /> <HydrationMark /> }.into_any()
            }
        }
    )*};
}

page_routes! {
    /// The route of the signed-in user's account.
    AccountRoute => AccountPage,
    /// The route of a doctor's hours.
    ScheduleRoute => ScheduleEditorPage,
    /// The route of a doctor's agenda.
    AgendaRoute => AgendaPage,
    /// The route of a doctor's earnings.
    EarningsRoute => EarningsPage,
    /// The route of a patient's appointments.
    MyAppointmentsRoute => MyAppointmentsPage,
    /// The route of moving an appointment.
    RescheduleRoute => ReschedulePage,
    /// The route of reviewing a visit.
    ReviewRoute => ReviewPage,
    /// The route of a patient's wallet.
    WalletRoute => WalletPage,
    /// The route of in-app notices.
    NotificationsRoute => NotificationsPage,
    /// The route of the emailed code.
    VerifyEmailRoute => VerifyEmailPage,
    /// The route of a password reset.
    ForgotPasswordRoute => ForgotPasswordPage,
    /// The route of the account step after signing in with a provider.
    ProviderAccountRoute => ProviderAccountPage,
    /// The route of admin: users.
    AdminUsersRoute => AdminUsersPage,
    /// The route of admin: appointments.
    AdminAppointmentsRoute => AdminAppointmentsPage,
    /// The route of admin: payments.
    AdminPaymentsRoute => AdminPaymentsPage,
    /// The route of admin: specialties.
    AdminSpecialtiesRoute => AdminSpecialtiesPage,
    /// The route of admin: mail.
    AdminMailRoute => AdminMailPage,
    /// The route of a patient's record (doctors and admins).
    PatientRecordRoute => PatientRecordPage,
    /// The route of one appointment's page.
    AppointmentRoute => AppointmentDetailPage,
    /// The route of the monthly reports and statistics (doctors and admins).
    ReportsRoute => ReportsPage,
    /// The route of the analytics dashboard (doctors and admins).
    AnalyticsRoute => AnalyticsPage,
}
