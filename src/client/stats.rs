//! Request counters shared by every clone of a client, with snapshots and deltas.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// Counters of what a client sent and received. Cloning is cheap: clones share the counters.
#[derive(Debug, Clone, Default)]
pub struct ClientStats {
    inner: Arc<Counters>,
}

#[derive(Debug, Default)]
struct Counters {
    requests: AtomicU64,
    retries: AtomicU64,
    bytes_received: AtomicU64,
    bytes_sent: AtomicU64,
    throttle_waits: AtomicU64,
    by_operation: Mutex<BTreeMap<&'static str, u64>>,
}

/// The counters at one moment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatsSnapshot {
    /// HTTP requests sent (token requests and retries included).
    pub requests: u64,
    /// Requests sent again after a failure (including re-sends after a token refresh).
    pub retries: u64,
    /// Response body bytes received.
    pub bytes_received: u64,
    /// Request body bytes sent.
    pub bytes_sent: u64,
    /// Requests that waited for the client-side rate limiter before being sent.
    pub throttle_waits: u64,
    /// Requests by operation: the API's operationIds (`Rows_listRows`, ...) and `Token`.
    pub by_operation: BTreeMap<String, u64>,
}

impl ClientStats {
    /// The counters now.
    pub fn snapshot(&self) -> StatsSnapshot {
        let c = &self.inner;
        StatsSnapshot {
            requests: c.requests.load(Ordering::Relaxed),
            retries: c.retries.load(Ordering::Relaxed),
            bytes_received: c.bytes_received.load(Ordering::Relaxed),
            bytes_sent: c.bytes_sent.load(Ordering::Relaxed),
            throttle_waits: c.throttle_waits.load(Ordering::Relaxed),
            by_operation: c
                .by_operation
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .iter()
                .map(|(k, v)| ((*k).to_owned(), *v))
                .collect(),
        }
    }

    /// Counts a request of `operation` with a body of `bytes`.
    pub(crate) fn record_request(&self, operation: &'static str, bytes: usize) {
        let c = &self.inner;
        c.requests.fetch_add(1, Ordering::Relaxed);
        c.bytes_sent.fetch_add(bytes as u64, Ordering::Relaxed);
        *c.by_operation
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(operation)
            .or_insert(0) += 1;
    }

    /// Counts response body bytes.
    pub(crate) fn record_received(&self, bytes: usize) {
        self.inner
            .bytes_received
            .fetch_add(bytes as u64, Ordering::Relaxed);
    }

    /// Counts a retry.
    pub(crate) fn record_retry(&self) {
        self.inner.retries.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a request that waited for the rate limiter.
    pub(crate) fn record_throttle_wait(&self) {
        self.inner.throttle_waits.fetch_add(1, Ordering::Relaxed);
    }
}

impl StatsSnapshot {
    /// What happened between `earlier` and this snapshot (counters never go down, so each
    /// field is a difference, saturating at zero).
    pub fn since(&self, earlier: &Self) -> Self {
        Self {
            requests: self.requests.saturating_sub(earlier.requests),
            retries: self.retries.saturating_sub(earlier.retries),
            bytes_received: self.bytes_received.saturating_sub(earlier.bytes_received),
            bytes_sent: self.bytes_sent.saturating_sub(earlier.bytes_sent),
            throttle_waits: self.throttle_waits.saturating_sub(earlier.throttle_waits),
            by_operation: self
                .by_operation
                .iter()
                .filter_map(|(k, v)| {
                    let d = v.saturating_sub(earlier.by_operation.get(k).copied().unwrap_or(0));
                    (d > 0).then(|| (k.clone(), d))
                })
                .collect(),
        }
    }

    /// Requests of one operation.
    pub fn operation(&self, name: &str) -> u64 {
        self.by_operation.get(name).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_gives_deltas_and_drops_untouched_operations() {
        let stats = ClientStats::default();
        stats.record_request("Token", 30);
        stats.record_request("Rows_listRows", 100);
        stats.record_received(1000);
        let before = stats.snapshot();
        let clone = stats.clone();
        clone.record_request("Rows_listRows", 50);
        clone.record_retry();
        clone.record_throttle_wait();
        let delta = stats.snapshot().since(&before);
        assert_eq!(delta.requests, 1);
        assert_eq!(delta.retries, 1);
        assert_eq!(delta.throttle_waits, 1);
        assert_eq!(delta.bytes_sent, 50);
        assert_eq!(delta.bytes_received, 0);
        assert_eq!(delta.operation("Rows_listRows"), 1);
        assert!(!delta.by_operation.contains_key("Token"));
    }
}
