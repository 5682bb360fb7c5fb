//! A chart's value axis: a "nice" top and evenly spaced ticks (1, 2 or 5 times a power of ten),
//! so values up to 137 read 0, 50, 100, 150.

/// The axis from zero to `top`, marked every `step`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub top: f64,
    pub step: f64,
}

impl Scale {
    /// The axis for values up to `max` (2 to 4 intervals); whole steps when `whole` (counts).
    pub fn for_max(max: f64, whole: bool) -> Scale {
        if !max.is_finite() || max <= 0.0 {
            return Scale { top: 4.0, step: 1.0 };
        }
        let rough = max / 4.0;
        let magnitude = 10f64.powf(rough.log10().floor());
        let nice = match rough / magnitude {
            r if r <= 1.0 => 1.0,
            r if r <= 2.0 => 2.0,
            r if r <= 5.0 => 5.0,
            _ => 10.0,
        };
        let step = if whole { (nice * magnitude).max(1.0) } else { nice * magnitude };
        Scale { top: (max / step).ceil().max(1.0) * step, step }
    }

    /// The tick values, from zero to the top.
    pub fn ticks(&self) -> Vec<f64> {
        let intervals = (self.top / self.step).round() as usize;
        (0..=intervals).map(|i| i as f64 * self.step).collect()
    }

    /// Where `value` sits on the axis, from 0 (zero) to 1 (the top).
    pub fn position(&self, value: f64) -> f64 {
        (value / self.top).clamp(0.0, 1.0)
    }

    /// A tick's label: whole numbers when the step is, else as many decimals as the step needs.
    pub fn label(&self, value: f64) -> String {
        if self.step >= 1.0 {
            format!("{value:.0}")
        } else {
            let decimals = (-self.step.log10().floor()) as usize;
            format!("{value:.decimals$}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn round_numbers_mark_the_axis() {
        assert_eq!(Scale::for_max(137.0, true).ticks(), [0.0, 50.0, 100.0, 150.0]);
        assert_eq!(Scale::for_max(3.0, true).ticks(), [0.0, 1.0, 2.0, 3.0]);
        assert_eq!(Scale::for_max(0.0, true).ticks(), [0.0, 1.0, 2.0, 3.0, 4.0]);
        assert_eq!(Scale::for_max(0.6, false).label(0.4), "0.4");
        assert_eq!(Scale::for_max(1_234.0, false).top, 1_500.0);
    }

    proptest! {
        /// The top covers the largest value, with two to four steps of 1, 2 or 5 × 10ⁿ.
        #[test]
        fn the_axis_covers_the_data_in_a_few_nice_steps(max in 0.001f64..1e9, whole in any::<bool>()) {
            let scale = Scale::for_max(max, whole);
            prop_assert!(scale.top >= max);
            let intervals = scale.ticks().len() - 1;
            prop_assert!((1..=4).contains(&intervals), "{intervals} intervals for {max}");
            let mantissa = scale.step / 10f64.powf(scale.step.log10().floor());
            prop_assert!([1.0, 2.0, 5.0, 10.0].iter().any(|m| (mantissa - m).abs() < 1e-9));
            prop_assert!(!whole || scale.step >= 1.0);
        }
    }
}
