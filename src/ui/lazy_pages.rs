//! Pages off the patient's booking path, each split into its own wasm chunk (built with
//! `cargo leptos build --split`) that the browser fetches the first time the page is shown.
//! The directory, a doctor's page, sign-in, registration and the confirmation step stay in the
//! main bundle, so a first visit that books downloads none of these.
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
use leptos_router::{LazyRoute, lazy_route};

/// The route of the signed-in user's account.
pub struct AccountRoute;

#[lazy_route]
impl LazyRoute for AccountRoute {
    fn data() -> Self {
        AccountRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <AccountPage /> <HydrationMark /> }.into_any()
    }
}

/// The route of a doctor's hours.
pub struct ScheduleRoute;

#[lazy_route]
impl LazyRoute for ScheduleRoute {
    fn data() -> Self {
        ScheduleRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <ScheduleEditorPage /> <HydrationMark /> }.into_any()
    }
}

/// The route of a doctor's agenda.
pub struct AgendaRoute;

#[lazy_route]
impl LazyRoute for AgendaRoute {
    fn data() -> Self {
        AgendaRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <AgendaPage /> <HydrationMark /> }.into_any()
    }
}

/// The route of a doctor's earnings.
pub struct EarningsRoute;

#[lazy_route]
impl LazyRoute for EarningsRoute {
    fn data() -> Self {
        EarningsRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <EarningsPage /> <HydrationMark /> }.into_any()
    }
}

/// The route of a patient's appointments.
pub struct MyAppointmentsRoute;

#[lazy_route]
impl LazyRoute for MyAppointmentsRoute {
    fn data() -> Self {
        MyAppointmentsRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <MyAppointmentsPage /> <HydrationMark /> }.into_any()
    }
}

/// The route of moving an appointment.
pub struct RescheduleRoute;

#[lazy_route]
impl LazyRoute for RescheduleRoute {
    fn data() -> Self {
        RescheduleRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <ReschedulePage /> <HydrationMark /> }.into_any()
    }
}

/// The route of reviewing a visit.
pub struct ReviewRoute;

#[lazy_route]
impl LazyRoute for ReviewRoute {
    fn data() -> Self {
        ReviewRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <ReviewPage /> <HydrationMark /> }.into_any()
    }
}

/// The route of a patient's wallet.
pub struct WalletRoute;

#[lazy_route]
impl LazyRoute for WalletRoute {
    fn data() -> Self {
        WalletRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <WalletPage /> <HydrationMark /> }.into_any()
    }
}

/// The route of in-app notices.
pub struct NotificationsRoute;

#[lazy_route]
impl LazyRoute for NotificationsRoute {
    fn data() -> Self {
        NotificationsRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <NotificationsPage /> <HydrationMark /> }.into_any()
    }
}

/// The route of the emailed code.
pub struct VerifyEmailRoute;

#[lazy_route]
impl LazyRoute for VerifyEmailRoute {
    fn data() -> Self {
        VerifyEmailRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <VerifyEmailPage /> <HydrationMark /> }.into_any()
    }
}

/// The route of a password reset.
pub struct ForgotPasswordRoute;

#[lazy_route]
impl LazyRoute for ForgotPasswordRoute {
    fn data() -> Self {
        ForgotPasswordRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <ForgotPasswordPage /> <HydrationMark /> }.into_any()
    }
}

/// The route of the account step after signing in with a provider.
pub struct ProviderAccountRoute;

#[lazy_route]
impl LazyRoute for ProviderAccountRoute {
    fn data() -> Self {
        ProviderAccountRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <ProviderAccountPage /> <HydrationMark /> }.into_any()
    }
}

/// The route of admin: users.
pub struct AdminUsersRoute;

#[lazy_route]
impl LazyRoute for AdminUsersRoute {
    fn data() -> Self {
        AdminUsersRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <AdminUsersPage /> <HydrationMark /> }.into_any()
    }
}

/// The route of admin: appointments.
pub struct AdminAppointmentsRoute;

#[lazy_route]
impl LazyRoute for AdminAppointmentsRoute {
    fn data() -> Self {
        AdminAppointmentsRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <AdminAppointmentsPage /> <HydrationMark /> }.into_any()
    }
}

/// The route of admin: payments.
pub struct AdminPaymentsRoute;

#[lazy_route]
impl LazyRoute for AdminPaymentsRoute {
    fn data() -> Self {
        AdminPaymentsRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <AdminPaymentsPage /> <HydrationMark /> }.into_any()
    }
}

/// The route of admin: specialties.
pub struct AdminSpecialtiesRoute;

#[lazy_route]
impl LazyRoute for AdminSpecialtiesRoute {
    fn data() -> Self {
        AdminSpecialtiesRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <AdminSpecialtiesPage /> <HydrationMark /> }.into_any()
    }
}

/// The route of admin: mail.
pub struct AdminMailRoute;

#[lazy_route]
impl LazyRoute for AdminMailRoute {
    fn data() -> Self {
        AdminMailRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <AdminMailPage /> <HydrationMark /> }.into_any()
    }
}

/// The route of a patient's record (doctors and admins).
pub struct PatientRecordRoute;

#[lazy_route]
impl LazyRoute for PatientRecordRoute {
    fn data() -> Self {
        PatientRecordRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <PatientRecordPage /> <HydrationMark /> }.into_any()
    }
}

/// The route of one appointment's page.
pub struct AppointmentRoute;

#[lazy_route]
impl LazyRoute for AppointmentRoute {
    fn data() -> Self {
        AppointmentRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <AppointmentDetailPage /> <HydrationMark /> }.into_any()
    }
}

/// The route of the monthly reports and statistics (doctors and admins).
pub struct ReportsRoute;

#[lazy_route]
impl LazyRoute for ReportsRoute {
    fn data() -> Self {
        ReportsRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <ReportsPage /> <HydrationMark /> }.into_any()
    }
}

/// The route of the analytics dashboard (doctors and admins).
pub struct AnalyticsRoute;

#[lazy_route]
impl LazyRoute for AnalyticsRoute {
    fn data() -> Self {
        AnalyticsRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <AnalyticsPage /> <HydrationMark /> }.into_any()
    }
}
