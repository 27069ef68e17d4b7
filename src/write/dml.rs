//! `UPDATE` and `DELETE` on audiences (DataFusion's DML hooks), and `INSERT` planned by
//! DataFusion itself (e.g. `DataFrame::write_table`).
//!
//! Both statements first find their rows with an ordinary query over the audience, so the
//! `WHERE` clause is pushed to the server exactly as a `SELECT`'s would be (and re-checked
//! locally wherever the server's answer is only a superset). All ids are collected before
//! anything changes, so that writes cannot shift the pages being read. Then `UPDATE`
//! evaluates its `SET` expressions on those rows and bulk-upserts them by id (idempotent, so
//! retried safely); `DELETE` starts bulk-delete jobs of up to [`MAX_DELETE_ROWS`] ids and
//! waits for each. Nothing remote happens at planning time: `EXPLAIN UPDATE …` changes
//! nothing.

use std::sync::Arc;

use datafusion::arrow::array::{Array, AsArray};
use datafusion::arrow::datatypes::DataType as ArrowType;
use datafusion::catalog::Session;
use datafusion::catalog::default_table_source::provider_as_source;
use datafusion::common::{DataFusionError, Result};
use datafusion::logical_expr::dml::InsertOp;
use datafusion::logical_expr::utils::conjunction;
use datafusion::logical_expr::{Expr, LogicalPlanBuilder, col};
use datafusion::physical_plan::{ExecutionPlan, execute_stream};
use futures::{FutureExt, TryStreamExt};

use super::convert::TargetColumn;
use super::load::{Load, Target};
use crate::client::{MAX_DELETE_ROWS, RunStatus};
use crate::error::Error;
use crate::jobs::{DEFAULT_POLL, JobKind, Progress};
use crate::provider::AudienceTable;
use crate::provider::naming::ROW_ID;
use crate::statement::output::{TaskExec, count_batch, count_schema};

/// The plan of `DELETE FROM audience WHERE filters`.
pub(crate) async fn delete(
    table: &AudienceTable,
    state: &dyn Session,
    filters: Vec<Expr>,
) -> Result<Arc<dyn ExecutionPlan>> {
    let finder = find_rows(table, state, &filters, Vec::new()).await?;
    let label = format!(
        "AudienceDeleteExec: audience={}, where={}",
        table.state().display_name,
        describe_filters(&filters)
    );
    let table = table.clone();
    Ok(Arc::new(TaskExec::new(
        label,
        count_schema(),
        Arc::new(move |context| {
            let table = table.clone();
            let finder = Arc::clone(&finder);
            async move {
                let ids = collect_ids(execute_stream(finder, context)?).await?;
                let deleted = delete_ids(&table, &ids).await?;
                count_batch(deleted)
            }
            .boxed()
        }),
    )))
}

/// The plan of `UPDATE audience SET assignments WHERE filters`.
pub(crate) async fn update(
    table: &AudienceTable,
    state: &dyn Session,
    assignments: Vec<(String, Expr)>,
    filters: Vec<Expr>,
) -> Result<Arc<dyn ExecutionPlan>> {
    let layout = &table.state().layout;
    let mut targets = vec![Target::RowId];
    for (name, _) in &assignments {
        let column = layout
            .index_of(name)
            .and_then(|i| layout.column_at(i))
            .ok_or_else(|| {
                DataFusionError::from(Error::Invalid(format!(
                    "{} has no column {name} to SET",
                    table.state().display_name
                )))
            })?;
        let target = TargetColumn::new(&column.name, &column.column)
            .map_err(|e| DataFusionError::from(Error::Invalid(e)))?;
        targets.push(Target::Column(target));
    }
    let label = format!(
        "AudienceUpdateExec: audience={}, set=[{}], where={}",
        table.state().display_name,
        assignments
            .iter()
            .map(|(c, e)| format!("{c} = {e}"))
            .collect::<Vec<_>>()
            .join(", "),
        describe_filters(&filters)
    );
    let values = assignments
        .into_iter()
        .map(|(name, expr)| expr.alias(name))
        .collect();
    let finder = find_rows(table, state, &filters, values).await?;
    Ok(load_exec(table, targets, label, finder))
}

/// The plan of an `INSERT` DataFusion planned (its input has every column of the table,
/// `_row_id` first, NULL where the statement gave nothing): a load of every writable column.
/// Columns GTM Studio fills (match, AI, formula) must be NULL.
pub(crate) fn insert(
    table: &AudienceTable,
    input: Arc<dyn ExecutionPlan>,
    op: InsertOp,
) -> Result<Arc<dyn ExecutionPlan>> {
    if op != InsertOp::Append {
        return Err(Error::Invalid(format!(
            "audiences support INSERT INTO only, not {op}; use INSERT … ON CONFLICT (key) DO UPDATE to update"
        ))
        .into());
    }
    let layout = &table.state().layout;
    let mut targets = vec![Target::RowId];
    for column in &layout.columns {
        targets.push(match TargetColumn::new(&column.name, &column.column) {
            Ok(target) => Target::Column(target),
            Err(reason) => Target::ReadOnly {
                name: column.name.clone(),
                reason,
            },
        });
    }
    let label = format!(
        "AudienceInsertExec: audience={}, columns=all",
        table.state().display_name
    );
    Ok(load_exec(table, targets, label, input))
}

/// A plan reading `_row_id` and `values` from the rows that match every filter: a query
/// over the table, so filters are pushed down (and re-checked) as for a `SELECT`.
async fn find_rows(
    table: &AudienceTable,
    state: &dyn Session,
    filters: &[Expr],
    values: Vec<Expr>,
) -> Result<Arc<dyn ExecutionPlan>> {
    let source = provider_as_source(Arc::new(table.clone()));
    let mut builder = LogicalPlanBuilder::scan(table.state().display_name.as_str(), source, None)?;
    if let Some(predicate) = conjunction(filters.iter().cloned()) {
        builder = builder.filter(predicate)?;
    }
    let mut projection = vec![col(ROW_ID)];
    projection.extend(values);
    let plan = builder.project(projection)?.build()?;
    state.create_physical_plan(&plan).await
}

/// Every `_row_id` of a stream whose first column is `_row_id`.
async fn collect_ids(
    stream: datafusion::execution::SendableRecordBatchStream,
) -> Result<Vec<String>> {
    let batches: Vec<_> = stream.try_collect().await?;
    let mut ids = Vec::new();
    for batch in batches {
        let column = batch.column(0);
        match column.data_type() {
            ArrowType::Utf8View => {
                let array = column.as_string_view();
                ids.extend(
                    (0..array.len())
                        .filter(|&i| array.is_valid(i))
                        .map(|i| array.value(i).to_owned()),
                );
            }
            ArrowType::Utf8 => {
                let array = column.as_string::<i32>();
                ids.extend(
                    (0..array.len())
                        .filter(|&i| array.is_valid(i))
                        .map(|i| array.value(i).to_owned()),
                );
            }
            other => {
                return Err(DataFusionError::Internal(format!(
                    "_row_id read as {other}, not text"
                )));
            }
        }
    }
    Ok(ids)
}

/// Deletes rows by id with bulk-delete jobs, waiting for each; returns how many went.
async fn delete_ids(table: &AudienceTable, ids: &[String]) -> Result<u64> {
    let state = table.state();
    let jobs = table.jobs();
    let total = ids.len() as u64;
    let mut deleted = 0u64;
    for chunk in ids.chunks(MAX_DELETE_ROWS) {
        let not_done = |deleted: u64| {
            format!(
                "{deleted} of the {total} rows were deleted before this; the others are still there"
            )
        };
        let job_id = state
            .client
            .delete_rows(&state.audience_id, chunk)
            .await
            .map_err(|e| {
                let progress = if e.is_maybe_committed() {
                    format!(
                        "{deleted} of the {total} rows were deleted before this; whether the next {} were is unknown, the others are still there",
                        chunk.len()
                    )
                } else {
                    not_done(deleted)
                };
                Error::remote(
                    format!("deleting rows from {} ({progress})", state.display_name),
                    e,
                )
            })?;
        jobs.started(
            &job_id,
            JobKind::Delete,
            &state.display_name,
            &state.audience_id,
        );
        let (status, _) = jobs
            .wait(
                &state.client,
                (
                    &job_id,
                    JobKind::Delete,
                    &state.display_name,
                    &state.audience_id,
                ),
                &DEFAULT_POLL,
            )
            .await?;
        if status.status != RunStatus::Succeeded {
            return Err(Error::Invalid(format!(
                "the delete job {job_id} on {} ended {}; {}",
                state.display_name,
                status.status.as_str(),
                not_done(deleted)
            ))
            .into());
        }
        deleted += chunk.len() as u64;
        state.add_rows(-i64::try_from(chunk.len()).unwrap_or(i64::MAX));
        jobs.report(&Progress::Rows {
            action: "delete",
            audience: state.display_name.clone(),
            done: deleted,
            total,
        });
    }
    Ok(deleted)
}

fn describe_filters(filters: &[Expr]) -> String {
    match conjunction(filters.iter().cloned()) {
        Some(predicate) => format!("[{predicate}]"),
        None => "all".to_owned(),
    }
}

/// A plan that loads `input`'s rows into the table's `targets` and yields the count written.
fn load_exec(
    table: &AudienceTable,
    targets: Vec<Target>,
    label: String,
    input: Arc<dyn ExecutionPlan>,
) -> Arc<dyn ExecutionPlan> {
    let load = Arc::new(
        Load::new(Arc::clone(table.state()), table.jobs().clone(), targets)
            .with_concurrency(table.options().get().concurrency),
    );
    Arc::new(TaskExec::new(
        label,
        count_schema(),
        Arc::new(move |context| {
            let load = Arc::clone(&load);
            let input = Arc::clone(&input);
            async move {
                let report = load.run(execute_stream(input, context)?).await?;
                count_batch(report.written())
            }
            .boxed()
        }),
    ))
}
