//! A month grid of days with free-slot counts, operable by mouse and keyboard.
//!
//! Keyboard: arrows move by a day or a week, Home/End to the week's start/end, Page Up/Down by a
//! month, Enter or Space opens a day with free slots. Days without slots stay focusable but are
//! marked `aria-disabled`.

use super::MonthOverview;
use crate::domain::schedule::calendar::Month;
use crate::dto::availability_views::MonthAvailabilityView;
use crate::ui::browser;
use crate::ui::format;
use chrono::{Datelike, Duration, NaiveDate};
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// The calendar of one doctor's `overview` (loaded by the page); `selected` receives the chosen
/// day.
#[component]
pub fn MonthCalendar(
    overview: MonthOverview,
    selected: RwSignal<Option<NaiveDate>>,
) -> impl IntoView {
    let focused = RwSignal::new(chrono::Utc::now().date_naive());
    // The month on screen: the one asked for, else the one the server picked.
    let shown = move || {
        overview.month.get_untracked().or_else(|| {
            overview.data.get_untracked()?.ok().and_then(|data| Month::parse(&data.month))
        })
    };
    let move_focus = move |date: NaiveDate| {
        focused.set(date);
        if shown() != Some(Month::of(date)) {
            overview.month.set(Some(Month::of(date)));
        }
        browser::focus_later(format!("day-{date}"));
    };
    let step_month = move |forward: bool| {
        if let Some(current) = shown() {
            let target = if forward { current.next() } else { current.previous() };
            overview.month.set(Some(target));
            focused.set(target.first_day());
        }
    };
    view! {
        <section class="calendar" aria-labelledby="calendar-month">
            <Transition fallback=|| view! { <p class="loading">"Loading availability…"</p> }>
                {move || Suspend::new(async move {
                    match overview.data.await {
                        Ok(data) => view! {
                            <MonthHeader data=data.clone() on_month=step_month />
                            <DayGrid data focused selected on_move=move_focus on_month=step_month />
                        }.into_any(),
                        Err(error) => view! { <p class="alert alert-error">{error.message()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// "‹ December 2026 ›": the month's name between previous and next (none before this month).
#[component]
fn MonthHeader(
    data: MonthAvailabilityView,
    on_month: impl Fn(bool) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let month = Month::parse(&data.month);
    let at_first = month.is_none_or(|m| m <= Month::of(data.today));
    view! {
        <div class="calendar-header">
            <button
                type="button"
                class="button-secondary"
                aria-label="Previous month"
                disabled=at_first
                on:click=move |_| on_month(false)
            >
                "‹"
            </button>
            <h2 id="calendar-month" aria-live="polite">{month.map(Month::label)}</h2>
            <button type="button" class="button-secondary" aria-label="Next month" on:click=move |_| on_month(true)>
                "›"
            </button>
        </div>
    }
}

#[component]
fn DayGrid(
    data: MonthAvailabilityView,
    focused: RwSignal<NaiveDate>,
    selected: RwSignal<Option<NaiveDate>>,
    on_move: impl Fn(NaiveDate) + Copy + Send + Sync + 'static,
    on_month: impl Fn(bool) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let today = data.today;
    let leading = data.days.first().map(|d| d.date.weekday().num_days_from_monday()).unwrap_or(0);
    let days_in_month: Vec<NaiveDate> = data.days.iter().map(|d| d.date).collect();
    // Keep the roving focus inside this month.
    if !days_in_month.contains(&focused.get_untracked())
        && let Some(first) = data.days.iter().find(|d| d.free_slots > 0).or(data.days.first())
    {
        focused.set(first.date);
    }
    view! {
        <div class="day-grid" role="grid" aria-labelledby="calendar-month">
            <div class="day-row" role="row">
                {WEEKDAYS.iter().map(|d| view! { <span class="weekday" role="columnheader">{*d}</span> }).collect_view()}
            </div>
            <div class="day-cells" role="row">
                {(0..leading).map(|_| view! { <span class="day-blank" role="gridcell"></span> }).collect_view()}
                {data.days.into_iter().map(|day| {
                    let date = day.date;
                    let free = day.free_slots;
                    let label = match free {
                        0 => format!("{}: no free slots", format::long_date(date)),
                        1 => format!("{}: 1 free slot", format::long_date(date)),
                        n => format!("{}: {n} free slots", format::long_date(date)),
                    };
                    let choose = move || if free > 0 { selected.set(Some(date)) };
                    let on_key = move |ev: KeyboardEvent| {
                        let target = match ev.key().as_str() {
                            "ArrowLeft" => Some(date - Duration::days(1)),
                            "ArrowRight" => Some(date + Duration::days(1)),
                            "ArrowUp" => Some(date - Duration::days(7)),
                            "ArrowDown" => Some(date + Duration::days(7)),
                            "Home" => Some(date - Duration::days(i64::from(date.weekday().num_days_from_monday()))),
                            "End" => Some(date + Duration::days(6 - i64::from(date.weekday().num_days_from_monday()))),
                            "PageUp" => { ev.prevent_default(); on_month(false); None }
                            "PageDown" => { ev.prevent_default(); on_month(true); None }
                            "Enter" | " " => { ev.prevent_default(); choose(); None }
                            _ => None,
                        };
                        if let Some(target) = target.filter(|t| *t >= today - Duration::days(31)) {
                            ev.prevent_default();
                            on_move(target);
                        }
                    };
                    view! {
                        <span role="gridcell">
                            <button
                                type="button"
                                id=format!("day-{date}")
                                class="day"
                                class:has-slots={free > 0}
                                class:is-today={date == today}
                                class:is-selected=move || selected.get() == Some(date)
                                data-date=date.to_string()
                                data-free=free.to_string()
                                aria-label=label
                                aria-disabled=(free == 0).to_string()
                                aria-pressed=move || (selected.get() == Some(date)).to_string()
                                tabindex=move || if focused.get() == date { "0" } else { "-1" }
                                on:click=move |_| { focused.set(date); choose() }
                                on:keydown=on_key
                            >
                                <span class="day-number">{date.day()}</span>
                                {(free > 0).then(|| view! { <span class="day-count" aria-hidden="true">{free}</span> })}
                            </button>
                        </span>
                    }
                }).collect_view()}
            </div>
        </div>
    }
}
