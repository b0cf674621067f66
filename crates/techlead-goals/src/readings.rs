//! What goals know about metrics, handed over by the composition root as
//! plain data: the names that exist (from the metrics registry), each
//! metric's value now, and, when snapshots are kept, each metric's series.
//! Goals never computes a metric and never reads the snapshot database.

use serde::Serialize;
use std::collections::BTreeMap;
use techlead_core::suggest::did_you_mean;

/// One metric a key result may name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetricInfo {
    /// `area.name`, as the registry spells it.
    pub name: String,
    /// `count`, `days`, `ratio`, `per-month`, `score` or `level`.
    pub unit: String,
}

/// Every metric name the build knows, and the names of levels (for
/// `practices.level >= silver`), lowest first.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub metrics: Vec<MetricInfo>,
    pub levels: Vec<String>,
}

impl Catalog {
    pub fn find(&self, name: &str) -> Option<&MetricInfo> {
        self.metrics.iter().find(|m| m.name == name)
    }

    /// The metric `name`, or a message with the closest name.
    pub fn lookup(&self, name: &str) -> Result<&MetricInfo, (String, String)> {
        self.find(name).ok_or_else(|| {
            let message = format!("unknown metric `{name}`");
            let list = "docs/guide/metrics.md and `techlead snapshot --list` list every metric";
            let help = match did_you_mean(name, self.metrics.iter().map(|m| m.name.as_str())) {
                Some(s) => format!("did you mean `{s}`? {list}"),
                None => list.to_string(),
            };
            (message, help)
        })
    }

    /// A value as written for `metric`: a number, `80%` for a ratio, a
    /// level's name for a level.
    pub fn parse(&self, metric: &MetricInfo, text: &str) -> Option<f64> {
        let t = text.trim();
        if metric.unit == "level"
            && let Some(i) = self.levels.iter().position(|l| l.eq_ignore_ascii_case(t))
        {
            return Some(i as f64);
        }
        if metric.unit == "ratio"
            && let Some(p) = t.strip_suffix('%')
        {
            return number(p).map(|v| v / 100.0);
        }
        number(t)
    }

    /// A value as people read it: counts whole, ratios in percent, levels
    /// by name.
    pub fn format(&self, metric: &MetricInfo, value: f64) -> String {
        match metric.unit.as_str() {
            "count" => format!("{}", value.round() as i64),
            "ratio" => format!("{}%", trim(value * 100.0, 1)),
            "level" => self
                .levels
                .get(value.round().max(0.0) as usize)
                .cloned()
                .unwrap_or_else(|| trim(value, 2)),
            "score" => trim(value, 1),
            _ => trim(value, 2),
        }
    }

    /// How `unit` reads after a value (`days`), empty for bare numbers.
    pub fn unit_label(metric: &MetricInfo) -> &str {
        match metric.unit.as_str() {
            "days" => "days",
            "per-month" => "per month",
            _ => "",
        }
    }
}

/// A finite number.
pub fn number(t: &str) -> Option<f64> {
    t.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// `v` with at most `decimals` decimals and no trailing zeros.
pub fn trim(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" { "0".into() } else { s }
}

/// One recorded value of a metric.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Point {
    pub commit: String,
    /// The commit's date, YYYY-MM-DD.
    pub date: String,
    pub value: f64,
}

/// The metrics as they are now, and as they were.
#[derive(Debug, Clone, Default)]
pub struct Readings {
    /// Each metric's value on the working tree, or why it has none. A
    /// metric not in the map was not asked for.
    pub values: BTreeMap<String, Result<f64, String>>,
    /// Each metric's recorded values, oldest first; None when the project
    /// keeps no snapshots.
    pub history: Option<BTreeMap<String, Vec<Point>>>,
}

impl Readings {
    /// The value of `metric` now, or why there is none.
    pub fn value(&self, metric: &str) -> Result<f64, String> {
        match self.values.get(metric) {
            Some(v) => v.clone(),
            None => Err("not computed for this command".into()),
        }
    }

    /// The series of `metric`, when snapshots are kept.
    pub fn series(&self, metric: &str) -> Option<&[Point]> {
        self.history
            .as_ref()
            .map(|h| h.get(metric).map_or(&[][..], Vec::as_slice))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        let m = |name: &str, unit: &str| MetricInfo {
            name: name.into(),
            unit: unit.into(),
        };
        Catalog {
            metrics: vec![
                m("boundaries.violations", "count"),
                m("practices.level", "level"),
                m("practices.score", "ratio"),
                m("delivery.lead_time_p90_days", "days"),
            ],
            levels: ["none", "bronze", "silver", "gold"]
                .map(String::from)
                .to_vec(),
        }
    }

    #[test]
    fn values_read_and_print_by_unit() {
        let c = catalog();
        let level = c.find("practices.level").unwrap();
        assert_eq!(c.parse(level, "Silver"), Some(2.0));
        assert_eq!(c.format(level, 2.0), "silver");
        let ratio = c.find("practices.score").unwrap();
        assert_eq!(c.parse(ratio, "80%"), Some(0.8));
        assert_eq!(c.parse(ratio, "0.8"), Some(0.8));
        assert_eq!(c.format(ratio, 0.825), "82.5%");
        let days = c.find("delivery.lead_time_p90_days").unwrap();
        assert_eq!(c.format(days, 7.0), "7");
        assert_eq!(c.format(days, 6.456), "6.46");
        assert_eq!(c.parse(days, "NaN"), None);
        assert_eq!(c.parse(days, "inf"), None);
    }

    #[test]
    fn unknown_names_suggest_the_closest() {
        let (message, help) = catalog().lookup("boundaries.violation").unwrap_err();
        assert_eq!(message, "unknown metric `boundaries.violation`");
        assert!(
            help.starts_with("did you mean `boundaries.violations`?"),
            "{help}"
        );
    }
}
