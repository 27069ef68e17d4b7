//! An opt-in record of request bodies by operationId, for tests that check what a client
//! actually sent on the wire (e.g. exactly which row ids an enrichment named).
//!
//! Off by default ([`EmulatorConfig::with_request_log`](crate::EmulatorConfig::with_request_log)):
//! when off, the gateway does not touch request bodies at all. When on, every request routed
//! to an operation has its body recorded as the gateway receives it, rejected ones included
//! (the same requests `/_emulator/stats` counts), in arrival order.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use serde_json::Value;

/// Request bodies by operationId.
#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    enabled: bool,
    bodies: Mutex<BTreeMap<&'static str, Vec<Value>>>,
}

impl RequestLog {
    /// A log that records when `enabled`.
    pub(crate) fn new(enabled: bool) -> Self {
        Self {
            enabled,
            bodies: Mutex::default(),
        }
    }

    /// Whether bodies are recorded.
    pub(crate) fn enabled(&self) -> bool {
        self.enabled
    }

    /// Records one request body: JSON as parsed, an empty body as `null`, anything else as a
    /// JSON string of its (lossy UTF-8) text. Does nothing when the log is off.
    pub(crate) fn record(&self, operation: &'static str, body: &[u8]) {
        if !self.enabled {
            return;
        }
        let value = if body.iter().all(u8::is_ascii_whitespace) {
            Value::Null
        } else {
            serde_json::from_slice(body)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(body).into_owned()))
        };
        self.lock().entry(operation).or_default().push(value);
    }

    /// The bodies recorded for `operation`, oldest first.
    pub(crate) fn get(&self, operation: &str) -> Vec<Value> {
        self.lock().get(operation).cloned().unwrap_or_default()
    }

    fn lock(&self) -> MutexGuard<'_, BTreeMap<&'static str, Vec<Value>>> {
        self.bodies.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn records_bodies_by_operation_in_order() {
        let log = RequestLog::new(true);
        log.record("Audiences_enrichAudience", br#"{"data": {"scope": "ROW"}}"#);
        log.record("Audiences_enrichAudience", b"");
        log.record("Rows_listRows", b"not json");
        assert_eq!(
            log.get("Audiences_enrichAudience"),
            vec![json!({"data": {"scope": "ROW"}}), Value::Null]
        );
        assert_eq!(log.get("Rows_listRows"), vec![json!("not json")]);
        assert!(log.get("Folders_listFolders").is_empty());
    }

    #[test]
    fn records_nothing_when_off() {
        let log = RequestLog::default();
        assert!(!log.enabled());
        log.record("Audiences_enrichAudience", b"{}");
        assert!(log.get("Audiences_enrichAudience").is_empty());
    }
}
