//! What the service knows of its own state, told truthfully: whether placing articles in
//! stories works and how far it lags ([`Health`], for `/healthz`), and its counters and
//! latencies ([`Metrics`], Prometheus/OpenMetrics text for `/metrics`).
//!
//! The refresher reports every placement (done, failed, or panicked: a bug, contained there) and
//! the writer every commit; `/healthz` answers 503 with the reason when the last placement
//! failed or the oldest article not yet placed waits longer than the limit.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use std::sync::atomic::AtomicU64;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Placement's state, shared by the writer, the refresher and the handlers.
#[derive(Debug, Default)]
pub struct Health {
    state: Mutex<State>,
}

#[derive(Debug, Default, Clone)]
struct State {
    /// When the oldest article not yet placed was committed; `None` when all are placed.
    oldest_unplaced: Option<Instant>,
    /// Why the last placement failed; `None` when it succeeded.
    failing: Option<String>,
    /// Placements that failed since the start.
    errors: u64,
}

/// Health as `/healthz` tells it.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// Whether the service works as it should.
    pub ok: bool,
    /// Why not, in words.
    pub reason: Option<String>,
    /// Age of the oldest article waiting to be placed.
    pub oldest_pending: Option<Duration>,
    /// Placements that failed since the start.
    pub placement_errors: u64,
}

impl Health {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic elsewhere while holding the lock leaves plain data: still good to read.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Articles were committed at `at`: if none was waiting, the wait starts now.
    pub fn committed(&self, at: Instant) {
        let mut s = self.lock();
        s.oldest_unplaced.get_or_insert(at);
    }

    /// A placement that started at `started` succeeded; `pending_left` says whether articles
    /// committed meanwhile still wait (they are at most as old as the placement's start).
    pub fn placed(&self, started: Instant, pending_left: bool) {
        let mut s = self.lock();
        s.failing = None;
        s.oldest_unplaced = pending_left.then_some(started);
    }

    /// A placement failed (an error, or a panic caught by the refresher).
    pub fn failed(&self, why: String) {
        let mut s = self.lock();
        s.failing = Some(why);
        s.errors = s.errors.saturating_add(1);
    }

    /// Whether placement should be tried again without waiting for a new write.
    pub fn needs_retry(&self) -> bool {
        let s = self.lock();
        s.failing.is_some() || s.oldest_unplaced.is_some()
    }

    /// The verdict at `now`: failing when the last placement failed, or when the oldest
    /// article waiting has waited longer than `max_lag`.
    pub fn verdict(&self, now: Instant, max_lag: Duration) -> Verdict {
        let s = self.lock().clone();
        let oldest_pending = s.oldest_unplaced.map(|t| now.saturating_duration_since(t));
        let reason = if let Some(why) = &s.failing {
            Some(format!("placing articles in stories fails: {why}"))
        } else {
            oldest_pending.filter(|age| *age > max_lag).map(|age| {
                format!(
                    "placing articles in stories lags: the oldest waits {:.0} s (limit {:.0} s)",
                    age.as_secs_f64(),
                    max_lag.as_secs_f64()
                )
            })
        };
        Verdict {
            ok: reason.is_none(),
            reason,
            oldest_pending,
            placement_errors: s.errors,
        }
    }
}

/// A route's label: the matched route pattern (never the raw path, so ids do not make new
/// series) and the method.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    /// The method.
    pub method: String,
    /// The route pattern, e.g. `/api/v1/stories/{id}`, or `other`.
    pub route: String,
    /// The status class: `2xx`, `4xx`, `5xx`, …
    pub status: String,
}

/// The service's metrics.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    /// Requests answered, by route.
    pub requests: Family<RouteLabels, Counter>,
    /// Time to answer, in seconds, by route.
    pub latency: Family<RouteLabels, Histogram>,
    articles: Gauge,
    pending: Gauge,
    oldest_pending: Gauge<f64, AtomicU64>,
    placement_errors: Gauge,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("corroborate");
        let requests = Family::<RouteLabels, Counter>::default();
        let latency = Family::<RouteLabels, Histogram>::new_with_constructor(|| {
            Histogram::new([0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0])
        });
        let articles: Gauge = Gauge::default();
        let pending: Gauge = Gauge::default();
        let oldest_pending = Gauge::<f64, AtomicU64>::default();
        let placement_errors: Gauge = Gauge::default();
        registry.register(
            "http_requests",
            "Requests answered, by route and status class",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "Time to answer a request, by route and status class",
            latency.clone(),
        );
        registry.register("articles_stored", "Articles in the store", articles.clone());
        registry.register(
            "articles_pending",
            "Articles stored but not yet placed in a story",
            pending.clone(),
        );
        registry.register(
            "oldest_pending_age_seconds",
            "Age of the oldest article waiting to be placed (0 when none waits)",
            oldest_pending.clone(),
        );
        registry.register(
            "placement_errors",
            "Placements of articles in stories that failed since the start",
            placement_errors.clone(),
        );
        Metrics {
            registry,
            requests,
            latency,
            articles,
            pending,
            oldest_pending,
            placement_errors,
        }
    }
}

impl Metrics {
    /// The exposition text, with the store's counts and the health's figures as of now.
    pub fn render(&self, articles: usize, pending: usize, verdict: &Verdict) -> String {
        self.articles
            .set(i64::try_from(articles).unwrap_or(i64::MAX));
        self.pending.set(i64::try_from(pending).unwrap_or(i64::MAX));
        self.oldest_pending
            .set(verdict.oldest_pending.map_or(0.0, |d| d.as_secs_f64()));
        self.placement_errors
            .set(i64::try_from(verdict.placement_errors).unwrap_or(i64::MAX));
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_tells_failures_and_lag() {
        let h = Health::default();
        let t0 = Instant::now();
        let limit = Duration::from_secs(60);
        assert!(h.verdict(t0, limit).ok);
        assert!(!h.needs_retry());
        h.committed(t0);
        h.committed(t0 + Duration::from_secs(5)); // the oldest stays the first
        let v = h.verdict(t0 + Duration::from_secs(30), limit);
        assert!(v.ok, "{v:?}");
        assert_eq!(v.oldest_pending, Some(Duration::from_secs(30)));
        let v = h.verdict(t0 + Duration::from_secs(61), limit);
        assert!(!v.ok);
        assert!(
            v.reason.as_deref().is_some_and(|r| r.contains("lags")),
            "{v:?}"
        );
        h.failed("boom".into());
        let v = h.verdict(t0 + Duration::from_secs(1), limit);
        assert!(!v.ok && v.reason.as_deref().is_some_and(|r| r.contains("boom")));
        assert_eq!(v.placement_errors, 1);
        assert!(h.needs_retry());
        h.placed(t0 + Duration::from_secs(2), false);
        let v = h.verdict(t0 + Duration::from_secs(100), limit);
        assert!(v.ok && v.oldest_pending.is_none(), "{v:?}");
        assert_eq!(v.placement_errors, 1, "errors are counted, not forgotten");
        assert!(!h.needs_retry());
    }

    #[test]
    fn metrics_render_as_openmetrics_text() {
        let m = Metrics::default();
        let l = RouteLabels {
            method: "GET".into(),
            route: "/healthz".into(),
            status: "2xx".into(),
        };
        m.requests.get_or_create(&l).inc();
        m.latency.get_or_create(&l).observe(0.002);
        let v = Verdict {
            ok: true,
            reason: None,
            oldest_pending: Some(Duration::from_millis(1500)),
            placement_errors: 2,
        };
        let text = m.render(7, 3, &v);
        for want in [
            "corroborate_articles_stored 7",
            "corroborate_articles_pending 3",
            "corroborate_oldest_pending_age_seconds 1.5",
            "corroborate_placement_errors 2",
            "corroborate_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"2xx\"} 1",
            "corroborate_http_request_duration_seconds_bucket{le=\"0.005\",method=\"GET\",route=\"/healthz\",status=\"2xx\"} 1",
        ] {
            assert!(text.contains(want), "missing {want} in\n{text}");
        }
    }
}
