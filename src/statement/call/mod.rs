//! `CALL` procedures: columns that enrichment fills, match criteria, and enrichment itself.
//!
//! | procedure | result |
//! |---|---|
//! | `add_match_column('folder.audience', 'name' [, data_type => 'ZI_CONTACT_ID'])` | the new column: `column`, `name`, `column_id`, `column_type`, `data_type` |
//! | `add_ai_column('folder.audience', 'name', prompt => '…' [, tool => 'AI_WEB_RESEARCH'] [, depends_on => ['column', 'kb:<id>', …]] [, data_type => 'TEXT'])` | the same |
//! | `add_formula_column('folder.audience', 'name', expression => '…' [, prompt => '…'] [, data_type => 'TEXT'])` | the same |
//! | `set_match_criteria('folder.audience' [, column => 'MATCH_FIELD', …])` | the criteria: `column`, `mapped_to`, `match_column` |
//! | `enrich('folder.audience' [, columns => [...]] [, rows => 'all' \| 'blank' \| 'errors' \| 'retryable'] [, wait => true])` | one row: `job_id`, `status`, `percent`, `elapsed`, `rows`, cells by state |
//!
//! Arguments are checked when the statement is planned; the procedure's requests are sent
//! when its result is collected (so `EXPLAIN` and planning send nothing). Procedures that
//! change columns reload the catalog so that the tables show them.

mod args;
mod columns;
mod enrich;

use std::future::Future;
use std::sync::Arc;

use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::dataframe::DataFrame;
use datafusion::error::DataFusionError;
use datafusion::sql::sqlparser::ast::Function;

use super::output::{TaskExec, task_frame};
use crate::error::{Error, Result};
use crate::provider::GtmCatalog;
use crate::session::GtmSession;

/// Plans one procedure's `CALL`.
type Plan = fn(&GtmSession, &Function) -> Result<DataFrame>;

/// The procedures, by name, with how each is planned.
const PROCEDURES: &[(&str, Plan)] = &[
    ("add_ai_column", columns::add_ai_column),
    ("add_formula_column", columns::add_formula_column),
    ("add_match_column", columns::add_match_column),
    ("enrich", enrich::enrich),
    ("set_match_criteria", columns::set_match_criteria),
];

/// Runs `CALL name(args…)`: checks the arguments now, returns a DataFrame that does the work
/// when collected.
pub(crate) async fn run(session: &GtmSession, call: &Function) -> Result<DataFrame> {
    let name = call
        .name
        .0
        .last()
        .and_then(|part| part.as_ident())
        .map(|ident| ident.value.to_lowercase())
        .unwrap_or_default();
    match PROCEDURES.iter().find(|(n, _)| *n == name) {
        Some((_, plan)) => plan(session, call),
        None => Err(Error::Invalid(format!(
            "unknown procedure {}; the procedures are {}",
            call.name,
            PROCEDURES
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// A DataFrame that runs `work` with the session's catalog when collected, once per
/// execution.
fn procedure_frame<R, F, Fut>(
    session: &GtmSession,
    label: String,
    schema: SchemaRef,
    request: R,
    work: F,
) -> Result<DataFrame>
where
    R: Send + Sync + 'static,
    F: Fn(Arc<GtmCatalog>, Arc<R>) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<RecordBatch>> + Send + 'static,
{
    let catalog = Arc::clone(session.catalog());
    let request = Arc::new(request);
    let exec = TaskExec::new(
        label,
        schema,
        Arc::new(move |_context| {
            let future = work(Arc::clone(&catalog), Arc::clone(&request));
            Box::pin(async move { future.await.map_err(DataFusionError::from) })
        }),
    );
    Ok(task_frame(session.context(), exec)?)
}
