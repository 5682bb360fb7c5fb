//! The numbers beneath a chart: a table of each bar's label and value, folded away by default.

use super::Bar;
use leptos::prelude::*;

/// `bars` as a two-column table headed `label_title` and `value_title`.
#[component]
pub fn ChartTable(label_title: &'static str, value_title: String, bars: Vec<Bar>) -> impl IntoView {
    view! {
        <details class="chart-data">
            <summary>"The numbers"</summary>
            <table>
                <thead><tr><th scope="col">{label_title}</th><th scope="col">{value_title}</th></tr></thead>
                <tbody>
                    {bars.into_iter().map(|bar| view! { <tr><th scope="row">{bar.label}</th><td>{bar.shown}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </details>
    }
    .into_any()
}
