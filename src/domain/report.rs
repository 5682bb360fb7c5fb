//! A doctor's figures over a period: appointments by status, completion / cancellation /
//! no-show rates, booked against offered hours, revenue, ratings, the busiest weekday and hour.
//! Pure: the server reads the facts, this turns them into figures (the monthly reports and the
//! statistics use the same function).

use super::booking::AppointmentStatus;
use super::schedule::TimeZone;
use super::schedule::availability::Schedule;
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc, Weekday};
use serde::{Deserialize, Serialize};

/// An appointment starting in the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisitFact {
    pub status: AppointmentStatus,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// Appointments by status (holds and released holds are not appointments yet).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCounts {
    pub pending: u32,
    pub confirmed: u32,
    pub completed: u32,
    pub cancelled: u32,
    pub rejected: u32,
    pub no_show: u32,
}

impl StatusCounts {
    /// Every appointment counted.
    pub fn total(&self) -> u32 {
        self.pending
            + self.confirmed
            + self.completed
            + self.cancelled
            + self.rejected
            + self.no_show
    }
}

/// Money in the doctor's currency, in minor units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revenue {
    /// What patients paid for the visits settled in the period (less refunds).
    pub gross: i64,
    /// The clinic's share of it.
    pub platform_cut: i64,
    /// The doctor's share.
    pub net: i64,
}

/// Reviews written in the period (hidden ones left out).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ratings {
    pub count: u32,
    pub stars_total: u32,
}

/// Everything a report shows of one doctor over one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub by_status: StatusCounts,
    /// Completed, cancelled or rejected, and no-shows, per thousand appointments (none when
    /// there were none).
    pub completion_permille: Option<u16>,
    pub cancellation_permille: Option<u16>,
    pub no_show_permille: Option<u16>,
    /// Minutes of appointments that kept their time (pending, confirmed, completed, no-show).
    pub booked_minutes: u32,
    /// Minutes of working hours in the period (weekly hours, custom days and time off).
    pub offered_minutes: u32,
    /// Booked per thousand offered (none when nothing was offered).
    pub utilisation_permille: Option<u16>,
    pub revenue: Revenue,
    pub ratings: Ratings,
    /// Average stars in tenths (43 = 4.3), none without reviews.
    pub rating_tenths: Option<u16>,
    /// The weekday and the local hour (0–23) when most appointments that kept their time
    /// started, in the doctor's zone (the earliest on a tie; none without any).
    pub busiest_weekday: Option<Weekday>,
    pub busiest_hour: Option<u8>,
}

fn permille(part: u32, whole: u32) -> Option<u16> {
    (whole > 0).then(|| {
        u16::try_from((u64::from(part) * 1000 + u64::from(whole) / 2) / u64::from(whole))
            .unwrap_or(u16::MAX)
    })
}

/// True for appointments that kept the doctor's time.
fn kept_time(status: AppointmentStatus) -> bool {
    matches!(
        status,
        AppointmentStatus::Pending
            | AppointmentStatus::Confirmed
            | AppointmentStatus::Completed
            | AppointmentStatus::NoShow
    )
}

/// The figures of `visits` (appointments starting in the period), in the doctor's `zone`.
pub fn figures(
    visits: &[VisitFact],
    zone: TimeZone,
    offered_minutes: u32,
    revenue: Revenue,
    ratings: Ratings,
) -> Figures {
    let mut by_status = StatusCounts::default();
    let mut booked_minutes = 0u32;
    let mut weekdays = [0u32; 7];
    let mut hours = [0u32; 24];
    for visit in visits {
        let slot = match visit.status {
            AppointmentStatus::Pending => &mut by_status.pending,
            AppointmentStatus::Confirmed => &mut by_status.confirmed,
            AppointmentStatus::Completed => &mut by_status.completed,
            AppointmentStatus::Cancelled => &mut by_status.cancelled,
            AppointmentStatus::Rejected => &mut by_status.rejected,
            AppointmentStatus::NoShow => &mut by_status.no_show,
            AppointmentStatus::Held | AppointmentStatus::Released => continue,
        };
        *slot += 1;
        if kept_time(visit.status) {
            let minutes = (visit.end - visit.start).num_minutes().max(0);
            booked_minutes += u32::try_from(minutes).unwrap_or(0);
            let local = zone.local(visit.start);
            weekdays[local.weekday().num_days_from_monday() as usize] += 1;
            hours[local.hour() as usize] += 1;
        }
    }
    let total = by_status.total();
    let busiest = |counts: &[u32]| {
        let best = counts.iter().copied().max().filter(|n| *n > 0)?;
        counts.iter().position(|n| *n == best)
    };
    Figures {
        completion_permille: permille(by_status.completed, total),
        cancellation_permille: permille(by_status.cancelled + by_status.rejected, total),
        no_show_permille: permille(by_status.no_show, total),
        utilisation_permille: permille(booked_minutes, offered_minutes),
        booked_minutes,
        offered_minutes,
        revenue,
        rating_tenths: (ratings.count > 0).then(|| {
            u16::try_from((ratings.stars_total * 10 + ratings.count / 2) / ratings.count)
                .unwrap_or(0)
        }),
        ratings,
        busiest_weekday: busiest(&weekdays).and_then(|d| Weekday::try_from(d as u8).ok()),
        busiest_hour: busiest(&hours).and_then(|h| u8::try_from(h).ok()),
        by_status,
    }
}

/// Minutes of working hours on `days` under `schedule`.
pub fn offered_minutes(schedule: &Schedule, days: impl Iterator<Item = NaiveDate>) -> u32 {
    days.filter_map(|day| schedule.hours_on(day))
        .flat_map(|hours| hours.intervals().iter())
        .map(|interval| u32::from(interval.minutes()))
        .sum()
}

/// A per-thousand figure as a percentage with one decimal, e.g. "83.3 %" (or "–").
pub fn percent_label(permille: Option<u16>) -> String {
    match permille {
        Some(p) => format!("{}.{} %", p / 10, p % 10),
        None => "–".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(rfc: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(rfc).expect("instant").with_timezone(&Utc)
    }

    fn visit(status: AppointmentStatus, start: &str, minutes: i64) -> VisitFact {
        VisitFact { status, start: at(start), end: at(start) + chrono::Duration::minutes(minutes) }
    }

    #[test]
    fn a_known_month_gives_known_figures() {
        use AppointmentStatus as S;
        let zone = TimeZone::parse("America/New_York").expect("zone");
        let visits = [
            visit(S::Completed, "2026-11-02T15:00:00Z", 30), // Mon 10:00
            visit(S::Completed, "2026-11-09T15:00:00Z", 30), // Mon 10:00
            visit(S::Completed, "2026-11-10T19:00:00Z", 60), // Tue 14:00
            visit(S::NoShow, "2026-11-16T15:30:00Z", 30),    // Mon 10:30
            visit(S::Cancelled, "2026-11-17T15:00:00Z", 30), // Tue, kept no time
            visit(S::Rejected, "2026-11-18T15:00:00Z", 30),
            visit(S::Released, "2026-11-19T15:00:00Z", 30), // not an appointment
        ];
        let revenue = Revenue { gross: 20_000, platform_cut: 2_000, net: 18_000 };
        let f = figures(&visits, zone, 600, revenue, Ratings { count: 3, stars_total: 13 });
        assert_eq!(f.by_status.total(), 6);
        assert_eq!((f.by_status.completed, f.by_status.no_show, f.by_status.cancelled), (3, 1, 1));
        assert_eq!(f.completion_permille, Some(500));
        assert_eq!(f.cancellation_permille, Some(333));
        assert_eq!(f.no_show_permille, Some(167));
        assert_eq!(f.booked_minutes, 150);
        assert_eq!(f.utilisation_permille, Some(250));
        assert_eq!(f.rating_tenths, Some(43));
        assert_eq!(f.busiest_weekday, Some(Weekday::Mon));
        assert_eq!(f.busiest_hour, Some(10));
        assert_eq!(f.revenue, revenue);
        assert_eq!(percent_label(f.completion_permille), "50.0 %");
    }

    #[test]
    fn an_empty_period_has_no_rates() {
        let f = figures(&[], TimeZone::utc(), 0, Revenue::default(), Ratings::default());
        assert_eq!(
            (f.completion_permille, f.utilisation_permille, f.rating_tenths),
            (None, None, None)
        );
        assert_eq!((f.busiest_weekday, f.busiest_hour), (None, None));
        assert_eq!(percent_label(None), "–");
    }

    proptest! {
        /// Counts add up to the appointments given (holds left out), the rates to at most a
        /// thousand, and the busiest hour is one that has the most starts.
        #[test]
        fn counts_and_rates_agree_with_a_recount(
            raw in proptest::collection::vec((0usize..8, 0i64..(60 * 24 * 30), 1i64..120), 0..80)
        ) {
            let start = at("2026-11-01T00:00:00Z");
            let visits: Vec<VisitFact> = raw.iter().map(|(s, offset, minutes)| {
                let begin = start + chrono::Duration::minutes(*offset);
                VisitFact { status: AppointmentStatus::ALL[*s], start: begin, end: begin + chrono::Duration::minutes(*minutes) }
            }).collect();
            let f = figures(&visits, TimeZone::utc(), 10_000, Revenue::default(), Ratings::default());
            let appointments = visits.iter().filter(|v| !matches!(v.status, AppointmentStatus::Held | AppointmentStatus::Released)).count();
            prop_assert_eq!(f.by_status.total() as usize, appointments);
            let kept: Vec<&VisitFact> = visits.iter().filter(|v| kept_time(v.status)).collect();
            prop_assert_eq!(f.booked_minutes as i64, kept.iter().map(|v| (v.end - v.start).num_minutes()).sum::<i64>());
            let rates = [f.completion_permille, f.cancellation_permille, f.no_show_permille];
            prop_assert!(rates.iter().flatten().map(|r| u32::from(*r)).sum::<u32>() <= 1002);
            match f.busiest_hour {
                None => prop_assert!(kept.is_empty()),
                Some(hour) => {
                    let count = |h: u32| kept.iter().filter(|v| v.start.hour() == h).count();
                    prop_assert!((0..24).all(|h| count(h) <= count(u32::from(hour))));
                }
            }
        }
    }
}
