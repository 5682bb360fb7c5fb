//! Reading reports: a generated month (a doctor their own, an admin every doctor's or one), and
//! statistics over any range of clinic days, computed on request from the same figures.

use super::facts::{self, Period};
use super::generation;
use crate::domain::calendar_date::parse_calendar_date;
use crate::domain::money::Currency;
use crate::domain::report::Figures;
use crate::domain::schedule::calendar::day_window;
use crate::domain::{Field, FieldErrorCode, Role, UserId};
use crate::dto::report_views::{DoctorReport, MonthlyReportView, StatisticsView};
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::error::{Doing, ServerResult};
use crate::server::state::AppState;
use chrono::{DateTime, Duration, NaiveDate};

/// The longest range statistics are computed for (two years).
const MAX_DAYS: i64 = 731;

/// Whose figures `viewer` reads: a doctor only their own; an admin anyone's (`asked`, or all).
pub(super) fn scope(viewer: &SessionUser, asked: Option<UserId>) -> ServerResult<Option<UserId>> {
    match viewer.role {
        Role::Doctor => Ok(Some(viewer.id)),
        Role::Admin => Ok(asked),
        Role::Patient => Err(AppError::Forbidden.into()),
    }
}

/// The reports of `month` (`YYYY-MM`; empty: the newest generated).
pub async fn monthly(
    state: &AppState,
    viewer: &SessionUser,
    month: &str,
    doctor: Option<UserId>,
) -> ServerResult<MonthlyReportView> {
    let only = scope(viewer, doctor)?;
    let months = generation::months(&state.db).await.doing("listing report months")?;
    let month = match month.trim() {
        "" => months.first().cloned().unwrap_or_default(),
        asked if months.iter().any(|m| m == asked) => asked.to_owned(),
        _ => return Err(AppError::NotFound.into()),
    };
    let generated_at: Option<i64> =
        sqlx::query_scalar("SELECT generated_at FROM report_months WHERE month = ?1")
            .bind(&month)
            .fetch_optional(&state.db)
            .await
            .doing("reading a report month")?;
    let rows: Vec<(i64, String, String, String, String)> = sqlx::query_as(
        "SELECT r.doctor_id, u.full_name, s.name, r.currency, r.figures FROM monthly_reports r \
         JOIN users u ON u.id = r.doctor_id JOIN doctors d ON d.user_id = r.doctor_id \
         JOIN specialties s ON s.id = d.specialty_id \
         WHERE r.month = ?1 AND (?2 IS NULL OR r.doctor_id = ?2) ORDER BY u.full_name, r.doctor_id",
    )
    .bind(&month)
    .bind(only.map(|d| d.0))
    .fetch_all(&state.db)
    .await
    .doing("reading monthly reports")?;
    let reports = rows
        .into_iter()
        .filter_map(|(doctor, name, specialty, currency, figures)| {
            Some(DoctorReport {
                doctor: UserId(doctor),
                doctor_name: name,
                specialty,
                currency: Currency::parse(&currency)?,
                figures: serde_json::from_str::<Figures>(&figures).ok()?,
            })
        })
        .collect();
    Ok(MonthlyReportView {
        month,
        months,
        generated_at: generated_at.and_then(|at| DateTime::from_timestamp(at, 0)),
        reports,
        time_zone: state.config.clinic.time_zone.name().to_owned(),
    })
}

/// Clinic days from `first_day` to `last_day`, inclusive.
#[derive(Debug, Clone, Copy)]
pub struct Range {
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
}

/// The days `from`–`to` (YYYY-MM-DD, inclusive, at most two years), refused at the date field.
pub fn parse_range(from: &str, to: &str) -> ServerResult<Range> {
    let date = |raw: &str| {
        parse_calendar_date(raw).ok_or(AppError::field(Field::Date, FieldErrorCode::InvalidFormat))
    };
    let (first_day, last_day) = (date(from)?, date(to)?);
    if last_day < first_day {
        return Err(AppError::field(Field::Date, FieldErrorCode::EndBeforeStart).into());
    }
    if last_day - first_day >= Duration::days(MAX_DAYS) {
        return Err(AppError::field(Field::Date, FieldErrorCode::OutOfRange).into());
    }
    Ok(Range { first_day, last_day })
}

/// The figures of the clinic days `from`–`to` (inclusive, YYYY-MM-DD), computed now.
pub async fn statistics(
    state: &AppState,
    viewer: &SessionUser,
    from: &str,
    to: &str,
    doctor: Option<UserId>,
) -> ServerResult<StatisticsView> {
    let only = scope(viewer, doctor)?;
    let Range { first_day, last_day } = parse_range(from, to)?;
    let zone = state.config.clinic.time_zone;
    let period = Period {
        from: day_window(zone, first_day).0,
        to: day_window(zone, last_day).1,
        first_day,
        last_day,
    };
    let reports = facts::reports(&state.db, &period, only).await.doing("computing statistics")?;
    Ok(StatisticsView { from: first_day, to: last_day, reports })
}
