//! Audience columns as Arrow fields: the dataType → Arrow type table, and column metadata.
//!
//! | dataType | Arrow |
//! |---|---|
//! | TEXT, LARGE_TEXT, EMAIL, PHONE, URL, MARKUP, PICKLIST, REFERENCE, OPAQUE_IDENTIFIER, ZI_CONTACT_ID, ZI_COMPANY_ID, OBJECT (JSON text), unknown types | Utf8View |
//! | INTEGER, ORDINAL_IDENTIFIER | Int64 |
//! | DECIMAL, PERCENT, CURRENCY | Float64 |
//! | BOOLEAN, CHECKBOX | Boolean |
//! | DATE | Date32 |
//! | STRING_LIST, EMAIL_LIST, PHONE_LIST, URL_LIST, MULTIPICKLIST | List(Utf8) |
//! | NUMBER_LIST | List(Float64) |
//!
//! Text is `Utf8View`, DataFusion 55's own string type (what it gives CSV and Parquet
//! strings), so that joining an audience with local files needs no casts on the join keys.
//! Every field is nullable: a cell that is not a RESULT reads as NULL (its state is available
//! through `cells()`). Each field carries the column's display name, id, column type, data type
//! and filter operators as metadata (keys `gtm.*`).

use std::collections::HashMap;
use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType as ArrowType, Field, Schema, SchemaRef};

use super::naming::{Namer, ROW_ID};
use crate::client::{Audience, Column, ColumnFilterMetadata, DataType};

/// Metadata key: the column's display name.
pub const META_DISPLAY_NAME: &str = "gtm.display_name";
/// Metadata key: the column's id.
pub const META_COLUMN_ID: &str = "gtm.column_id";
/// Metadata key: the column's columnType.
pub const META_COLUMN_TYPE: &str = "gtm.column_type";
/// Metadata key: the column's dataType.
pub const META_DATA_TYPE: &str = "gtm.data_type";
/// Metadata key: the filter operators the server allows on the column (comma-separated).
pub const META_FILTER_OPERATORS: &str = "gtm.filter_operators";

/// How a column's values are represented in Arrow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// Utf8.
    Text,
    /// Int64.
    Integer,
    /// Float64.
    Float,
    /// Boolean.
    Boolean,
    /// Date32 (`YYYY-MM-DD` on the wire).
    Date,
    /// List(Utf8).
    TextList,
    /// List(Float64).
    FloatList,
    /// Utf8 holding JSON (OBJECT).
    Json,
}

/// The Arrow representation of a dataType (`None`: unknown, read as text).
pub fn value_kind(data_type: Option<&DataType>) -> ValueKind {
    use DataType as D;
    match data_type {
        Some(D::Integer | D::OrdinalIdentifier) => ValueKind::Integer,
        Some(D::Decimal | D::Percent | D::Currency) => ValueKind::Float,
        Some(D::Boolean | D::Checkbox) => ValueKind::Boolean,
        Some(D::Date) => ValueKind::Date,
        Some(D::StringList | D::EmailList | D::PhoneList | D::UrlList | D::Multipicklist) => {
            ValueKind::TextList
        }
        Some(D::NumberList) => ValueKind::FloatList,
        Some(D::Object) => ValueKind::Json,
        _ => ValueKind::Text,
    }
}

/// The Arrow type of a value kind.
pub fn arrow_type(kind: ValueKind) -> ArrowType {
    match kind {
        ValueKind::Text | ValueKind::Json => ArrowType::Utf8View,
        ValueKind::Integer => ArrowType::Int64,
        ValueKind::Float => ArrowType::Float64,
        ValueKind::Boolean => ArrowType::Boolean,
        ValueKind::Date => ArrowType::Date32,
        ValueKind::TextList => ArrowType::new_list(ArrowType::Utf8, true),
        ValueKind::FloatList => ArrowType::new_list(ArrowType::Float64, true),
    }
}

/// One audience column as seen by SQL.
#[derive(Debug, Clone)]
pub struct TableColumn {
    /// The SQL name.
    pub name: String,
    /// The server's column.
    pub column: Column,
    /// How its values look in Arrow.
    pub kind: ValueKind,
    /// What the server allows when filtering it (`None`: not filterable).
    pub filters: Option<ColumnFilterMetadata>,
}

/// The SQL view of an audience: its columns (index 0 is `_row_id`) and Arrow schema.
#[derive(Debug, Clone)]
pub struct TableLayout {
    /// Columns after `_row_id`, in audience order (field `i + 1` of the schema).
    pub columns: Vec<TableColumn>,
    /// `_row_id` followed by the columns.
    pub schema: SchemaRef,
}

impl TableLayout {
    /// Lays out an audience, with the filter metadata the server returned for it.
    pub fn new(audience: &Audience, filter_metadata: &[ColumnFilterMetadata]) -> Self {
        let mut namer = Namer::with_reserved(&[ROW_ID]);
        let by_id: HashMap<&str, &ColumnFilterMetadata> = filter_metadata
            .iter()
            .map(|m| (m.column_id.as_str(), m))
            .collect();
        let mut fields = vec![
            Field::new(ROW_ID, ArrowType::Utf8View, false).with_metadata(HashMap::from([(
                META_DISPLAY_NAME.to_owned(),
                "Row ID".to_owned(),
            )])),
        ];
        let mut columns = Vec::with_capacity(audience.columns.len());
        for column in &audience.columns {
            let name = namer.name(&column.name, "column");
            let kind = value_kind(column.data_type.as_ref());
            let filters = by_id
                .get(column.id.as_str())
                .filter(|m| m.is_filterable)
                .map(|m| (*m).clone());
            let mut meta = HashMap::from([
                (META_DISPLAY_NAME.to_owned(), column.name.clone()),
                (META_COLUMN_ID.to_owned(), column.id.clone()),
                (
                    META_COLUMN_TYPE.to_owned(),
                    column.column_type.as_str().to_owned(),
                ),
            ]);
            if let Some(dt) = &column.data_type {
                meta.insert(META_DATA_TYPE.to_owned(), dt.as_str().to_owned());
            }
            if let Some(f) = &filters {
                let ops: Vec<&str> = f.operators.iter().map(|o| o.operator.as_str()).collect();
                meta.insert(META_FILTER_OPERATORS.to_owned(), ops.join(","));
            }
            fields.push(Field::new(&name, arrow_type(kind), true).with_metadata(meta));
            columns.push(TableColumn {
                name,
                column: column.clone(),
                kind,
                filters,
            });
        }
        Self {
            columns,
            schema: Arc::new(Schema::new(fields)),
        }
    }

    /// The column behind schema field `index` (`None` for `_row_id`).
    pub fn column_at(&self, index: usize) -> Option<&TableColumn> {
        index.checked_sub(1).and_then(|i| self.columns.get(i))
    }

    /// The schema index of the column with this SQL name.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        if name == ROW_ID {
            return Some(0);
        }
        self.columns
            .iter()
            .position(|c| c.name == name)
            .map(|i| i + 1)
    }
}
