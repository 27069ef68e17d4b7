//! `cells('folder.audience')`: every cell of an audience with its state and error, one row
//! per cell, read page by page (a page of rows at a time in memory, whatever the audience's
//! size).

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use datafusion::arrow::array::{ArrayRef, BooleanBuilder, StringBuilder};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::catalog::{TableFunctionArgs, TableFunctionImpl, TableProvider};
use datafusion::common::{DataFusionError, Result};
use futures::stream::{self, BoxStream, StreamExt, TryStreamExt};

use super::table::{FunctionTable, Producer};
use super::{audience_arg, check_arity};
use crate::client::{Row, SearchRequest};
use crate::error::Error;
use crate::provider::{AudienceTable, GtmCatalog};

const USAGE: &str = "cells('folder.audience')";

static SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    Arc::new(Schema::new(vec![
        Field::new("row_id", DataType::Utf8, false),
        Field::new("column", DataType::Utf8, true),
        Field::new("column_id", DataType::Utf8, false),
        Field::new("value", DataType::Utf8, true),
        Field::new("state", DataType::Utf8, false),
        Field::new("error_summary", DataType::Utf8, true),
        Field::new("error_description", DataType::Utf8, true),
        Field::new("retryable", DataType::Boolean, true),
    ]))
});

/// The `cells` table function.
#[derive(Debug)]
pub(crate) struct CellsFunction {
    catalog: Arc<GtmCatalog>,
}

impl CellsFunction {
    pub(crate) fn new(catalog: Arc<GtmCatalog>) -> Self {
        Self { catalog }
    }
}

impl TableFunctionImpl for CellsFunction {
    fn call_with_args(&self, args: TableFunctionArgs<'_, '_>) -> Result<Arc<dyn TableProvider>> {
        check_arity(USAGE, args.exprs(), 1, 1)?;
        let reference = audience_arg(USAGE, &args.exprs()[0])?;
        let catalog = Arc::clone(&self.catalog);
        let audience = reference.clone();
        let producer: Producer = Arc::new(move || {
            let catalog = Arc::clone(&catalog);
            let audience = audience.clone();
            stream::once(async move {
                let table = catalog.resolve_audience(&audience).await?;
                Ok::<_, DataFusionError>(pages(table))
            })
            .try_flatten()
            .boxed()
        });
        Ok(Arc::new(FunctionTable::new(
            format!("cells({reference})"),
            &SCHEMA,
            producer,
        )))
    }
}

/// What each page needs.
struct Pages {
    table: Arc<AudienceTable>,
    /// Column id → SQL name.
    names: HashMap<String, String>,
    page_size: u32,
}

/// The audience's cells, one batch per page of rows.
fn pages(table: Arc<AudienceTable>) -> BoxStream<'static, Result<RecordBatch>> {
    let names = table
        .state()
        .layout
        .columns
        .iter()
        .map(|c| (c.column.id.clone(), c.name.clone()))
        .collect();
    let page_size = table.options().get().page_size;
    let pages = Arc::new(Pages {
        table,
        names,
        page_size,
    });
    stream::try_unfold(Some(1u32), move |page| {
        let pages = Arc::clone(&pages);
        async move {
            let Some(page) = page else {
                return Ok(None);
            };
            let state = pages.table.state();
            let request = SearchRequest {
                page,
                page_size: pages.page_size,
                ..SearchRequest::default()
            };
            let found = state
                .client
                .search_rows(&state.audience_id, &request)
                .await
                .map_err(|e| {
                    Error::remote(format!("reading the cells of {}", state.display_name), e)
                })?;
            // The server may cap the page size below what was asked.
            let size = u64::from(found.page_size.max(1));
            let more = !found.rows.is_empty() && u64::from(page) * size < found.total;
            let batch = cells_batch(&found.rows, &pages.names)?;
            Ok(Some((batch, more.then_some(page + 1))))
        }
    })
    .boxed()
}

/// One row per cell of `rows`.
fn cells_batch(rows: &[Row], names: &HashMap<String, String>) -> Result<RecordBatch> {
    let cells: usize = rows.iter().map(|r| r.cells.len()).sum();
    let mut row_id = StringBuilder::with_capacity(cells, cells * 36);
    let mut column = StringBuilder::new();
    let mut column_id = StringBuilder::with_capacity(cells, cells * 36);
    let mut value = StringBuilder::new();
    let mut state = StringBuilder::new();
    let mut summary = StringBuilder::new();
    let mut description = StringBuilder::new();
    let mut retryable = BooleanBuilder::with_capacity(cells);
    for row in rows {
        for cell in &row.cells {
            row_id.append_value(&row.id);
            column.append_option(names.get(&cell.column_id));
            column_id.append_value(&cell.column_id);
            value.append_option(cell.value_text());
            state.append_value(cell.state.as_str());
            summary.append_option(cell.error.as_ref().map(|e| &e.summary));
            description.append_option(cell.error.as_ref().map(|e| &e.description));
            retryable.append_option(cell.error.as_ref().map(|e| e.retryable));
        }
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(row_id.finish()),
        Arc::new(column.finish()),
        Arc::new(column_id.finish()),
        Arc::new(value.finish()),
        Arc::new(state.finish()),
        Arc::new(summary.finish()),
        Arc::new(description.finish()),
        Arc::new(retryable.finish()),
    ];
    Ok(RecordBatch::try_new(Arc::clone(&SCHEMA), columns)?)
}

#[cfg(test)]
mod tests {
    use datafusion::arrow::util::pretty::pretty_format_batches;
    use serde_json::json;

    use super::*;

    #[test]
    fn every_cell_is_a_row_with_its_state_and_error() {
        let rows: Vec<Row> = serde_json::from_value(json!([
            {"id": "r1", "type": "Row", "attributes": {"values": [
                {"columnId": "c1", "value": 42, "state": "RESULT"},
                {"columnId": "c2", "value": null, "state": "ERROR",
                 "errorDetails": {"summary": "Match failed", "description": "timeout", "retryable": true}}
            ]}},
            {"id": "r2", "type": "Row", "attributes": {"values": [
                {"columnId": "c1", "value": ["a", "b"], "state": "RESULT"},
                {"columnId": "c3", "value": null, "state": "BLANK"}
            ]}}
        ]))
        .unwrap();
        let names = HashMap::from([
            ("c1".to_owned(), "n".to_owned()),
            ("c2".to_owned(), "zoominfo_contact".to_owned()),
        ]);
        let batch = cells_batch(&rows, &names).unwrap();
        let text = pretty_format_batches(&[batch]).unwrap().to_string();
        let expected = [
            "+--------+------------------+-----------+-----------+--------+---------------+-------------------+-----------+",
            "| row_id | column           | column_id | value     | state  | error_summary | error_description | retryable |",
            "+--------+------------------+-----------+-----------+--------+---------------+-------------------+-----------+",
            "| r1     | n                | c1        | 42        | RESULT |               |                   |           |",
            "| r1     | zoominfo_contact | c2        |           | ERROR  | Match failed  | timeout           | true      |",
            "| r2     | n                | c1        | [\"a\",\"b\"] | RESULT |               |                   |           |",
            "| r2     |                  | c3        |           | BLANK  |               |                   |           |",
            "+--------+------------------+-----------+-----------+--------+---------------+-------------------+-----------+",
        ]
        .join("\n");
        assert_eq!(text, expected);
    }
}
