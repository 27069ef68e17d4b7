//! `filter_metadata('folder.audience')`: the filter operators the server allows on each
//! column, with their limits, one row per column and operator (as the server says now, not
//! as cached by the table).

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use datafusion::arrow::array::{ArrayRef, BooleanBuilder, Int64Builder, StringBuilder};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::catalog::{TableFunctionArgs, TableFunctionImpl, TableProvider};
use datafusion::common::Result;

use super::table::{FunctionTable, Producer};
use super::{audience_arg, check_arity, one_batch};
use crate::client::ColumnFilterMetadata;
use crate::error::Error;
use crate::provider::GtmCatalog;

const USAGE: &str = "filter_metadata('folder.audience')";

static SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    Arc::new(Schema::new(vec![
        Field::new("column", DataType::Utf8, true),
        Field::new("column_id", DataType::Utf8, false),
        Field::new("operator", DataType::Utf8, false),
        Field::new("multiple", DataType::Boolean, false),
        Field::new("value_count_limit", DataType::Int64, true),
        Field::new("min_char_limit", DataType::Int64, true),
    ]))
});

/// The `filter_metadata` table function.
#[derive(Debug)]
pub(crate) struct FilterMetadataFunction {
    catalog: Arc<GtmCatalog>,
}

impl FilterMetadataFunction {
    pub(crate) fn new(catalog: Arc<GtmCatalog>) -> Self {
        Self { catalog }
    }
}

impl TableFunctionImpl for FilterMetadataFunction {
    fn call_with_args(&self, args: TableFunctionArgs<'_, '_>) -> Result<Arc<dyn TableProvider>> {
        check_arity(USAGE, args.exprs(), 1, 1)?;
        let reference = audience_arg(USAGE, &args.exprs()[0])?;
        let catalog = Arc::clone(&self.catalog);
        let audience = reference.clone();
        let producer: Producer = Arc::new(move || {
            let catalog = Arc::clone(&catalog);
            let audience = audience.clone();
            one_batch(Box::pin(async move {
                let table = catalog.resolve_audience(&audience).await?;
                let state = table.state();
                let metadata = state
                    .client
                    .filter_metadata(&state.audience_id)
                    .await
                    .map_err(|e| {
                        Error::remote(
                            format!("reading the filter metadata of {}", state.display_name),
                            e,
                        )
                    })?;
                let names: HashMap<&str, &str> = state
                    .layout
                    .columns
                    .iter()
                    .map(|c| (c.column.id.as_str(), c.name.as_str()))
                    .collect();
                metadata_batch(&metadata, &names)
            }))
        });
        Ok(Arc::new(FunctionTable::new(
            format!("filter_metadata({reference})"),
            &SCHEMA,
            producer,
        )))
    }
}

/// One row per column and operator; columns that are not filterable have none.
fn metadata_batch(
    metadata: &[ColumnFilterMetadata],
    names: &HashMap<&str, &str>,
) -> Result<RecordBatch> {
    let mut column = StringBuilder::new();
    let mut column_id = StringBuilder::new();
    let mut operator = StringBuilder::new();
    let mut multiple = BooleanBuilder::new();
    let mut count_limit = Int64Builder::new();
    let mut char_limit = Int64Builder::new();
    for entry in metadata.iter().filter(|m| m.is_filterable) {
        for op in &entry.operators {
            column.append_option(names.get(entry.column_id.as_str()));
            column_id.append_value(&entry.column_id);
            operator.append_value(op.operator.as_str());
            multiple.append_value(op.multiple);
            count_limit.append_option(op.value_count_limit.map(i64::from));
            char_limit.append_option(op.min_char_limit.map(i64::from));
        }
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(column.finish()),
        Arc::new(column_id.finish()),
        Arc::new(operator.finish()),
        Arc::new(multiple.finish()),
        Arc::new(count_limit.finish()),
        Arc::new(char_limit.finish()),
    ];
    Ok(RecordBatch::try_new(Arc::clone(&SCHEMA), columns)?)
}
