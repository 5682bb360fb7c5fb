//! Charts drawn as SVG while the page renders on the server (nothing loaded from elsewhere),
//! each with a title, axes and units, and its numbers in a table beneath for screen readers
//! and anyone who prefers them.

mod bar_chart;
mod chart_table;
mod horizontal_bar_chart;

pub use bar_chart::BarChart;
use chart_table::ChartTable;
pub use horizontal_bar_chart::HorizontalBarChart;

/// A coordinate rounded to a tenth of a unit (the SVG stays short and exact enough).
fn px(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// One bar: its label, its value and the value as shown in the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
}

impl Bar {
    /// A bar counting something.
    pub fn count(label: impl Into<String>, count: u32) -> Bar {
        Bar { label: label.into(), value: f64::from(count), shown: count.to_string() }
    }
}
