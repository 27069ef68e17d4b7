//! What `\d`, `\dt`, `\dn` and `\d NAME` show: the session's schemas, tables and columns as
//! result tables, from the catalog's cached listings (`\d NAME` of an audience also reads
//! its filter metadata the first time, as a query would).

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, StringArray, UInt64Array};
use datafusion::arrow::datatypes::{Field, Schema};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::catalog::{CatalogProvider, SchemaProvider};
use datafusion::common::TableReference;

use crate::GtmSession;
use crate::error::{Error, Result};
use crate::provider::schema::{
    META_COLUMN_TYPE, META_DATA_TYPE, META_DISPLAY_NAME, META_FILTER_OPERATORS,
};
use crate::provider::{CATALOG, LOCAL_SCHEMA};

fn text(values: Vec<Option<String>>) -> ArrayRef {
    Arc::new(StringArray::from(values))
}

fn batch(columns: Vec<(&str, ArrayRef)>) -> Result<RecordBatch> {
    let schema = Schema::new(
        columns
            .iter()
            .map(|(name, array)| Field::new(*name, array.data_type().clone(), true))
            .collect::<Vec<_>>(),
    );
    Ok(RecordBatch::try_new(
        Arc::new(schema),
        columns.into_iter().map(|(_, a)| a).collect(),
    )?)
}

/// `\dn`: every schema, with what it is and how many tables it has.
pub(crate) fn schemas(session: &GtmSession) -> Result<RecordBatch> {
    let catalog = session.catalog();
    let (mut names, mut kinds, mut folders, mut counts) = (vec![], vec![], vec![], vec![]);
    for name in catalog.schema_names() {
        if name == LOCAL_SCHEMA {
            kinds.push(Some("local".to_owned()));
            folders.push(None);
            counts.push(catalog.local().table_names().len() as u64);
        } else if let Some(folder) = catalog.folder(&name) {
            kinds.push(Some("folder".to_owned()));
            folders.push(Some(folder.folder().name.clone()));
            counts.push(folder.audiences().count() as u64);
        } else {
            continue;
        }
        names.push(Some(name));
    }
    batch(vec![
        ("schema", text(names)),
        ("kind", text(kinds)),
        ("folder", text(folders)),
        ("tables", Arc::new(UInt64Array::from(counts))),
    ])
}

/// `\d` and `\dt [SCHEMA]`: the tables (of one schema), with their audience type, row count
/// (as listed) and number of columns.
pub(crate) async fn tables(session: &GtmSession, only: Option<&str>) -> Result<RecordBatch> {
    let catalog = session.catalog();
    let schemas: Vec<String> = match only {
        Some(name) => {
            if !catalog.schema_names().iter().any(|s| s == name) {
                return Err(Error::Invalid(format!(
                    "no schema named {name}: \\dn lists the schemas"
                )));
            }
            vec![name.to_owned()]
        }
        None => catalog.schema_names(),
    };
    let (mut schema_col, mut names, mut types) = (vec![], vec![], vec![]);
    let (mut rows, mut columns) = (vec![], vec![]);
    for schema in schemas {
        if schema == LOCAL_SCHEMA {
            let local = catalog.local();
            let mut tables = local.table_names();
            tables.sort();
            for table in tables {
                let width = match local.table(&table).await {
                    Ok(Some(t)) => Some(t.schema().fields().len() as u64),
                    _ => None,
                };
                schema_col.push(Some(schema.clone()));
                names.push(Some(table));
                types.push(Some("local".to_owned()));
                rows.push(None);
                columns.push(width);
            }
        } else if let Some(folder) = catalog.folder(&schema) {
            for (table, audience) in folder.audiences() {
                schema_col.push(Some(schema.clone()));
                names.push(Some(table.clone()));
                types.push(Some(audience.audience_type.as_str().to_owned()));
                rows.push(folder.record_count(table));
                columns.push(Some(audience.columns.len() as u64));
            }
        }
    }
    batch(vec![
        ("schema", text(schema_col)),
        ("table", text(names)),
        ("type", text(types)),
        ("rows", Arc::new(UInt64Array::from(rows))),
        ("columns", Arc::new(UInt64Array::from(columns))),
    ])
}

/// The table a `\d` argument names: `schema.table`, `gtm.schema.table`, a local table, or
/// the only table of that name in any folder.
fn reference(session: &GtmSession, name: &str) -> TableReference {
    let reference = TableReference::parse_str(name);
    if let TableReference::Bare { table } = &reference {
        let catalog = session.catalog();
        if !catalog.local().table_exist(table) {
            let mut owners = catalog.schema_names().into_iter().filter(|s| {
                catalog
                    .folder(s)
                    .is_some_and(|f| f.audience(table).is_some())
            });
            if let (Some(schema), None) = (owners.next(), owners.next()) {
                return TableReference::full(CATALOG, schema, table.as_ref());
            }
        }
    }
    reference
}

/// `\d NAME`: the table's columns with their Arrow type and, for an audience, the GTM Studio
/// data type, column type, filter operators and display name.
pub(crate) async fn columns(session: &GtmSession, name: &str) -> Result<RecordBatch> {
    let reference = reference(session, name);
    let provider = session
        .context()
        .table_provider(reference.clone())
        .await
        .map_err(|e| match e {
            datafusion::error::DataFusionError::Plan(_) => {
                Error::Invalid(format!("no table named {name}: \\dt lists the tables"))
            }
            other => Error::DataFusion(other),
        })?;
    let schema = provider.schema();
    let fields = schema.fields();
    let meta = |key: &str| -> Vec<Option<String>> {
        fields
            .iter()
            .map(|f| f.metadata().get(key).map(|v| v.replace(',', ", ")))
            .collect()
    };
    let mut out: Vec<(&str, ArrayRef)> = vec![
        (
            "column",
            text(fields.iter().map(|f| Some(f.name().clone())).collect()),
        ),
        (
            "type",
            text(
                fields
                    .iter()
                    .map(|f| Some(f.data_type().to_string()))
                    .collect(),
            ),
        ),
        (
            "nullable",
            text(
                fields
                    .iter()
                    .map(|f| Some(if f.is_nullable() { "yes" } else { "no" }.to_owned()))
                    .collect(),
            ),
        ),
    ];
    let gtm = fields
        .iter()
        .any(|f| f.metadata().keys().any(|k| k.starts_with("gtm.")));
    if gtm {
        out.push(("data_type", text(meta(META_DATA_TYPE))));
        out.push(("column_type", text(meta(META_COLUMN_TYPE))));
        out.push(("filters", text(meta(META_FILTER_OPERATORS))));
        out.push(("display_name", text(meta(META_DISPLAY_NAME))));
    }
    batch(out)
}

#[cfg(test)]
mod tests {
    use datafusion::arrow::datatypes::DataType;

    use super::*;

    #[test]
    fn batches_keep_column_order_and_types() {
        let b = batch(vec![
            ("a", text(vec![Some("x".to_owned()), None])),
            ("n", Arc::new(UInt64Array::from(vec![Some(1), None]))),
        ])
        .unwrap();
        assert_eq!(b.schema().field(0).name(), "a");
        assert_eq!(b.schema().field(1).data_type(), &DataType::UInt64);
        assert_eq!(b.num_rows(), 2);
    }
}
