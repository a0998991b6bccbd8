//! Prometheus metrics, kept in this process. Labels are the matched route pattern, the
//! method and the status: a closed set that never carries user data. Counts of stories
//! and mail come from the database when `/metrics` is read, so every instance reports
//! the same shared numbers for them.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::{LazyLock, Mutex};

/// Upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
];

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// One route's numbers: counts per (method, status) and its latency histogram.
#[derive(Default)]
struct RouteStats {
    counts: Vec<(&'static str, u16, u64)>,
    latency: Histogram,
}

#[derive(Default)]
struct Registry {
    /// By route pattern; looked up by `&str`, so counting a request allocates nothing
    /// once its route has been seen (this runs on every request).
    routes: HashMap<String, RouteStats>,
    events: HashMap<&'static str, u64>,
}

static REGISTRY: LazyLock<Mutex<Registry>> = LazyLock::new(|| Mutex::new(Registry::default()));

/// The label for a request method: the standard methods by name, anything else (a client
/// may send any token as a method) as `other`, so made-up methods add no series and no
/// text a client chose reaches the metrics or the log.
pub fn method_label(method: &actix_web::http::Method) -> &'static str {
    use actix_web::http::Method;
    const KNOWN: [(Method, &str); 9] = [
        (Method::GET, "GET"),
        (Method::HEAD, "HEAD"),
        (Method::POST, "POST"),
        (Method::PUT, "PUT"),
        (Method::DELETE, "DELETE"),
        (Method::OPTIONS, "OPTIONS"),
        (Method::PATCH, "PATCH"),
        (Method::TRACE, "TRACE"),
        (Method::CONNECT, "CONNECT"),
    ];
    KNOWN
        .iter()
        .find(|(known, _)| known == method)
        .map_or("other", |(_, label)| label)
}

/// Counts a finished request; `method` is a `method_label`.
pub fn record_request(method: &'static str, route: &str, status: u16, seconds: f64) {
    let Ok(mut registry) = REGISTRY.lock() else {
        return;
    };
    // One look-up for a route seen before (every request but its first).
    match registry.routes.get_mut(route) {
        Some(stats) => stats.count(method, status, seconds),
        None => registry
            .routes
            .entry(route.to_owned())
            .or_default()
            .count(method, status, seconds),
    }
}

impl RouteStats {
    fn count(&mut self, method: &'static str, status: u16, seconds: f64) {
        let stats = self;
        match stats
            .counts
            .iter_mut()
            .find(|(m, s, _)| *s == status && *m == method)
        {
            Some((_, _, count)) => *count += 1,
            None => stats.counts.push((method, status, 1)),
        }
        let histogram = &mut stats.latency;
        histogram.count += 1;
        histogram.sum += seconds;
        for (bound, count) in BUCKETS.iter().zip(histogram.counts.iter_mut()) {
            if seconds <= *bound {
                *count += 1;
            }
        }
    }
}

/// Counts something that happened in this process (`submissions`, `approvals`, ...).
pub fn record_event(name: &'static str) {
    if let Ok(mut registry) = REGISTRY.lock() {
        *registry.events.entry(name).or_default() += 1;
    }
}

fn escape(label: &str) -> String {
    label
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Numbers read from the shared database at scrape time.
pub struct SharedGauges {
    pub review_queue: i64,
    pub published_stories: usize,
    pub mail_pending: i64,
    pub mail_failing: usize,
}

/// The exposition text.
pub fn render(gauges: &SharedGauges) -> String {
    let mut out = String::new();
    let Ok(registry) = REGISTRY.lock() else {
        return out;
    };
    out.push_str(
        "# HELP kanarie_http_requests_total Requests by method, matched route and status.\n",
    );
    out.push_str("# TYPE kanarie_http_requests_total counter\n");
    let mut routes: Vec<_> = registry.routes.iter().collect();
    routes.sort_by(|a, b| a.0.cmp(b.0));
    let mut requests: Vec<(&str, &str, u16, u64)> = routes
        .iter()
        .flat_map(|(route, stats)| {
            stats
                .counts
                .iter()
                .map(move |(method, status, count)| (*method, route.as_str(), *status, *count))
        })
        .collect();
    requests.sort();
    for (method, route, status, count) in requests {
        let _ = writeln!(
            out,
            "kanarie_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{status}\"}} {count}",
            escape(method),
            escape(route)
        );
    }
    out.push_str(
        "# HELP kanarie_http_request_duration_seconds Time to answer, by matched route.\n",
    );
    out.push_str("# TYPE kanarie_http_request_duration_seconds histogram\n");
    for (route, stats) in routes {
        let histogram = &stats.latency;
        let route = escape(route);
        for (bound, count) in BUCKETS.iter().zip(histogram.counts.iter()) {
            let _ = writeln!(out, "kanarie_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {count}");
        }
        let _ = writeln!(
            out,
            "kanarie_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
            histogram.count
        );
        let _ = writeln!(
            out,
            "kanarie_http_request_duration_seconds_sum{{route=\"{route}\"}} {}",
            histogram.sum
        );
        let _ = writeln!(
            out,
            "kanarie_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
            histogram.count
        );
    }
    for (name, help) in [
        ("submissions", "Stories stored by this instance."),
        ("approvals", "Stories approved through this instance."),
        ("rejections", "Stories rejected through this instance."),
        (
            "withdrawals",
            "Stories withdrawn by their parents through this instance.",
        ),
    ] {
        let _ = writeln!(
            out,
            "# HELP kanarie_{name}_total {help}\n# TYPE kanarie_{name}_total counter"
        );
        let _ = writeln!(
            out,
            "kanarie_{name}_total {}",
            registry.events.get(name).copied().unwrap_or(0)
        );
    }
    for (name, help, value) in [
        (
            "review_queue_length",
            "Stories waiting for review (shared).",
            gauges.review_queue.to_string(),
        ),
        (
            "published_stories",
            "Stories this instance publishes now.",
            gauges.published_stories.to_string(),
        ),
        (
            "mail_pending",
            "Mails in the outbox (shared).",
            gauges.mail_pending.to_string(),
        ),
        (
            "mail_failing",
            "Mails whose last attempt failed (shared).",
            gauges.mail_failing.to_string(),
        ),
    ] {
        let _ = writeln!(
            out,
            "# HELP kanarie_{name} {help}\n# TYPE kanarie_{name} gauge\nkanarie_{name} {value}"
        );
    }
    out
}
