//! Vertical bars over labelled categories or days.

use super::{Bar, ChartTable, px};
use crate::domain::chart_scale::Scale;
use leptos::prelude::*;

const WIDTH: f64 = 400.0;
const HEIGHT: f64 = 230.0;
const LEFT: f64 = 46.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 46.0;
/// At most this many category labels under the axis (the table has them all).
const LABELS: usize = 7;

/// A bar chart titled `title`: `y_title` names the values and their unit, `x_title` the
/// categories; `whole` when the values are counts.
#[component]
pub fn BarChart(
    id: &'static str,
    title: String,
    x_title: &'static str,
    y_title: String,
    bars: Vec<Bar>,
    #[prop(default = true)] whole: bool,
) -> impl IntoView {
    let max = bars.iter().map(|b| b.value).fold(0.0, f64::max);
    let scale = Scale::for_max(max, whole);
    let (plot_w, plot_h) = (WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
    let slot = plot_w / bars.len().max(1) as f64;
    let every = bars.len().div_ceil(LABELS).max(1);
    let y = move |value: f64| px(TOP + plot_h * (1.0 - scale.position(value)));
    let grid = scale
        .ticks()
        .into_iter()
        .map(|tick| {
            let at = y(tick);
            view! {
                <line class="chart-grid" x1=LEFT x2=WIDTH - RIGHT y1=at y2=at />
                <text class="chart-tick" x=LEFT - 4.0 y=at + 3.5 text-anchor="end">{scale.label(tick)}</text>
            }
        })
        .collect_view();
    let columns = bars
        .iter()
        .enumerate()
        .map(|(i, bar)| {
            let top = y(bar.value);
            let x = px(LEFT + slot * i as f64 + slot * 0.1);
            let label = (i % every == 0).then(|| {
                view! {
                    <text class="chart-tick" x=px(x + slot * 0.4) y=HEIGHT - BOTTOM + 14.0 text-anchor="middle">{bar.label.clone()}</text>
                }
            });
            view! {
                <rect class="chart-bar" x=x y=top width=px((slot * 0.8).max(1.0)) height=px((TOP + plot_h - top).max(0.0))>
                    <title>{format!("{}: {}", bar.label, bar.shown)}</title>
                </rect>
                {label}
            }
        })
        .collect_view();
    let title_id = format!("{id}-title");
    view! {
        <figure class="chart" id=id>
            <figcaption id=title_id.clone()>{title.clone()}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-labelledby=title_id
                xmlns="http://www.w3.org/2000/svg">
                <title>{title}</title>
                {grid}
                {columns}
                <line class="chart-axis" x1=LEFT x2=WIDTH - RIGHT y1=TOP + plot_h y2=TOP + plot_h />
                <text class="chart-axis-title" x=LEFT + plot_w / 2.0 y=HEIGHT - 6.0 text-anchor="middle">{x_title}</text>
                <text class="chart-axis-title" x="12" y=TOP + plot_h / 2.0 text-anchor="middle"
                    transform=format!("rotate(-90 12 {})", TOP + plot_h / 2.0)>{y_title.clone()}</text>
            </svg>
            <ChartTable label_title=x_title value_title=y_title bars />
        </figure>
    }
    .into_any()
}
