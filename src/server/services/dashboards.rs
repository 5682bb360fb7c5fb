//! Each role's home page: a handful of counts and lists read in one go, each matching the list
//! its link opens (the same statuses, the same day in the same zone).

use crate::domain::Role;
use crate::domain::booking::AppointmentStatus;
use crate::domain::schedule::calendar::day_window;
use crate::dto::dashboards::{
    AdminDashboard, Dashboard, DashboardPanel, DoctorDashboard, PatientDashboard,
};
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::appointment_views::{self, AppointmentQuery};
use crate::server::error::{Doing, ServerResult};
use crate::server::payments::{audit, earnings, history};
use crate::server::state::AppState;
use crate::server::{notifications, schedules, users};
use chrono::{Datelike, Duration};

/// Upcoming visits and visits to review a patient's dashboard lists.
const LISTED: i64 = 5;

/// The dashboard of `user`.
pub async fn dashboard(state: &AppState, user: &SessionUser) -> ServerResult<Dashboard> {
    let profile = users::find_view(&state.db, user.id)
        .await
        .doing("loading a dashboard")?
        .ok_or(AppError::Unauthenticated)?;
    let panel = match user.role {
        Role::Patient => DashboardPanel::Patient(patient(state, user).await?),
        Role::Doctor => DashboardPanel::Doctor(doctor(state, user).await?),
        Role::Admin => DashboardPanel::Admin(admin(state).await?),
    };
    Ok(Dashboard { user: profile, now: state.clock.now(), panel })
}

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

async fn patient(state: &AppState, patient: &SessionUser) -> ServerResult<PatientDashboard> {
    let now = state.clock.now();
    let viewer = (patient.role, patient.id);
    let upcoming_query = AppointmentQuery {
        patient: Some(patient.id),
        statuses: vec![AppointmentStatus::Pending, AppointmentStatus::Confirmed],
        from: Some(now),
        limit: LISTED,
        ..AppointmentQuery::default()
    };
    let upcoming = appointment_views::list(&state.db, &upcoming_query, viewer, now)
        .await
        .doing("loading a dashboard")?;
    let upcoming_total =
        appointment_views::count(&state.db, &upcoming_query).await.doing("loading a dashboard")?;
    let unreviewed: Vec<i64> = sqlx::query_scalar(
        "SELECT a.id FROM appointments a WHERE a.patient_id = ?1 AND a.status = 'completed' \
           AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.appointment_id = a.id) \
         ORDER BY a.start_at DESC LIMIT ?2",
    )
    .bind(patient.id.0)
    .bind(LISTED)
    .fetch_all(&state.db)
    .await
    .doing("loading a dashboard")?;
    let mut to_review = Vec::new();
    for id in unreviewed {
        let query = AppointmentQuery {
            id: Some(crate::domain::AppointmentId(id)),
            statuses: vec![AppointmentStatus::Completed],
            limit: 1,
            ..AppointmentQuery::default()
        };
        to_review.extend(
            appointment_views::list(&state.db, &query, viewer, now)
                .await
                .doing("loading a dashboard")?,
        );
    }
    Ok(PatientDashboard {
        upcoming,
        upcoming_total: count(upcoming_total),
        unread_notices: count(
            notifications::unread_count(&state.db, patient.id.0)
                .await
                .doing("loading a dashboard")?,
        ),
        wallet: history::balances(&state.db, patient.id, state.config.payments.currency)
            .await
            .doing("loading a dashboard")?,
        to_review,
    })
}

async fn doctor(state: &AppState, doctor: &SessionUser) -> ServerResult<DoctorDashboard> {
    let record = schedules::find_doctor(&state.db, doctor.id)
        .await
        .doing("loading a dashboard")?
        .ok_or(AppError::NotFound)?;
    let zone = record.settings.zone;
    let now = state.clock.now();
    let today = zone.local(now).date();
    let week_start = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let viewer = (doctor.role, doctor.id);
    let held = vec![
        AppointmentStatus::Pending,
        AppointmentStatus::Confirmed,
        AppointmentStatus::Completed,
        AppointmentStatus::NoShow,
    ];
    let today_query = AppointmentQuery {
        doctor: Some(doctor.id),
        statuses: held.clone(),
        from: Some(day_window(zone, today).0),
        to: Some(day_window(zone, today).1),
        limit: 200,
        ..AppointmentQuery::default()
    };
    let today_visits = appointment_views::list(&state.db, &today_query, viewer, now)
        .await
        .doing("loading a dashboard")?;
    let week_query = AppointmentQuery {
        from: Some(day_window(zone, week_start).0),
        to: Some(day_window(zone, week_start + Duration::days(6)).1),
        ..today_query
    };
    let week_visits =
        appointment_views::count(&state.db, &week_query).await.doing("loading a dashboard")?;
    let pending_query = AppointmentQuery {
        doctor: Some(doctor.id),
        statuses: vec![AppointmentStatus::Pending],
        from: Some(now),
        ..AppointmentQuery::default()
    };
    let pending =
        appointment_views::count(&state.db, &pending_query).await.doing("loading a dashboard")?;
    let month = now.format("%Y-%m").to_string();
    let month_earnings = earnings::months(&state.db, doctor.id)
        .await
        .doing("loading a dashboard")?
        .into_iter()
        .filter(|m| m.month == month)
        .map(|m| m.net)
        .collect();
    Ok(DoctorDashboard {
        verified: record.listed,
        time_zone: zone,
        today,
        today_visits,
        pending_requests: count(pending),
        week_visits: count(week_visits),
        week_start,
        month_earnings,
    })
}

async fn admin(state: &AppState) -> ServerResult<AdminDashboard> {
    let zone = state.config.clinic.time_zone;
    let today = zone.local(state.clock.now()).date();
    let (from, to) = day_window(zone, today);
    let (visits, cancelled, no_shows): (i64, i64, i64) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE status IN ('pending', 'confirmed', 'completed')), \
                count(*) FILTER (WHERE status IN ('cancelled', 'rejected')), \
                count(*) FILTER (WHERE status = 'no_show') \
         FROM appointments WHERE start_at >= ?1 AND start_at < ?2",
    )
    .bind(from.timestamp())
    .bind(to.timestamp())
    .fetch_one(&state.db)
    .await
    .doing("loading a dashboard")?;
    let (waiting, failed): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM doctors d JOIN users u ON u.id = d.user_id \
                 WHERE d.verified_at IS NULL AND u.is_active = 1), \
                (SELECT count(*) FROM jobs WHERE status = 'failed')",
    )
    .fetch_one(&state.db)
    .await
    .doing("loading a dashboard")?;
    let ledger = audit::reconciliation(&state.db).await.doing("loading a dashboard")?;
    Ok(AdminDashboard {
        today,
        visits_today: count(visits),
        cancelled_today: count(cancelled),
        no_shows_today: count(no_shows),
        doctors_awaiting_verification: count(waiting),
        failed_mail: count(failed),
        ledger_clean: ledger.clean,
        payments_pending: count(ledger.pending),
    })
}
