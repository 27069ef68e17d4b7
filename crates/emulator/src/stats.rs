//! Request counters per operationId, served at `GET /_emulator/stats`.

use std::collections::BTreeMap;
use std::sync::Mutex;

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::AppState;

/// Counts of requests served, by operationId (`Token` for the token endpoint).
#[derive(Debug, Default)]
pub(crate) struct Stats {
    counts: Mutex<BTreeMap<&'static str, u64>>,
}

impl Stats {
    /// Counts one request.
    pub(crate) fn count(&self, operation: &'static str) {
        *self.lock().entry(operation).or_default() += 1;
    }

    /// A copy of the counters.
    pub(crate) fn snapshot(&self) -> BTreeMap<String, u64> {
        self.lock()
            .iter()
            .map(|(k, v)| ((*k).to_owned(), *v))
            .collect()
    }

    /// Sets every counter back to zero.
    pub(crate) fn reset(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<&'static str, u64>> {
        self.counts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// `GET /_emulator/stats`: `{"requests": {"<operationId>": n, ...}, "total": n}`.
pub(crate) async fn get(State(state): State<AppState>) -> Response {
    let counts = state.stats.snapshot();
    let total: u64 = counts.values().sum();
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        json!({ "requests": counts, "total": total }).to_string(),
    )
        .into_response()
}

/// `DELETE /_emulator/stats`: resets the counters (for benchmarks measuring one phase).
pub(crate) async fn reset(State(state): State<AppState>) -> StatusCode {
    state.stats.reset();
    StatusCode::NO_CONTENT
}
