//! Request counters for `GET /metrics`, in Prometheus' text format
//! (version 0.0.4): requests by route and status class, their total
//! latency, documents stored by POST, and the store's size.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

#[derive(Default)]
pub struct Metrics {
    /// (route, status class "2xx") → (count, total seconds × 1e6).
    requests: Mutex<BTreeMap<(String, String), (u64, u64)>>,
    pub documents_stored: AtomicU64,
    pub documents_unchanged: AtomicU64,
    pub in_flight: AtomicU64,
}

impl Metrics {
    pub fn record(&self, route: &str, status: u16, micros: u64) {
        let class = format!("{}xx", status / 100);
        if let Ok(mut m) = self.requests.lock() {
            let e = m.entry((route.to_string(), class)).or_default();
            e.0 += 1;
            e.1 += micros;
        }
    }

    /// The text exposition, with the store's counts.
    pub fn render(&self, documents: usize, events: usize) -> String {
        let mut out = String::new();
        out += "# HELP sitrep_http_requests_total HTTP requests answered, by route and status class.\n";
        out += "# TYPE sitrep_http_requests_total counter\n";
        let reqs = self.requests.lock().map(|m| m.clone()).unwrap_or_default();
        for ((route, class), (n, _)) in &reqs {
            out += &format!(
                "sitrep_http_requests_total{{route=\"{}\",status=\"{class}\"}} {n}\n",
                escape(route)
            );
        }
        out += "# HELP sitrep_http_request_seconds_total Time spent answering, by route and status class.\n";
        out += "# TYPE sitrep_http_request_seconds_total counter\n";
        for ((route, class), (_, us)) in &reqs {
            out += &format!(
                "sitrep_http_request_seconds_total{{route=\"{}\",status=\"{class}\"}} {}\n",
                escape(route),
                *us as f64 / 1e6
            );
        }
        let gauge = |out: &mut String, name: &str, help: &str, kind: &str, v: u64| {
            *out += &format!("# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {v}\n");
        };
        gauge(
            &mut out,
            "sitrep_http_requests_in_flight",
            "Requests being answered now.",
            "gauge",
            self.in_flight.load(Ordering::Relaxed),
        );
        gauge(
            &mut out,
            "sitrep_documents_stored_total",
            "Documents coded and stored (new or replaced) through POST /api/documents.",
            "counter",
            self.documents_stored.load(Ordering::Relaxed),
        );
        gauge(
            &mut out,
            "sitrep_documents_unchanged_total",
            "Documents posted again unchanged (idempotent no-ops).",
            "counter",
            self.documents_unchanged.load(Ordering::Relaxed),
        );
        gauge(
            &mut out,
            "sitrep_store_documents",
            "Documents in the store.",
            "gauge",
            documents as u64,
        );
        gauge(
            &mut out,
            "sitrep_store_events",
            "Events in the store.",
            "gauge",
            events as u64,
        );
        out
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}
