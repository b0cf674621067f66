//! `monitoring`: observability in the code and the configuration.
//! Telemetry (OpenTelemetry, Prometheus clients, Datadog, New Relic,
//! Elastic APM) or error tracking (Sentry, Rollbar, Bugsnag, ...) from the
//! dependency inventory or the code: 6 points; structured logging (zap,
//! zerolog, slog, structlog, pino, winston, tracing, serilog, ...): 2;
//! alerting or dashboards in the tree (Prometheus rules, Alertmanager,
//! Grafana dashboards, monitors in Terraform): 2. A project that deploys
//! nothing is n/a: the application that uses a library monitors it.

use super::EXAMPLES;
use crate::facts::Facts;
use crate::model::{CheckResult, Evidence};

/// Package name prefixes (lowercase) per category.
const TELEMETRY: &[&str] = &[
    "opentelemetry",
    "@opentelemetry/",
    "go.opentelemetry.io/",
    "io.opentelemetry",
    "prometheus_client",
    "prometheus-client",
    "prom-client",
    "github.com/prometheus/client_golang",
    "prometheus",
    "metrics-exporter-prometheus",
    "io.prometheus",
    "io.micrometer",
    "micrometer",
    "ddtrace",
    "dd-trace",
    "gopkg.in/datadog/dd-trace-go",
    "github.com/datadog/",
    "datadog",
    "newrelic",
    "github.com/newrelic/",
    "com.newrelic",
    "elastic-apm",
    "elasticapm",
    "@elastic/apm",
    "go.elastic.co/apm",
    "applicationinsights",
    "@azure/monitor-opentelemetry",
    "honeycomb",
    "@honeycombio/",
    "statsd",
    "hot-shots",
    "django-prometheus",
    "prometheus-fastapi-instrumentator",
    "appsignal",
    "scout-apm",
    "skylight",
    "instana",
    "dynatrace",
    "@sentry/",
    "sentry",
    "github.com/getsentry/",
    "io.sentry",
    "rollbar",
    "bugsnag",
    "@bugsnag/",
    "honeybadger",
    "airbrake",
    "raygun",
];

const LOGGING: &[&str] = &[
    "structlog",
    "python-json-logger",
    "pino",
    "winston",
    "bunyan",
    "go.uber.org/zap",
    "github.com/rs/zerolog",
    "github.com/sirupsen/logrus",
    "github.com/go-kit/log",
    "tracing-subscriber",
    "tracing",
    "slog",
    "serilog",
    "net.logstash.logback",
    "logstash-logback-encoder",
    "lograge",
    "semantic_logger",
    "ougai",
    "monolog/monolog",
    "json-logging",
    "ecs-logging",
    "log4js",
];

fn category(name: &str) -> Option<&'static str> {
    let n = name.to_ascii_lowercase();
    // `prefix/` entries match as prefixes; others exactly, or followed by
    // a separator (`sentry-sdk`, `io.opentelemetry:opentelemetry-api`).
    let hit = |list: &[&str]| {
        list.iter().any(|p| {
            if p.ends_with(['/', '.']) {
                n.starts_with(p)
            } else {
                n == *p
                    || ['-', '_', '.', '/', ':']
                        .iter()
                        .any(|s| n.starts_with(&format!("{p}{s}")))
            }
        })
    };
    if hit(TELEMETRY) {
        Some("telemetry")
    } else if hit(LOGGING) {
        Some("logging")
    } else {
        None
    }
}

/// An alerting or dashboard file: (line, what).
fn alerting(f: &Facts, path: &str) -> Option<(Option<u32>, &'static str)> {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    let yaml = name.ends_with(".yml") || name.ends_with(".yaml");
    if name == "alertmanager.yml" || name == "alertmanager.yaml" {
        return Some((None, "Alertmanager"));
    }
    if name == "prometheus.yml" || name == "prometheus.yaml" {
        return Some((None, "Prometheus"));
    }
    if yaml
        && (name.contains("alert")
            || name.contains("rules")
            || name.contains("monitor")
            || name.contains("otel"))
    {
        let text = f.read(path)?;
        let at = |needle: &str| {
            text.lines()
                .position(|l| l.trim_start().starts_with(needle))
                .map(|i| i as u32 + 1)
        };
        if let Some(l) = at("- alert:").or_else(|| at("alert:")) {
            return Some((Some(l), "alerting rules"));
        }
        if let Some(l) = at("kind: PrometheusRule")
            .or_else(|| at("kind: ServiceMonitor"))
            .or_else(|| at("kind: PodMonitor"))
        {
            return Some((Some(l), "Prometheus Operator"));
        }
        if let Some(l) = at("exporters:") {
            return Some((Some(l), "OpenTelemetry Collector"));
        }
    }
    if name.ends_with(".json") && (path.contains("dashboard") || path.contains("grafana")) {
        return f
            .read(path)
            .filter(|t| t.contains("\"panels\""))
            .map(|_| (None, "Grafana dashboard"));
    }
    if name.ends_with(".tf") {
        let text = f.read(path)?;
        const RESOURCES: &[&str] = &[
            "\"datadog_monitor\"",
            "\"newrelic_alert",
            "\"aws_cloudwatch_metric_alarm\"",
            "\"grafana_dashboard\"",
            "\"pagerduty_service\"",
            "\"google_monitoring_alert_policy\"",
            "\"azurerm_monitor_metric_alert\"",
            "\"opsgenie_",
            "\"grafana_rule_group\"",
        ];
        return text
            .lines()
            .position(|l| {
                l.trim_start().starts_with("resource") && RESOURCES.iter().any(|r| l.contains(r))
            })
            .map(|i| (Some(i as u32 + 1), "monitoring in Terraform"));
    }
    match name.as_str() {
        "sentry.properties" | ".sentryclirc" | "newrelic.yml" | "newrelic.js" | "newrelic.ini"
        | "datadog.yaml" => Some((None, "agent configuration")),
        _ => None,
    }
}

pub fn monitoring(f: &Facts) -> CheckResult {
    let mut telemetry: Vec<Evidence> = Vec::new();
    let mut logging: Vec<Evidence> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for p in f.input.packages {
        if p.direct == Some(false) || seen.contains(&p.name) {
            continue;
        }
        let e = || {
            Evidence::file(
                &p.source,
                (p.line > 0).then_some(p.line),
                format!("{}:{}", p.ecosystem, p.name),
            )
        };
        match category(&p.name) {
            Some("telemetry") => telemetry.push(e()),
            Some(_) => logging.push(e()),
            None => continue,
        }
        seen.push(p.name.clone());
    }
    for (needle, path) in &f.code.markers {
        let e = Evidence::file(path, None, format!("uses {}", needle.trim_matches('"')));
        if *needle == "\"log/slog\"" {
            logging.push(e);
        } else if telemetry.is_empty() {
            telemetry.push(e);
        }
    }
    let alerts: Vec<Evidence> = f
        .files()
        .iter()
        .filter(|p| !super::pinned::example(p))
        .filter_map(|p| alerting(f, p).map(|(l, what)| Evidence::file(p, l, what)))
        .collect();
    let d = f.deploy();
    if !d.deploys() {
        return CheckResult::not_applicable(
            "monitoring",
            "nothing here is deployed: the applications that use it do the monitoring",
        )
        .with(
            telemetry
                .into_iter()
                .chain(logging)
                .chain(alerts)
                .take(EXAMPLES)
                .collect(),
        );
    }
    let mut score = 0.0;
    let mut have = Vec::new();
    let mut lack = Vec::new();
    for (list, points, what) in [
        (&telemetry, 6.0, "telemetry or error tracking"),
        (&logging, 2.0, "structured logging"),
        (&alerts, 2.0, "alerting or dashboards as code"),
    ] {
        if list.is_empty() {
            lack.push(what);
        } else {
            score += points;
            have.push(what);
        }
    }
    let reason = match (have.is_empty(), lack.is_empty()) {
        (true, _) => {
            "no telemetry, error tracking, structured logging or alerting found".to_string()
        }
        (false, true) => format!("{} in place", have.join(", ")),
        (false, false) => format!("{}; missing: {}", have.join(", "), lack.join(", ")),
    };
    let evidence = telemetry
        .into_iter()
        .take(EXAMPLES)
        .chain(logging.into_iter().take(EXAMPLES))
        .chain(alerts.into_iter().take(EXAMPLES))
        .collect();
    CheckResult::scored("monitoring", score, reason).with(evidence)
}

#[cfg(test)]
mod tests {
    #[test]
    fn categories() {
        use super::category;
        assert_eq!(category("opentelemetry-sdk"), Some("telemetry"));
        assert_eq!(category("@opentelemetry/api"), Some("telemetry"));
        assert_eq!(category("go.opentelemetry.io/otel"), Some("telemetry"));
        assert_eq!(category("sentry-sdk"), Some("telemetry"));
        assert_eq!(category("go.uber.org/zap"), Some("logging"));
        assert_eq!(category("tracing"), Some("logging"));
        assert_eq!(category("tracing-subscriber"), Some("logging"));
        assert_eq!(category("sentryx"), None);
        assert_eq!(category("serde"), None);
        assert_eq!(category("slogan"), None);
    }
}
