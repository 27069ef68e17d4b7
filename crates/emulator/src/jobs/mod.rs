//! Background jobs: enrichment and bulk row deletes, run at a configurable pace.
//!
//! A job is recorded SCHEDULED when accepted (enrichment also marks its target cells LOADING
//! in the same transaction, so the 202 and the LOADING cells are one atomic step). After
//! `schedule_delay` it turns RUNNING and works through its rows `step_rows` at a time, writing
//! each step's results in one transaction and raising `percentProgress`, with `step_delay`
//! between steps. It ends SUCCEEDED, PARTIALLY_SUCCEEDED (some cells ERROR) or FAILED
//! (every computed cell ERROR). Jobs survive a restart: unfinished ones resume where their
//! last committed step left them.

pub(crate) mod enrich;
pub(crate) mod formula;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::types::Value as SqlValue;
use tokio::task::JoinSet;

use crate::error::ApiResult;
use crate::graph::IdentityGraph;
use crate::model::{CellState, ColumnType, RunStatus};
use crate::store::Store;
use crate::store::audiences::{self, Audience};
use crate::store::columns::Column;
use crate::store::jobs::{self, Job, JobSpec};
use crate::store::rows::{self, state_code};

/// How fast jobs progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobPace {
    /// Time a job stays SCHEDULED. Default 150 ms.
    pub schedule_delay: Duration,
    /// Rows per step. Default 100.
    pub step_rows: usize,
    /// Pause between steps. Default 100 ms.
    pub step_delay: Duration,
}

impl Default for JobPace {
    fn default() -> Self {
        Self {
            schedule_delay: Duration::from_millis(150),
            step_rows: 100,
            step_delay: Duration::from_millis(100),
        }
    }
}

impl JobPace {
    /// As fast as possible (tests that do not watch progress).
    pub fn immediate() -> Self {
        Self {
            schedule_delay: Duration::ZERO,
            step_rows: 500,
            step_delay: Duration::ZERO,
        }
    }
}

/// What an enrichment should do.
#[derive(Debug, Clone)]
pub(crate) struct EnrichRequest {
    /// Internal numbers of the rows.
    pub(crate) rows: Vec<i64>,
    /// Column ids to compute (`None`: every ZOOMINFO_MATCH, FORMULA and AI column).
    pub(crate) columns: Option<Vec<String>>,
}

/// The columns an enrichment computes, match first, then in column order.
pub(crate) fn targets(audience: &Audience, columns: Option<&[String]>) -> Vec<usize> {
    let mut idx: Vec<usize> = audience
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.is_enrichable())
        .filter(|(_, c)| columns.is_none_or(|ids| ids.contains(&c.id)))
        .map(|(i, _)| i)
        .collect();
    idx.sort_by_key(|&i| {
        (
            audience.columns[i].column_type != ColumnType::ZoominfoMatch,
            i,
        )
    });
    idx
}

/// Records an enrichment job and marks its cells LOADING; returns the job id.
pub(crate) fn start_enrichment(
    conn: &Connection,
    audience: &Audience,
    request: EnrichRequest,
) -> ApiResult<String> {
    let target_cols: Vec<&Column> = targets(audience, request.columns.as_deref())
        .into_iter()
        .map(|i| &audience.columns[i])
        .collect();
    if !target_cols.is_empty() {
        let sets = target_cols
            .iter()
            .map(|c| {
                // The error column is kept: it tells the job whether a cell that was a
                // retryable ERROR is being retried.
                format!(
                    "{} = NULL, {} = {}",
                    c.value_col(),
                    c.state_col(),
                    state_code(CellState::Loading)
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        for chunk in request.rows.chunks(500) {
            let marks = vec!["?"; chunk.len()].join(",");
            conn.execute(
                &format!(
                    "UPDATE {} SET {sets} WHERE seq IN ({marks})",
                    rows::table(audience.seq)
                ),
                rusqlite::params_from_iter(chunk.iter()),
            )?;
        }
        audiences::rows_changed(conn, audience.seq, 0, None)?;
    }
    jobs::insert(
        conn,
        audience.seq,
        &JobSpec::AudienceEnrich {
            rows: request.rows,
            columns: target_cols.iter().map(|c| c.id.clone()).collect(),
        },
    )
}

/// Everything a job needs.
#[derive(Debug)]
pub(crate) struct JobContext {
    pub(crate) store: Store,
    pub(crate) graph: Arc<IdentityGraph>,
    pub(crate) pace: JobPace,
    pub(crate) tuning: enrich::Tuning,
}

/// Runs jobs in the background; dropping or shutting it down aborts them (they resume on
/// the next start).
#[derive(Debug)]
pub(crate) struct JobRunner {
    ctx: Arc<JobContext>,
    tasks: Mutex<JoinSet<()>>,
}

impl JobRunner {
    pub(crate) fn new(ctx: JobContext) -> Self {
        Self {
            ctx: Arc::new(ctx),
            tasks: Mutex::new(JoinSet::new()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, JoinSet<()>> {
        self.tasks
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Starts running a recorded job.
    pub(crate) fn submit(&self, job_id: String) {
        let ctx = Arc::clone(&self.ctx);
        let mut tasks = self.lock();
        while tasks.try_join_next().is_some() {}
        tasks.spawn(async move {
            if let Err(e) = run(&ctx, &job_id).await {
                tracing::error!(job = %job_id, error = %e, "job failed");
                let _ = ctx
                    .store
                    .write(move |db| {
                        if let Some(job) = jobs::get_any(db, &job_id)? {
                            jobs::update(
                                db,
                                &job.id,
                                RunStatus::Failed,
                                job.percent,
                                job.done,
                                job.cells_ok,
                                job.cells_failed,
                            )?;
                        }
                        Ok(())
                    })
                    .await;
            }
        });
    }

    /// Resumes the jobs a previous run left unfinished.
    pub(crate) async fn resume(&self) -> ApiResult<usize> {
        let open = self.ctx.store.read(jobs::unfinished).await?;
        let n = open.len();
        for job in open {
            self.submit(job.id);
        }
        Ok(n)
    }

    /// Stops every job (their state is in the store).
    pub(crate) fn shutdown(&self) {
        self.lock().abort_all();
    }
}

async fn run(ctx: &JobContext, job_id: &str) -> ApiResult<()> {
    let id = job_id.to_owned();
    let Some(mut job) = ctx.store.read(move |db| jobs::get_any(db, &id)).await? else {
        return Ok(());
    };
    if job.status == RunStatus::Scheduled {
        tokio::time::sleep(ctx.pace.schedule_delay).await;
        job.status = RunStatus::Running;
        save(ctx, &job).await?;
    }
    let total = job.spec.total();
    let step = ctx.pace.step_rows.max(1);
    while (job.done as usize) < total {
        let from = job.done as usize;
        let to = (from + step).min(total);
        let alive = match job.spec.clone() {
            JobSpec::AudienceEnrich { rows, columns } => {
                enrich_step(ctx, &mut job, rows[from..to].to_vec(), columns).await?
            }
            JobSpec::RowDelete { rows } => {
                let seqs = rows[from..to].to_vec();
                let aseq = job.audience_seq;
                ctx.store
                    .write(move |db| {
                        if audiences::get_by_seq(db, aseq)?.is_none() {
                            return Ok(false);
                        }
                        rows::delete(db, aseq, &seqs)?;
                        Ok(true)
                    })
                    .await?
            }
        };
        if !alive {
            // The audience went away under the job.
            job.status = RunStatus::Failed;
            save(ctx, &job).await?;
            return Ok(());
        }
        job.done = to as i64;
        job.percent = u8::try_from(to * 100 / total.max(1)).unwrap_or(100);
        if (job.done as usize) < total {
            // The last step's progress is written with the final status.
            job.percent = job.percent.min(99);
            save(ctx, &job).await?;
            tokio::time::sleep(ctx.pace.step_delay).await;
        }
    }
    job.percent = 100;
    job.status = if job.cells_failed == 0 {
        RunStatus::Succeeded
    } else if job.cells_ok == 0 {
        RunStatus::Failed
    } else {
        RunStatus::PartiallySucceeded
    };
    save(ctx, &job).await
}

async fn save(ctx: &JobContext, job: &Job) -> ApiResult<()> {
    let j = job.clone();
    ctx.store
        .write(move |db| {
            jobs::update(
                db,
                &j.id,
                j.status,
                j.percent,
                j.done,
                j.cells_ok,
                j.cells_failed,
            )
        })
        .await
}

/// Computes and writes one step of an enrichment; `false` when the audience is gone.
async fn enrich_step(
    ctx: &JobContext,
    job: &mut Job,
    seqs: Vec<i64>,
    columns: Vec<String>,
) -> ApiResult<bool> {
    let aseq = job.audience_seq;
    let loaded = ctx
        .store
        .read(move |db| {
            let Some(audience) = audiences::get_by_seq(db, aseq)? else {
                return Ok(None);
            };
            let all: Vec<&Column> = audience.columns.iter().collect();
            let rows = rows::read_by_seq(db, &audience, &all, &seqs)?;
            Ok(Some((audience, rows)))
        })
        .await?;
    let Some((audience, rows)) = loaded else {
        return Ok(false);
    };
    let targets = targets(&audience, Some(&columns));
    let graph = Arc::clone(&ctx.graph);
    let tuning = ctx.tuning;
    let results = tokio::task::spawn_blocking(move || {
        let mut engine = None;
        let outcomes: Vec<_> = rows
            .iter()
            .map(|row| {
                (
                    row.seq,
                    enrich::enrich_row(&audience, &targets, row, &graph, &mut engine, tuning),
                )
            })
            .collect();
        (audience, outcomes)
    })
    .await
    .map_err(|e| crate::error::ApiError::internal(format!("enrichment task: {e}")))?;
    let (audience, outcomes) = results;
    let mut ok = 0;
    let mut failed = 0;
    for (_, cells) in &outcomes {
        for cell in cells {
            match cell.state {
                CellState::Error => failed += 1,
                _ => ok += 1,
            }
        }
    }
    let alive = ctx
        .store
        .write(move |db| {
            if audiences::get_by_seq(db, audience.seq)?.is_none() {
                return Ok(false);
            }
            for (seq, cells) in &outcomes {
                for cell in cells {
                    rows::set_cell(
                        db,
                        audience.seq,
                        &audience.columns[cell.column],
                        *seq,
                        cell.value.as_ref().map(|v: &SqlValue| v),
                        cell.state,
                        cell.error.as_ref(),
                    )?;
                }
            }
            audiences::rows_changed(db, audience.seq, 0, None)?;
            Ok(true)
        })
        .await?;
    job.cells_ok += ok;
    job.cells_failed += failed;
    Ok(alive)
}
