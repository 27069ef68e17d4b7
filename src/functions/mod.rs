//! Table functions over audiences and the session:
//!
//! | function | rows |
//! |---|---|
//! | `cells('folder.audience')` | one per cell: `row_id`, `column`, `column_id`, `value` (as text), `state`, `error_summary`, `error_description`, `retryable` |
//! | `filter_metadata('folder.audience')` | one per column and filter operator: `column`, `column_id`, `operator`, `multiple`, `value_count_limit`, `min_char_limit` |
//! | `data_dependencies('folder.audience' [, 'AI_TOOL'])` | one per context source an AI column with that tool may read: `id`, `name`, `kind`, `data_type`, `description`, `column`, `depends_on` |
//! | `gtm_jobs()` | one per job the session started: `job_id`, `kind`, `audience`, `status`, `percent`, `started_at`, `elapsed` |
//!
//! The audience may also be written unquoted (`cells(events.booth_scans)`). Arguments are
//! checked when the query is planned; the requests are sent only when it runs.

mod cells;
mod data_dependencies;
mod filter_metadata;
mod gtm_jobs;
mod table;

use std::sync::Arc;

use datafusion::arrow::record_batch::RecordBatch;
use datafusion::common::{Result, ScalarValue, TableReference, plan_err};
use datafusion::logical_expr::Expr;
use datafusion::prelude::SessionContext;
use futures::future::BoxFuture;
use futures::stream::{self, BoxStream, StreamExt};

use crate::provider::GtmCatalog;

pub(crate) use data_dependencies::{DEFAULT_TOOL, parse_tool, resolve_dependencies};

/// Registers gtmsql's table functions in `ctx`.
pub fn register(ctx: &SessionContext, catalog: &Arc<GtmCatalog>) {
    ctx.register_udtf(
        "cells",
        Arc::new(cells::CellsFunction::new(Arc::clone(catalog))),
    );
    ctx.register_udtf(
        "filter_metadata",
        Arc::new(filter_metadata::FilterMetadataFunction::new(Arc::clone(
            catalog,
        ))),
    );
    ctx.register_udtf(
        "data_dependencies",
        Arc::new(data_dependencies::DataDependenciesFunction::new(
            Arc::clone(catalog),
        )),
    );
    ctx.register_udtf(
        "gtm_jobs",
        Arc::new(gtm_jobs::GtmJobsFunction::new(Arc::clone(catalog))),
    );
}

/// Checks a function's argument count against `min..=max`.
fn check_arity(usage: &str, args: &[Expr], min: usize, max: usize) -> Result<()> {
    if args.len() < min || args.len() > max {
        let expected = match (min, max) {
            (0, 0) => "no arguments".to_owned(),
            (a, b) if a == b => format!("{a} argument{}", if a == 1 { "" } else { "s" }),
            (a, b) => format!("{a} to {b} arguments"),
        };
        return plan_err!("{usage} takes {expected}, got {}", args.len());
    }
    Ok(())
}

/// A string literal argument.
fn text_arg(usage: &str, what: &str, arg: &Expr) -> Result<String> {
    match arg {
        Expr::Literal(
            ScalarValue::Utf8(Some(s))
            | ScalarValue::Utf8View(Some(s))
            | ScalarValue::LargeUtf8(Some(s)),
            _,
        ) => Ok(s.clone()),
        other => plan_err!("{usage}: {what} must be a string literal, not {other}"),
    }
}

/// The audience argument: `'folder.audience'`, or the unquoted name `folder.audience`.
fn audience_arg(usage: &str, arg: &Expr) -> Result<TableReference> {
    if let Expr::Column(column) = arg
        && let Some(relation) = &column.relation
    {
        let name = column.name.as_str();
        return Ok(match relation {
            TableReference::Bare { table } => TableReference::partial(table.as_ref(), name),
            TableReference::Partial { schema, table } => {
                TableReference::full(schema.as_ref(), table.as_ref(), name)
            }
            TableReference::Full { .. } => {
                return plan_err!("{usage}: {arg} is not an audience name (folder.audience)");
            }
        });
    }
    let text = text_arg(usage, "the audience ('folder.audience')", arg)?;
    if text.trim().is_empty() {
        return plan_err!("{usage}: the audience is empty; name one as 'folder.audience'");
    }
    Ok(TableReference::parse_str(&text))
}

/// A stream of the one batch `future` makes.
fn one_batch(
    future: BoxFuture<'static, Result<RecordBatch>>,
) -> BoxStream<'static, Result<RecordBatch>> {
    stream::once(future).boxed()
}
