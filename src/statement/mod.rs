//! Statements gtmsql plans itself instead of DataFusion: writes with value conversion and
//! `ON CONFLICT`, DDL on folders and audiences, and `CALL` procedures.
//!
//! [`intercept`] looks at a parsed statement before DataFusion plans it and returns a
//! DataFrame when the statement is gtmsql's; anything else (queries, `UPDATE`, `DELETE`,
//! statements on local tables) goes to DataFusion, which calls the audience tables' DML hooks.

mod call;
mod ddl;
mod insert;
pub(crate) mod output;

use datafusion::common::TableReference;
use datafusion::dataframe::DataFrame;
use datafusion::sql::parser::Statement as DFStatement;
use datafusion::sql::sqlparser::ast::{ObjectName, Statement as SqlStatement};

use crate::error::Result;
use crate::provider::{CATALOG, LOCAL_SCHEMA};
use crate::session::GtmSession;

/// The DataFrame of a statement gtmsql runs itself, or `None` for DataFusion's statements.
pub(crate) async fn intercept(
    session: &GtmSession,
    statement: &DFStatement,
) -> Result<Option<DataFrame>> {
    if let DFStatement::Explain(explain) = statement {
        // EXPLAIN of a statement gtmsql plans itself: explain gtmsql's plan.
        let DFStatement::Statement(inner) = explain.statement.as_ref() else {
            return Ok(None);
        };
        let frame = match inner.as_ref() {
            SqlStatement::Insert(insert) => insert::plan(session, insert).await?,
            SqlStatement::Call(function) => Some(call::run(session, function).await?),
            _ => None,
        };
        return frame
            .map(|f| f.explain(explain.options.verbose, explain.options.analyze))
            .transpose()
            .map_err(Into::into);
    }
    let DFStatement::Statement(inner) = statement else {
        return Ok(None);
    };
    match inner.as_ref() {
        SqlStatement::Call(function) => call::run(session, function).await.map(Some),
        SqlStatement::Insert(insert) => insert::plan(session, insert).await,
        other => ddl::run(session, other).await,
    }
}

/// A SQL object name as a table reference (identifiers normalized as DataFusion does:
/// unquoted ones lower-cased).
pub(crate) fn table_reference(name: &ObjectName) -> TableReference {
    let parts: Vec<String> = name
        .0
        .iter()
        .filter_map(|p| p.as_ident())
        .map(|ident| {
            if ident.quote_style.is_some() {
                ident.value.clone()
            } else {
                ident.value.to_lowercase()
            }
        })
        .collect();
    match parts.as_slice() {
        [table] => TableReference::bare(table.as_str()),
        [schema, table] => TableReference::partial(schema.as_str(), table.as_str()),
        [catalog, schema, table] => {
            TableReference::full(catalog.as_str(), schema.as_str(), table.as_str())
        }
        _ => TableReference::bare(name.to_string()),
    }
}

/// Whether a reference names something in a `gtm` folder (not the local schema, not another
/// catalog), given the session's default catalog and schema.
pub(crate) fn in_gtm_folder(session: &GtmSession, reference: &TableReference) -> bool {
    let state = session.context().state();
    let defaults = &state.config().options().catalog;
    let catalog = reference.catalog().unwrap_or(&defaults.default_catalog);
    let schema = reference.schema().unwrap_or(&defaults.default_schema);
    catalog == CATALOG && schema != LOCAL_SCHEMA && schema != "information_schema"
}
