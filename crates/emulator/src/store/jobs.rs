//! Asynchronous jobs (enrichment, bulk row delete, audience population) as stored.
//!
//! A job's record says what it must do (`JobSpec`) and how far it got, so that a restarted
//! emulator resumes the jobs that were running when it stopped.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::now;
use crate::error::ApiResult;
use crate::model::RunStatus;

/// What a job does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "SCREAMING_SNAKE_CASE")]
pub(crate) enum JobSpec {
    /// `AUDIENCE_ENRICH`: compute the given columns for the given rows.
    AudienceEnrich {
        /// Internal numbers of the rows, in processing order.
        rows: Vec<i64>,
        /// Column ids to compute.
        columns: Vec<String>,
    },
    /// `ROW_DELETE`: delete rows.
    RowDelete {
        /// Internal numbers of the rows.
        rows: Vec<i64>,
    },
}

impl JobSpec {
    /// The job type's name (not part of the contract's job resource).
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Self::AudienceEnrich { .. } => "AUDIENCE_ENRICH",
            Self::RowDelete { .. } => "ROW_DELETE",
        }
    }

    /// How many rows the job works through.
    pub(crate) fn total(&self) -> usize {
        match self {
            Self::AudienceEnrich { rows, .. } | Self::RowDelete { rows } => rows.len(),
        }
    }
}

/// A job as stored.
#[derive(Debug, Clone)]
pub(crate) struct Job {
    pub(crate) id: String,
    pub(crate) audience_seq: i64,
    pub(crate) status: RunStatus,
    pub(crate) percent: u8,
    pub(crate) spec: JobSpec,
    /// Rows done so far.
    pub(crate) done: i64,
    pub(crate) cells_ok: i64,
    pub(crate) cells_failed: i64,
}

const SELECT: &str =
    "SELECT id, audience_seq, status, percent, spec, done, cells_ok, cells_failed FROM jobs";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Job> {
    let status: String = row.get(2)?;
    let spec: String = row.get(4)?;
    Ok(Job {
        id: row.get(0)?,
        audience_seq: row.get(1)?,
        status: status.parse().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e))
        })?,
        percent: row.get(3)?,
        spec: serde_json::from_str(&spec).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, Box::new(e))
        })?,
        done: row.get(5)?,
        cells_ok: row.get(6)?,
        cells_failed: row.get(7)?,
    })
}

/// Records a new SCHEDULED job; returns its id.
pub(crate) fn insert(conn: &Connection, audience_seq: i64, spec: &JobSpec) -> ApiResult<String> {
    let id = uuid::Uuid::new_v4().to_string();
    let ts = now();
    let json = serde_json::to_string(spec)
        .map_err(|e| crate::error::ApiError::internal(format!("job spec: {e}")))?;
    conn.execute(
        "INSERT INTO jobs (id, audience_seq, kind, status, percent, spec, total, created_at, \
         updated_at) VALUES (?1, ?2, ?3, 'SCHEDULED', 0, ?4, ?5, ?6, ?6)",
        params![id, audience_seq, spec.kind(), json, spec.total() as i64, ts],
    )?;
    Ok(id)
}

/// A job of an audience.
pub(crate) fn get(conn: &Connection, audience_seq: i64, id: &str) -> ApiResult<Option<Job>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE audience_seq = ?1 AND id = ?2"))?;
    Ok(stmt
        .query_row(params![audience_seq, id], from_row)
        .optional()?)
}

/// A job by id alone.
pub(crate) fn get_any(conn: &Connection, id: &str) -> ApiResult<Option<Job>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?;
    Ok(stmt.query_row([id], from_row).optional()?)
}

/// Jobs that had not finished (to resume after a restart), oldest first.
pub(crate) fn unfinished(conn: &Connection) -> ApiResult<Vec<Job>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE status IN ('SCHEDULED', 'RUNNING') ORDER BY created_at, rowid"
    ))?;
    let jobs = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(jobs)
}

/// Records progress.
pub(crate) fn update(
    conn: &Connection,
    id: &str,
    status: RunStatus,
    percent: u8,
    done: i64,
    cells_ok: i64,
    cells_failed: i64,
) -> ApiResult<()> {
    conn.execute(
        "UPDATE jobs SET status = ?1, percent = ?2, done = ?3, cells_ok = ?4, cells_failed = ?5, \
         updated_at = ?6 WHERE id = ?7",
        params![
            status.as_str(),
            percent,
            done,
            cells_ok,
            cells_failed,
            now(),
            id
        ],
    )?;
    Ok(())
}
