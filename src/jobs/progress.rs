//! Progress events: what a long statement reports while it runs.

use std::sync::Arc;
use std::time::Duration;

use super::JobKind;
use crate::client::RunStatus;

/// A function receiving progress events; it must return quickly.
pub type Observer = Arc<dyn Fn(&Progress) + Send + Sync>;

/// One progress event.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Progress {
    /// A job's status was polled.
    Job {
        /// The job id.
        job_id: String,
        /// What it does.
        kind: JobKind,
        /// `folder.audience`.
        audience: String,
        /// Its status.
        status: RunStatus,
        /// Its progress (0..=100), when the server says.
        percent: Option<u8>,
        /// Time since the session started waiting.
        elapsed: Duration,
    },
    /// A scan read a page.
    Scan {
        /// `folder.audience`.
        audience: String,
        /// Rows read so far by this scan.
        rows: u64,
        /// Rows the scan expects in all (the server's total, capped by a pushed limit; for a
        /// scan of several searches, the largest total seen so far).
        total: u64,
    },
    /// Rows were written (upserted or deleted) by a statement.
    Rows {
        /// `upsert` or `delete`.
        action: &'static str,
        /// `folder.audience`.
        audience: String,
        /// Rows done so far.
        done: u64,
        /// Rows to do in all.
        total: u64,
    },
}
