//! Jobs: enrichment requests, job status and polling.

use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize};

use super::document::{Doc, NewResource, Resource};

open_enum! {
    /// A job's state (`RunStatus`): SCHEDULED → RUNNING → SUCCEEDED, PARTIALLY_SUCCEEDED,
    /// FAILED or CANCELLED.
    pub enum RunStatus {
        /// Waiting to start.
        Scheduled = "SCHEDULED",
        /// Running.
        Running = "RUNNING",
        /// Done; every cell succeeded.
        Succeeded = "SUCCEEDED",
        /// Done; some cells failed.
        PartiallySucceeded = "PARTIALLY_SUCCEEDED",
        /// Done; everything failed.
        Failed = "FAILED",
        /// Cancelled.
        Cancelled = "CANCELLED",
    }
}

impl RunStatus {
    /// Whether the job has finished. Unknown states count as not finished.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            Self::Succeeded | Self::PartiallySucceeded | Self::Failed | Self::Cancelled
        )
    }
}

/// A job's status (`GET .../jobs/{jobId}`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "Resource<JobAttributes, Option<serde_json::Value>>")]
pub struct JobStatus {
    /// The job id.
    pub id: String,
    /// Its state.
    pub status: RunStatus,
    /// Its progress, 0–100 (`percentProgress`; not reported by every job type).
    pub percent: Option<u8>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct JobAttributes {
    status: RunStatus,
    #[serde(default, deserialize_with = "percent")]
    percent_progress: Option<u8>,
}

impl From<Resource<JobAttributes, Option<serde_json::Value>>> for JobStatus {
    fn from(r: Resource<JobAttributes, Option<serde_json::Value>>) -> Self {
        Self {
            id: r.id,
            status: r.attributes.status,
            percent: r.attributes.percent_progress,
        }
    }
}

/// What to enrich.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnrichScope {
    /// Every row of the audience.
    Audience,
    /// These rows (at least one).
    Rows(Vec<String>),
}

/// An enrichment request (`POST .../actions/enrich`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrichRequest {
    /// Which rows.
    pub scope: EnrichScope,
    /// Which columns (default: every ZOOMINFO_MATCH, AI and FORMULA column).
    pub columns: Option<Vec<String>>,
}

#[derive(Debug, Serialize)]
struct EnrichAttrs<'a> {
    scope: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rows: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    columns: Option<&'a [String]>,
}

/// The body of an enrichment request.
pub(crate) fn enrich_body(request: &EnrichRequest) -> impl Serialize + '_ {
    let (scope, rows) = match &request.scope {
        EnrichScope::Audience => ("AUDIENCE", None),
        EnrichScope::Rows(rows) => ("ROW", Some(rows.as_slice())),
    };
    Doc {
        data: NewResource::new(
            "AudienceEnrichment",
            EnrichAttrs {
                scope,
                rows,
                columns: request.columns.as_deref(),
            },
        ),
    }
}

/// How [`wait_for_job`](crate::client::AudienceClient::wait_for_job) polls: the delay starts
/// at `initial` and doubles up to `max`; after `deadline` (if any) it gives up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollConfig {
    /// The first delay. Default 200 ms.
    pub initial: Duration,
    /// The longest delay. Default 5 s.
    pub max: Duration,
    /// Give up with [`Error::Timeout`](crate::client::Error::Timeout) after this long.
    /// Default `None` (wait as long as it takes).
    pub deadline: Option<Duration>,
}

impl Default for PollConfig {
    fn default() -> Self {
        Self {
            initial: Duration::from_millis(200),
            max: Duration::from_secs(5),
            deadline: None,
        }
    }
}

/// `percentProgress`: a number 0–100 (clamped; fractions rounded down).
fn percent<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u8>, D::Error> {
    Ok(Option::<serde_json::Value>::deserialize(d)?
        .and_then(|v| v.as_f64())
        .filter(|f| f.is_finite())
        // Clamped to 0..=100 first, so the cast is exact.
        .map(|f| f.clamp(0.0, 100.0) as u8))
}
