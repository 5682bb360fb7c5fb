//! What `/api/v1` answers, as the OpenAPI document describes it. These are the API's own
//! shapes (stable for integrators), built from the services' answers: times are RFC 3339 UTC
//! instants with the IANA zone beside them, money is integer minor units with its currency.

use crate::domain::money::Money;
use crate::dto::session_user::SessionUser;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An amount of money.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MoneyView {
    /// In the currency's minor unit (poisha, cents).
    pub amount_minor: i64,
    /// ISO 4217 code.
    #[schema(example = "BDT")]
    pub currency: String,
}

impl From<Money> for MoneyView {
    fn from(money: Money) -> Self {
        MoneyView { amount_minor: money.minor, currency: money.currency.code().to_owned() }
    }
}

/// A user's role.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoleView {
    Patient,
    Doctor,
    Admin,
}

impl From<crate::domain::Role> for RoleView {
    fn from(role: crate::domain::Role) -> Self {
        use crate::domain::Role;
        match role {
            Role::Patient => RoleView::Patient,
            Role::Doctor => RoleView::Doctor,
            Role::Admin => RoleView::Admin,
        }
    }
}

/// The signed-in user.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Me {
    pub id: i64,
    pub role: RoleView,
    pub username: String,
    pub full_name: String,
    /// The email address was proved with a code (needed to book).
    pub email_verified: bool,
}

impl From<SessionUser> for Me {
    fn from(user: SessionUser) -> Self {
        Me {
            id: user.id.0,
            role: user.role.into(),
            username: user.username,
            full_name: user.full_name,
            email_verified: user.email_verified,
        }
    }
}

/// Tokens for an API client.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TokenAnswer {
    /// Sent as `Authorization: Bearer <access_token>`.
    pub access_token: String,
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds the access token is valid for (900).
    pub expires_in: i64,
    /// Trade it at `POST /api/v1/tokens/refresh` for a new pair; valid once, for 30 days.
    pub refresh_token: String,
    pub refresh_expires_at: DateTime<Utc>,
    pub user: Me,
}

/// A medical specialty.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SpecialtyView {
    pub id: i64,
    pub name: String,
    /// Kept by the doctors who have it, offered to nobody new.
    pub retired: bool,
}

/// Visible reviews of a doctor.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RatingView {
    pub count: u32,
    /// Average stars × 10 (43 = 4.3); 0 without reviews.
    pub average_tenths: u16,
}

impl From<crate::dto::directory_page::RatingSummary> for RatingView {
    fn from(r: crate::dto::directory_page::RatingSummary) -> Self {
        RatingView { count: r.count, average_tenths: r.average_tenths }
    }
}

/// A listed doctor in search results.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DoctorSummary {
    pub id: i64,
    pub full_name: String,
    pub specialty: String,
    pub fee: MoneyView,
    pub years_of_experience: u8,
    /// The practice place and the one above it ("Dhanmondi, Dhaka").
    pub place: Option<String>,
    pub rating: RatingView,
    /// The doctor's local date of their first free slot within their booking horizon.
    pub next_free_day: Option<NaiveDate>,
    /// The card-sized photo (served by this server); `null`: no photo.
    pub photo_url: Option<String>,
}

/// One page of a doctor search.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DoctorSearchPage {
    pub doctors: Vec<DoctorSummary>,
    /// Doctors matching, over all pages.
    pub total: u32,
    /// 1-based.
    pub page: u32,
    pub pages: u32,
}

/// A listed doctor's public profile.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DoctorDetail {
    pub id: i64,
    pub full_name: String,
    pub specialty: String,
    pub bio: String,
    pub years_of_experience: u8,
    pub fee: MoneyView,
    /// The practice address.
    pub location: String,
    /// The practice place, broadest first ("Dhaka › Dhaka › Dhanmondi"); empty when not set.
    pub place: String,
    /// IANA zone of the practice.
    #[schema(example = "Asia/Dhaka")]
    pub time_zone: String,
    pub slot_minutes: u16,
    /// Languages consulted in, by English name.
    pub languages: Vec<String>,
    pub rating: RatingView,
    pub photo_url: Option<String>,
}

/// A bookable time.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SlotView {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// The free slots of one local day.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DaySlotsAnswer {
    pub date: NaiveDate,
    /// The zone `date` is read in.
    pub time_zone: String,
    pub doctor_time_zone: String,
    pub slots: Vec<SlotView>,
}

/// Free-slot counts for each day of a month.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MonthAnswer {
    /// `YYYY-MM`.
    pub month: String,
    pub time_zone: String,
    /// Today in that zone.
    pub today: NaiveDate,
    pub days: Vec<DayCount>,
}

/// One day of a month.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DayCount {
    pub date: NaiveDate,
    pub free_slots: u32,
}

/// A slot held for the patient while they book.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct HoldAnswer {
    /// The appointment the hold becomes when booked.
    pub appointment_id: i64,
    pub doctor_id: i64,
    pub doctor_name: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The hold lapses then unless booked.
    pub expires_at: DateTime<Utc>,
    pub fee: MoneyView,
    pub doctor_time_zone: String,
}

/// Where an appointment stands.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatusView {
    Held,
    Pending,
    Confirmed,
    Rejected,
    Cancelled,
    Completed,
    NoShow,
    Released,
}

impl From<crate::domain::booking::AppointmentStatus> for StatusView {
    fn from(status: crate::domain::booking::AppointmentStatus) -> Self {
        use crate::domain::booking::AppointmentStatus as S;
        match status {
            S::Held => StatusView::Held,
            S::Pending => StatusView::Pending,
            S::Confirmed => StatusView::Confirmed,
            S::Rejected => StatusView::Rejected,
            S::Cancelled => StatusView::Cancelled,
            S::Completed => StatusView::Completed,
            S::NoShow => StatusView::NoShow,
            S::Released => StatusView::Released,
        }
    }
}

/// An appointment's id and status after a booking or a change.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AppointmentStatusAnswer {
    pub appointment_id: i64,
    pub status: StatusView,
}

/// An appointment as one of its parties (or an admin) sees it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AppointmentDetail {
    pub id: i64,
    pub status: StatusView,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub doctor_id: i64,
    pub doctor_name: String,
    pub specialty: String,
    pub doctor_time_zone: String,
    pub patient_id: i64,
    pub patient_name: String,
    /// The fee agreed at booking.
    pub fee: MoneyView,
    /// The patient's reason for the visit.
    pub reason: String,
    /// Why it was rejected or cancelled.
    pub status_note: String,
    /// When a hold lapses (holds only).
    pub hold_expires_at: Option<DateTime<Utc>>,
    /// The changes the caller may make now (`accept`, `reject`, `cancel`, `complete`, `no_show`).
    pub actions: Vec<String>,
    /// Whether the caller may move it to another time.
    pub can_reschedule: bool,
}

impl From<crate::dto::appointment_view::AppointmentView> for AppointmentDetail {
    fn from(a: crate::dto::appointment_view::AppointmentView) -> Self {
        AppointmentDetail {
            id: a.id.0,
            status: a.status.into(),
            start: a.start,
            end: a.end,
            doctor_id: a.doctor_id.0,
            doctor_name: a.doctor_name,
            specialty: a.specialty,
            doctor_time_zone: a.doctor_time_zone.name().to_owned(),
            patient_id: a.patient_id.0,
            patient_name: a.patient_name,
            fee: a.fee.into(),
            reason: a.reason,
            status_note: a.status_note,
            hold_expires_at: a.hold_expires_at,
            actions: a.actions.iter().map(|x| x.as_str().to_owned()).collect(),
            can_reschedule: a.can_reschedule,
        }
    }
}

/// A patient's appointments.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MyAppointments {
    /// Not yet over, soonest first (including a hold being confirmed).
    pub upcoming: Vec<AppointmentDetail>,
    /// Over, or ended otherwise, newest first.
    pub past: Vec<AppointmentDetail>,
}

mod accounts;
mod places;
mod practice;
pub use accounts::*;
pub use places::*;
pub use practice::*;
