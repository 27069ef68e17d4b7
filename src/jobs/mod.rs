//! Work a session starts on the server and waits for: the session's job list
//! (`gtm_jobs()`), the progress events a REPL draws, and polling a job to its end.
//!
//! Bulk deletes and enrichments are asynchronous jobs on the server. Every job a session
//! starts is recorded in its [`Jobs`] with the last status seen; while a statement waits for
//! a job (or uploads rows) it reports [`Progress`] to the observer the embedding application
//! installed with [`Jobs::set_observer`] (the REPL draws a progress bar).

pub mod enrich;
mod progress;

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant, SystemTime};

pub use progress::{Observer, Progress};

use crate::client::{AudienceClient, JobStatus, PollConfig, RunStatus};
use crate::error::{Error, Result};

/// What a job does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    /// An enrichment (`CALL enrich`).
    Enrich,
    /// A bulk delete (`DELETE FROM`).
    Delete,
}

impl JobKind {
    /// `enrich` or `delete`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Enrich => "enrich",
            Self::Delete => "delete",
        }
    }
}

impl fmt::Display for JobKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A job this session started, with the last status it saw.
#[derive(Debug, Clone)]
pub struct JobRecord {
    /// The server's job id.
    pub job_id: String,
    /// What the job does.
    pub kind: JobKind,
    /// `folder.audience`.
    pub audience: String,
    /// The audience's id.
    pub audience_id: String,
    /// The last status seen.
    pub status: RunStatus,
    /// The last progress seen (0..=100).
    pub percent: Option<u8>,
    /// When the session started it.
    pub started_at: SystemTime,
    /// How long it had run when last seen.
    pub elapsed: Duration,
}

/// The jobs a session started and the observer of its progress. Cheap to clone; clones
/// share the list and the observer.
#[derive(Clone, Default)]
pub struct Jobs {
    inner: Arc<JobsInner>,
}

#[derive(Default)]
struct JobsInner {
    records: Mutex<Vec<JobRecord>>,
    observer: RwLock<Option<Observer>>,
}

impl fmt::Debug for Jobs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Jobs")
            .field("jobs", &self.list().len())
            .finish_non_exhaustive()
    }
}

/// How often a job is polled: from 200 ms, doubling to 5 s, with no deadline.
pub const DEFAULT_POLL: PollConfig = PollConfig {
    initial: Duration::from_millis(200),
    max: Duration::from_secs(5),
    deadline: None,
};

impl Jobs {
    /// Installs the function that receives [`Progress`] events (replacing any other).
    pub fn set_observer(&self, observer: Option<Observer>) {
        *self
            .inner
            .observer
            .write()
            .unwrap_or_else(PoisonError::into_inner) = observer;
    }

    /// Sends a progress event to the observer, if there is one.
    pub fn report(&self, progress: &Progress) {
        let observer = self
            .inner
            .observer
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        if let Some(observer) = observer {
            observer(progress);
        }
    }

    /// The jobs started so far, oldest first.
    pub fn list(&self) -> Vec<JobRecord> {
        self.inner
            .records
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Records a job the session just started.
    pub fn started(&self, job_id: &str, kind: JobKind, audience: &str, audience_id: &str) {
        self.inner
            .records
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(JobRecord {
                job_id: job_id.to_owned(),
                kind,
                audience: audience.to_owned(),
                audience_id: audience_id.to_owned(),
                status: RunStatus::Scheduled,
                percent: None,
                started_at: SystemTime::now(),
                elapsed: Duration::ZERO,
            });
    }

    fn seen(&self, status: &JobStatus, elapsed: Duration) {
        let mut records = self
            .inner
            .records
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(record) = records.iter_mut().rev().find(|r| r.job_id == status.id) {
            record.status = status.status.clone();
            record.percent = status.percent;
            record.elapsed = elapsed;
        }
    }

    /// Polls a job this session started until it ends (delays per `poll`), recording and
    /// reporting every status seen. Returns the last status and the time waited.
    ///
    /// # Errors
    /// A failed status request (after the client's retries), or the poll deadline.
    pub async fn wait(
        &self,
        client: &AudienceClient,
        record: (&str, JobKind, &str, &str),
        poll: &PollConfig,
    ) -> Result<(JobStatus, Duration)> {
        let (job_id, kind, audience, audience_id) = record;
        let started = Instant::now();
        let mut observe = |status: &JobStatus| {
            let elapsed = started.elapsed();
            self.seen(status, elapsed);
            self.report(&Progress::Job {
                job_id: status.id.clone(),
                kind,
                audience: audience.to_owned(),
                status: status.status.clone(),
                percent: status.percent,
                elapsed,
            });
        };
        let status = client
            .wait_for_job(audience_id, job_id, poll, &mut observe)
            .await
            .map_err(|e| {
                Error::remote(format!("waiting for {kind} job {job_id} on {audience}"), e)
            })?;
        Ok((status, started.elapsed()))
    }
}
