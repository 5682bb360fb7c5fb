//! The home page of each role: what needs doing now, each number linking to its list.

use crate::domain::money::Money;
use crate::domain::schedule::TimeZone;
use crate::dto::appointment_view::AppointmentView;
use crate::dto::user_view::UserView;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The signed-in user's dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub user: UserView,
    /// When it was put together (the countdown starts from here).
    pub now: DateTime<Utc>,
    pub panel: DashboardPanel,
}

/// What each role sees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DashboardPanel {
    Patient(PatientDashboard),
    Doctor(DoctorDashboard),
    Admin(AdminDashboard),
}

/// A patient's: the next visit, what else is coming, unread notices, the wallet and the visits
/// waiting for a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatientDashboard {
    /// Soonest first; the first is the next visit.
    pub upcoming: Vec<AppointmentView>,
    pub upcoming_total: u32,
    pub unread_notices: u32,
    pub wallet: Vec<Money>,
    /// Completed visits not reviewed yet, newest first.
    pub to_review: Vec<AppointmentView>,
}

/// A doctor's: today's visits in order, requests waiting, this week's count, this month's
/// earnings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoctorDashboard {
    pub verified: bool,
    pub time_zone: TimeZone,
    pub today: NaiveDate,
    /// Today's visits (pending, confirmed, completed, no-show), by start.
    pub today_visits: Vec<AppointmentView>,
    pub pending_requests: u32,
    /// Visits (not cancelled, rejected or released) from Monday to Sunday of this week.
    pub week_visits: u32,
    /// The first day of this week (for the agenda's link).
    pub week_start: NaiveDate,
    /// Net earnings this month (UTC), per currency.
    pub month_earnings: Vec<Money>,
}

/// An admin's: today's visits, cancellations and no-shows (the clinic's day), doctors waiting
/// for verification, failed mail, and whether the ledger reconciles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminDashboard {
    pub today: NaiveDate,
    /// Visits booked for today that stand (pending, confirmed, completed).
    pub visits_today: u32,
    /// Visits for today that were cancelled or rejected.
    pub cancelled_today: u32,
    pub no_shows_today: u32,
    pub doctors_awaiting_verification: u32,
    pub failed_mail: u32,
    pub ledger_clean: bool,
    /// Card payments still waiting for an answer.
    pub payments_pending: u32,
}
