//! The health score: from 10 (nothing over a limit) down towards 1, built
//! from the same function-level signals CodeScene's code health weighs
//! (complex, long, deeply nested functions, functions with many
//! parameters, large files). The formula, with a worked example, is in
//! docs/guide/health.md; tests/guide.rs recomputes the example there.
//!
//! Each measure over its limit costs `weight × value / limit`: a function
//! just over a limit costs about its weight, one twice over costs twice
//! that. A file's penalty P is the sum over its functions and its own
//! size, and its health is `1 + 9 × e^(−P / 10)`, rounded to two
//! decimals: 10 with no penalty, 9.14 for one function just over one limit,
//! 4.31 at P = 10, and never below 1. The decay keeps files ordered however
//! bad they get, where a clamp would tie every bad file at 1.

use serde::Serialize;
use techlead_lang::{Function, Scan};

/// The limits a function and a file may reach without costing health, and
/// above which the `health/*` rules report a function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Thresholds {
    /// Cyclomatic complexity (lizard's warning threshold `-C`, 15).
    pub complexity: u32,
    /// Lines of code of a function (CodeScene's Large Method,
    /// `function_lines_of_code_warning`, 70).
    pub nloc: u32,
    /// Nesting depth of control structures (CodeScene's Deep, Nested
    /// Complexity, `function_nesting_depth_warning`, 4).
    pub nesting: u32,
    /// Parameters (CodeScene's Excess Number of Function Arguments,
    /// `function_max_arguments`, 4).
    pub params: u32,
    /// Lines of code of a file (CodeScene's Lines of Code in a Single
    /// File, `file_lines_of_code_for_warning`, 1000).
    pub file_loc: u32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            complexity: 15,
            nloc: 70,
            nesting: 4,
            params: 4,
            file_loc: 1000,
        }
    }
}

/// How much each signal weighs: parameters half as much as the others, as
/// a long parameter list is the easiest of them to read and to fix.
pub const WEIGHTS: Weights = Weights {
    complexity: 1.0,
    nloc: 1.0,
    nesting: 1.0,
    params: 0.5,
    file_loc: 1.0,
};

/// The weight of each signal (see [`WEIGHTS`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    pub complexity: f64,
    pub nloc: f64,
    pub nesting: f64,
    pub params: f64,
    pub file_loc: f64,
}

/// The penalty P at which health has fallen by 1 − 1/e of the way from 10
/// to 1 (to 4.31).
pub const DECAY: f64 = 10.0;

/// What one function costs its file, per signal (0 for a measure within
/// its limit).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Penalty {
    pub complexity: f64,
    pub nloc: f64,
    pub nesting: f64,
    pub params: f64,
}

impl Penalty {
    pub fn total(&self) -> f64 {
        self.complexity + self.nloc + self.nesting + self.params
    }
}

/// `weight × value / limit` when `value` is over `limit`, else 0.
pub fn over(value: u32, limit: u32, weight: f64) -> f64 {
    let limit = limit.max(1);
    if value > limit {
        weight * f64::from(value) / f64::from(limit)
    } else {
        0.0
    }
}

/// What `f` costs, measure by measure.
pub fn function_penalty(f: &Function, t: &Thresholds) -> Penalty {
    Penalty {
        complexity: over(f.complexity, t.complexity, WEIGHTS.complexity),
        nloc: over(f.nloc, t.nloc, WEIGHTS.nloc),
        nesting: over(f.nesting, t.nesting, WEIGHTS.nesting),
        params: over(f.params, t.params, WEIGHTS.params),
    }
}

/// What a file of `loc` lines of code costs for its size alone.
pub fn size_penalty(loc: u32, t: &Thresholds) -> f64 {
    over(loc, t.file_loc, WEIGHTS.file_loc)
}

/// Health for a penalty: `1 + 9 × e^(−P / 10)`, rounded to two decimals.
pub fn health(penalty: f64) -> f64 {
    let h = 1.0 + 9.0 * (-penalty.max(0.0) / DECAY).exp();
    (h * 100.0).round() / 100.0
}

/// A file's penalty: the sum of its functions' and its size's.
pub fn file_penalty(functions: &[Function], loc: u32, t: &Thresholds) -> f64 {
    functions
        .iter()
        .map(|f| function_penalty(f, t).total())
        .sum::<f64>()
        + size_penalty(loc, t)
}

/// The health (1 to 10) of a scanned file of `loc` lines of code, with
/// the default limits. `loc` is normally `scan.code_lines`.
pub fn file_health(scan: &Scan, loc: u32) -> f64 {
    file_health_with(scan, loc, &Thresholds::default())
}

/// [`file_health`] with other limits (a project's `[health]`).
pub fn file_health_with(scan: &Scan, loc: u32, t: &Thresholds) -> f64 {
    health(file_penalty(&scan.functions, loc, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(complexity: u32, nloc: u32, params: u32, nesting: u32) -> Function {
        Function {
            name: "f".into(),
            start_line: 1,
            end_line: nloc.max(1),
            complexity,
            nloc,
            params,
            nesting,
        }
    }

    #[test]
    fn within_every_limit_is_ten() {
        let t = Thresholds::default();
        let funcs = [f(15, 70, 4, 4), f(1, 1, 0, 0)];
        assert_eq!(file_penalty(&funcs, 1000, &t), 0.0);
        assert_eq!(health(file_penalty(&funcs, 1000, &t)), 10.0);
    }

    #[test]
    fn each_measure_over_its_limit_costs_weight_times_ratio() {
        let t = Thresholds::default();
        let p = function_penalty(&f(30, 140, 8, 6), &t);
        assert_eq!(p.complexity, 2.0);
        assert_eq!(p.nloc, 2.0);
        assert_eq!(p.params, 0.5 * 8.0 / 4.0);
        assert_eq!(p.nesting, 6.0 / 4.0);
        assert_eq!(size_penalty(1500, &t), 1.5);
        assert_eq!(size_penalty(1000, &t), 0.0);
    }

    #[test]
    fn health_falls_from_ten_towards_one_and_keeps_order() {
        assert_eq!(health(0.0), 10.0);
        assert_eq!(health(1.0), 9.14);
        assert_eq!(health(10.0), 4.31);
        let mut last = 10.0;
        for p in [0.5, 2.0, 5.0, 20.0, 40.0] {
            let h = health(p);
            assert!(h < last && h > 1.0, "{p}: {h}");
            last = h;
        }
        assert_eq!(health(1000.0), 1.0);
        assert_eq!(health(-3.0), 10.0);
    }

    proptest::proptest! {
        /// Health stays in 1..=10, and a worse function never makes a
        /// file healthier.
        #[test]
        fn health_is_bounded_and_monotonic(
            c in 1u32..200, n in 1u32..2000, p in 0u32..20, d in 0u32..12,
            extra in 0u32..50, loc in 0u32..5000,
        ) {
            let t = Thresholds::default();
            let base = [f(c, n, p, d)];
            let worse = [f(c + extra, n + extra, p + extra % 5, d + extra % 3)];
            let h = health(file_penalty(&base, loc, &t));
            let hw = health(file_penalty(&worse, loc, &t));
            proptest::prop_assert!((1.0..=10.0).contains(&h));
            proptest::prop_assert!(hw <= h);
            proptest::prop_assert!(health(file_penalty(&base, loc + extra, &t)) <= h);
        }
    }

    #[test]
    fn a_zero_limit_counts_as_one() {
        assert_eq!(over(3, 0, 1.0), 3.0);
        assert_eq!(over(1, 0, 1.0), 0.0);
    }

    #[test]
    fn file_health_reads_the_scan() {
        let scan = techlead_lang::scan(
            techlead_lang::Language::Python,
            "def f(a, b, c, d, e):\n    return a\n",
        );
        assert_eq!(scan.functions[0].params, 5);
        // 0.5 × 5/4 = 0.625 -> 1 + 9e^-0.0625 = 9.4546...
        assert_eq!(file_health(&scan, scan.code_lines), 9.45);
    }
}
