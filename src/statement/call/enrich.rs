//! `CALL enrich('folder.audience' [, columns => […]] [, rows => 'all' | 'blank' | 'errors' |
//! 'retryable'] [, wait => true])`: the arguments as [`EnrichOptions`], the outcome as one
//! row. The work itself is [`crate::jobs::enrich`].

use std::sync::{Arc, LazyLock};

use datafusion::arrow::array::{ArrayRef, Float64Array, Int64Array, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::common::TableReference;
use datafusion::dataframe::DataFrame;
use datafusion::sql::sqlparser::ast::Function;

use super::args::{Param, Signature};
use super::procedure_frame;
use crate::error::Result;
use crate::jobs::enrich::{EnrichOptions, EnrichOutcome, RowSelection, enrich as run_enrich};
use crate::provider::GtmCatalog;
use crate::session::GtmSession;

static ENRICH: Signature = Signature {
    procedure: "enrich",
    params: &[
        Param {
            name: "audience",
            form: "'folder.audience'",
            required: true,
            positional: true,
        },
        Param {
            name: "columns",
            form: "['column', …]",
            required: false,
            positional: false,
        },
        Param {
            name: "rows",
            form: "'all' | 'blank' | 'errors' | 'retryable'",
            required: false,
            positional: false,
        },
        Param {
            name: "wait",
            form: "true | false",
            required: false,
            positional: false,
        },
    ],
    more_named: None,
};

/// The one row `CALL enrich` returns: the job id (several, comma-separated, when more than
/// `MAX_ROWS_PER_REQUEST` rows were selected), its final status, progress, seconds elapsed,
/// the rows enriched, and the enriched cells by state (`retryable` counts the ERROR cells
/// that may succeed on a retry). `status` is `NOTHING_TO_DO` (and `job_id` NULL) when no row
/// was in scope; the cell counts are NULL with `wait => false`.
static SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    Arc::new(Schema::new(vec![
        Field::new("job_id", DataType::Utf8, true),
        Field::new("status", DataType::Utf8, false),
        Field::new("percent", DataType::Int64, true),
        Field::new("elapsed", DataType::Float64, false),
        Field::new("rows", DataType::Int64, false),
        Field::new("result", DataType::Int64, true),
        Field::new("no_result", DataType::Int64, true),
        Field::new("error", DataType::Int64, true),
        Field::new("retryable", DataType::Int64, true),
        Field::new("blank", DataType::Int64, true),
        Field::new("loading", DataType::Int64, true),
    ]))
});

/// What `status` says when nothing was in scope.
const NOTHING_TO_DO: &str = "NOTHING_TO_DO";

struct EnrichCall {
    audience: TableReference,
    options: EnrichOptions,
}

/// Plans `CALL enrich(…)`.
pub(super) fn enrich(session: &GtmSession, call: &Function) -> Result<DataFrame> {
    let args = ENRICH.bind(call)?;
    let audience = args.audience()?;
    let rows = match args.text("rows")? {
        Some(text) => text
            .parse::<RowSelection>()
            .map_err(|e| args.error("rows", e))?,
        None => RowSelection::All,
    };
    let options = EnrichOptions {
        columns: args.text_list("columns")?,
        rows,
        wait: args.boolean("wait")?.unwrap_or(true),
        ..EnrichOptions::default()
    };
    let label = format!("CallExec: enrich({audience}, rows => {rows})");
    procedure_frame(
        session,
        label,
        Arc::clone(&SCHEMA),
        EnrichCall { audience, options },
        |catalog, call| async move { run(&catalog, &call).await },
    )
}

async fn run(catalog: &GtmCatalog, call: &EnrichCall) -> Result<RecordBatch> {
    let table = catalog.resolve_audience(&call.audience).await?;
    let options = EnrichOptions {
        page_size: table.options().get().page_size,
        ..call.options.clone()
    };
    let outcome = run_enrich(table.state(), catalog.jobs(), &options).await?;
    outcome_batch(&outcome)
}

fn outcome_batch(outcome: &EnrichOutcome) -> Result<RecordBatch> {
    let job_id = (!outcome.job_ids.is_empty()).then(|| outcome.job_ids.join(","));
    let status = outcome
        .status
        .as_ref()
        .map_or(NOTHING_TO_DO, |s| s.as_str())
        .to_owned();
    let count = |f: fn(&crate::jobs::enrich::CellCounts) -> u64| -> ArrayRef {
        Arc::new(Int64Array::from(vec![
            outcome
                .cells
                .as_ref()
                .map(|c| i64::try_from(f(c)).unwrap_or(i64::MAX)),
        ]))
    };
    Ok(RecordBatch::try_new(
        Arc::clone(&SCHEMA),
        vec![
            Arc::new(StringArray::from(vec![job_id])),
            Arc::new(StringArray::from(vec![status])),
            Arc::new(Int64Array::from(vec![outcome.percent.map(i64::from)])),
            Arc::new(Float64Array::from(vec![outcome.elapsed.as_secs_f64()])),
            Arc::new(Int64Array::from(vec![
                i64::try_from(outcome.rows).unwrap_or(i64::MAX),
            ])),
            count(|c| c.result),
            count(|c| c.no_result),
            count(|c| c.error),
            count(|c| c.retryable),
            count(|c| c.blank),
            count(|c| c.loading),
        ],
    )?)
}
