//! Wall-clock arithmetic from a zone's UTC offsets alone.
//!
//! The wasm client learns a zone's rules from the browser (`Intl`), which answers one question:
//! the UTC offset at an instant. These functions build the rest on that answer, so the client
//! does not carry the IANA tables; the server uses chrono-tz, and the tests below check that both
//! agree.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};

/// The first instant at which the wall clock reads `local`, given the zone's UTC offset in
/// seconds at any instant: `None` inside a gap (spring forward), the earlier of two when the
/// time is ambiguous (fall back).
///
/// A candidate is taken from the offsets a day before, at and a day after `local` read as UTC;
/// zones change offset at most once in such a window, so every instant showing `local` is one of
/// them.
pub fn first_instant(
    local: NaiveDateTime,
    offset_at: impl Fn(DateTime<Utc>) -> i32,
) -> Option<DateTime<Utc>> {
    let as_utc = local.and_utc();
    let mut candidates = [as_utc - Duration::days(1), as_utc, as_utc + Duration::days(1)]
        .map(|probe| as_utc - Duration::seconds(i64::from(offset_at(probe))));
    candidates.sort();
    candidates
        .into_iter()
        .find(|instant| *instant + Duration::seconds(i64::from(offset_at(*instant))) == as_utc)
}

/// A zone's offset as people read it in a list of times: `GMT`, `GMT+6`, `GMT-5`, `GMT+5:30`.
/// The same text on the server and in the browser, whatever names the browser knows.
pub fn offset_label(offset_seconds: i32) -> String {
    let minutes = offset_seconds / 60;
    let (sign, minutes) = if minutes < 0 { ('-', -minutes) } else { ('+', minutes) };
    match (minutes / 60, minutes % 60) {
        (0, 0) => "GMT".to_owned(),
        (hours, 0) => format!("GMT{sign}{hours}"),
        (hours, mins) => format!("GMT{sign}{hours}:{mins:02}"),
    }
}

#[cfg(all(test, not(feature = "hydrate")))]
mod tests {
    use super::*;
    use chrono::{LocalResult, NaiveDate, Offset, TimeZone as _};
    use chrono_tz::{TZ_VARIANTS, Tz};
    use proptest::prelude::*;

    fn offset_in(tz: Tz) -> impl Fn(DateTime<Utc>) -> i32 {
        move |instant| tz.offset_from_utc_datetime(&instant.naive_utc()).fix().local_minus_utc()
    }

    fn chrono_tz_first(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        match tz.from_local_datetime(&local) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Some(t.with_timezone(&Utc)),
            LocalResult::None => None,
        }
    }

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(h, min, 0)).expect("valid")
    }

    #[test]
    fn gaps_folds_and_the_skipped_day_of_samoa() {
        let ny = offset_in(chrono_tz::America::New_York);
        assert_eq!(first_instant(at(2026, 3, 8, 2, 30), &ny), None);
        let fold = first_instant(at(2026, 11, 1, 1, 30), &ny).expect("exists");
        assert_eq!(fold.to_rfc3339(), "2026-11-01T05:30:00+00:00");
        // Samoa moved across the date line: 30 December 2011 never happened in Apia.
        let apia = offset_in(chrono_tz::Pacific::Apia);
        assert_eq!(first_instant(at(2011, 12, 30, 12, 0), &apia), None);
        assert!(first_instant(at(2011, 12, 31, 0, 0), &apia).is_some());
    }

    #[test]
    fn offsets_read_like_the_browsers_short_offsets() {
        assert_eq!(offset_label(0), "GMT");
        assert_eq!(offset_label(6 * 3600), "GMT+6");
        assert_eq!(offset_label(-5 * 3600), "GMT-5");
        assert_eq!(offset_label(5 * 3600 + 1800), "GMT+5:30");
        assert_eq!(offset_label(-(9 * 3600 + 1800)), "GMT-9:30");
        assert_eq!(offset_label(5 * 3600 + 45 * 60), "GMT+5:45");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// Every zone, any minute from 1970 to 2100, around its transitions or not: the answer
        /// from offsets alone is chrono-tz's.
        #[test]
        fn offsets_alone_agree_with_chrono_tz(
            zone in 0..TZ_VARIANTS.len(),
            minute in 0i64..(130 * 366 * 24 * 60),
        ) {
            let tz = TZ_VARIANTS[zone];
            let local = at(1970, 1, 1, 0, 0) + Duration::minutes(minute);
            prop_assert_eq!(first_instant(local, offset_in(tz)), chrono_tz_first(tz, local));
        }

        /// Near each zone's changes (where random minutes rarely land): the hours around the
        /// transitions of a random year.
        #[test]
        fn offsets_alone_agree_around_transitions(
            zone in 0..TZ_VARIANTS.len(),
            year in 1970i32..2040,
            month in 1u32..=12,
            day in 1u32..=28,
            minute in 0i64..(24 * 60),
        ) {
            let tz = TZ_VARIANTS[zone];
            let local = at(year, month, day, 0, 0) + Duration::minutes(minute);
            prop_assert_eq!(first_instant(local, offset_in(tz)), chrono_tz_first(tz, local));
        }
    }

    #[test]
    fn every_transition_of_every_zone_from_1970_to_2040_agrees() {
        // Each change is found day by day, then to the minute by bisection; the wall-clock
        // minutes two and a half hours either side of it are checked.
        let end = at(2040, 1, 1, 0, 0).and_utc();
        for tz in TZ_VARIANTS {
            let offset = offset_in(tz);
            let mut day = at(1970, 1, 1, 0, 0).and_utc();
            while day < end {
                let next = day + Duration::days(1);
                if offset(day) != offset(next) {
                    let (mut before, mut after) = (day, next);
                    while after - before > Duration::minutes(1) {
                        let middle = before + (after - before) / 2;
                        if offset(middle) == offset(day) { before = middle } else { after = middle }
                    }
                    for wall in [
                        before + Duration::seconds(i64::from(offset(before))),
                        after + Duration::seconds(i64::from(offset(after))),
                    ] {
                        for delta in -150..=150 {
                            let local = wall.naive_utc() + Duration::minutes(delta);
                            assert_eq!(
                                first_instant(local, &offset),
                                chrono_tz_first(tz, local),
                                "{tz} at {local}"
                            );
                        }
                    }
                }
                day = next;
            }
        }
    }
}
