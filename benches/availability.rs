//! Benchmark of the availability engine: one doctor, 90 days, 500 busy intervals.
//!
//! Run with `cargo bench --bench availability --no-default-features --features ssr`.
//! A plain timing harness (no extra dependencies): warm-up, then many timed calls, reporting
//! the median and tail per call.

use chrono::{DateTime, Duration, Utc};
use medibook::domain::schedule::{
    Busy, Schedule, SlotPolicy, TimeZone, WeeklyHours, available_slots,
};
use std::hint::black_box;
use std::time::Instant;

const CALLS: usize = 2_000;

fn main() {
    let now: DateTime<Utc> = "2026-11-20T12:00:00Z".parse().expect("instant");
    let schedule = Schedule {
        zone: TimeZone::parse("America/New_York").expect("zone"),
        weekly: WeeklyHours::template(),
        overrides: Vec::new(),
        time_off: Vec::new(),
        policy: SlotPolicy {
            horizon_days: 90,
            buffer_before_minutes: 5,
            buffer_after_minutes: 10,
            ..SlotPolicy::default()
        },
    };
    // 500 busy intervals spread over the 90 days, 30 minutes each, some overlapping.
    let busy: Vec<Busy> = (0..500)
        .map(|i| {
            let start = now + Duration::minutes(i * 90 * 24 * 60 / 500 + (i % 7) * 13);
            Busy { start, end: start + Duration::minutes(30) }
        })
        .collect();
    let to = now + Duration::days(90);
    let slots = available_slots(&schedule, &busy, now, to, now);
    for _ in 0..100 {
        black_box(available_slots(black_box(&schedule), black_box(&busy), now, to, now));
    }
    let mut times: Vec<f64> = (0..CALLS)
        .map(|_| {
            let start = Instant::now();
            black_box(available_slots(black_box(&schedule), black_box(&busy), now, to, now));
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q) as usize];
    println!(
        "availability engine: 1 doctor, 90 days, {} busy intervals -> {} slots",
        busy.len(),
        slots.len()
    );
    println!(
        "  {CALLS} calls: mean {mean:.1} µs, median {:.1} µs, p95 {:.1} µs, p99 {:.1} µs, max {:.1} µs",
        at(0.5),
        at(0.95),
        at(0.99),
        at(1.0)
    );
    println!(
        "  target: <= 1000 µs per call -> {}",
        if at(0.99) <= 1000.0 { "met" } else { "NOT met" }
    );
}
