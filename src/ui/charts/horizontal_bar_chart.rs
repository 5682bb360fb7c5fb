//! Horizontal bars, one per named row (long names read better across than under a bar).

use super::{Bar, ChartTable, px};
use crate::domain::chart_scale::Scale;
use leptos::prelude::*;

const WIDTH: f64 = 400.0;
const ROW: f64 = 22.0;
const LEFT: f64 = 130.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 6.0;
const BOTTOM: f64 = 36.0;
/// Characters of a row's name shown in the chart (the table has it whole).
const NAME: usize = 22;

/// A chart titled `title` with one bar per row; `x_title` names the values and their unit.
#[component]
pub fn HorizontalBarChart(
    id: &'static str,
    title: String,
    row_title: &'static str,
    x_title: String,
    bars: Vec<Bar>,
    #[prop(default = true)] whole: bool,
) -> impl IntoView {
    let max = bars.iter().map(|b| b.value).fold(0.0, f64::max);
    let scale = Scale::for_max(max, whole);
    let height = TOP + ROW * bars.len().max(1) as f64 + BOTTOM;
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_bottom = height - BOTTOM;
    let x = move |value: f64| px(LEFT + plot_w * scale.position(value));
    let grid = scale
        .ticks()
        .into_iter()
        .map(|tick| {
            let at = x(tick);
            view! {
                <line class="chart-grid" x1=at x2=at y1=TOP y2=plot_bottom />
                <text class="chart-tick" x=at y=plot_bottom + 13.0 text-anchor="middle">{scale.label(tick)}</text>
            }
        })
        .collect_view();
    let rows = bars
        .iter()
        .enumerate()
        .map(|(i, bar)| {
            let top = TOP + ROW * i as f64;
            let name: String = if bar.label.chars().count() > NAME {
                format!("{}…", bar.label.chars().take(NAME - 1).collect::<String>())
            } else {
                bar.label.clone()
            };
            view! {
                <text class="chart-tick" x=LEFT - 4.0 y=top + ROW / 2.0 + 3.5 text-anchor="end">{name}</text>
                <rect class="chart-bar" x=LEFT y=top + 3.0 width=px((x(bar.value) - LEFT).max(0.0)) height=ROW - 6.0>
                    <title>{format!("{}: {}", bar.label, bar.shown)}</title>
                </rect>
            }
        })
        .collect_view();
    let title_id = format!("{id}-title");
    view! {
        <figure class="chart" id=id>
            <figcaption id=title_id.clone()>{title.clone()}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby=title_id
                xmlns="http://www.w3.org/2000/svg">
                <title>{title}</title>
                {grid}
                {rows}
                <line class="chart-axis" x1=LEFT x2=LEFT y1=TOP y2=plot_bottom />
                <text class="chart-axis-title" x=LEFT + plot_w / 2.0 y=height - 6.0 text-anchor="middle">{x_title.clone()}</text>
            </svg>
            <ChartTable label_title=row_title value_title=x_title bars />
        </figure>
    }
    .into_any()
}
