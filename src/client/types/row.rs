//! Rows and cells: the row resource, a search page, upserts and bulk deletes.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::document::{Doc, NewResource, Resource};
use super::null_as_default;

open_enum! {
    /// The state of a cell (`CellState`).
    pub enum CellState {
        /// Has a value.
        Result = "RESULT",
        /// Has no value.
        Blank = "BLANK",
        /// Being enriched.
        Loading = "LOADING",
        /// Enrichment failed (see [`Cell::error`]).
        Error = "ERROR",
        /// Enrichment found nothing.
        NoResult = "NO_RESULT",
    }
}

/// A row: its id and its cells (every column, or the requested projection, in audience order).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "Resource<RowAttributes, Option<Value>>")]
pub struct Row {
    /// The row id (a UUID).
    pub id: String,
    /// Its cells (`attributes.values`).
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell of a column.
    pub fn cell(&self, column_id: &str) -> Option<&Cell> {
        self.cells.iter().find(|c| c.column_id == column_id)
    }

    /// The value of a column's cell (`None` when blank, loading, failed or not projected).
    pub fn value(&self, column_id: &str) -> Option<&Value> {
        self.cell(column_id).and_then(|c| c.value.as_ref())
    }
}

#[derive(Debug, Deserialize)]
struct RowAttributes {
    #[serde(default, deserialize_with = "null_as_default")]
    values: Vec<Cell>,
}

impl From<Resource<RowAttributes, Option<Value>>> for Row {
    fn from(r: Resource<RowAttributes, Option<Value>>) -> Self {
        Self {
            id: r.id,
            cells: r.attributes.values,
        }
    }
}

/// One cell.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Cell {
    /// Its column.
    pub column_id: String,
    /// Its value: a string, number, boolean or list as the column's data type says (OBJECT
    /// values are JSON-encoded strings; ZoomInfo ids may be numbers or strings); `None` for
    /// BLANK, LOADING, NO_RESULT and ERROR cells.
    #[serde(default)]
    pub value: Option<Value>,
    /// Its state (`RESULT` when absent).
    #[serde(default = "result_state")]
    pub state: CellState,
    /// Why enrichment failed (`errorDetails`, ERROR cells only).
    #[serde(default, rename = "errorDetails")]
    pub error: Option<CellError>,
}

fn result_state() -> CellState {
    CellState::Result
}

impl Cell {
    /// The value as text: strings as they are, numbers and booleans printed (so a ZoomInfo id
    /// reads the same whether it came as a number or a string), lists and objects as JSON.
    pub fn value_text(&self) -> Option<String> {
        match self.value.as_ref()? {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        }
    }
}

/// Why a cell's enrichment failed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct CellError {
    /// A short summary.
    pub summary: String,
    /// The details.
    pub description: String,
    /// Whether enriching the cell again is expected to succeed.
    pub retryable: bool,
}

/// One page of a row search.
#[derive(Debug, Clone, PartialEq)]
pub struct RowPage {
    /// The rows of this page.
    pub rows: Vec<Row>,
    /// How many rows match in all (`meta.total`).
    pub total: u64,
    /// This page's number (from 1).
    pub page: u32,
    /// The page size.
    pub page_size: u32,
}

/// A row to create (no `id`) or update (`id`) with the bulk upsert.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UpsertRow {
    /// The row to update; `None` creates a row.
    pub id: Option<String>,
    /// `(column id, value)` pairs; `null`, `""` and `[]` clear a cell. Columns not given are
    /// blank on create and unchanged on update.
    pub values: Vec<(String, Value)>,
}

impl UpsertRow {
    /// A new row with these values.
    pub fn create(values: impl IntoIterator<Item = (String, Value)>) -> Self {
        Self {
            id: None,
            values: values.into_iter().collect(),
        }
    }

    /// An update of row `id` with these values.
    pub fn update(
        id: impl Into<String>,
        values: impl IntoIterator<Item = (String, Value)>,
    ) -> Self {
        Self {
            id: Some(id.into()),
            values: values.into_iter().collect(),
        }
    }
}

/// Options of [`upsert_rows`](crate::client::AudienceClient::upsert_rows).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpsertOptions {
    /// Start an enrichment of the written rows (`?runEnrichment=true`). Default false.
    pub run_enrichment: bool,
    /// The columns to enrich (`?columns=`, sent only with `run_enrichment`); default all
    /// enrichable columns.
    pub enrich_columns: Option<Vec<String>>,
    /// The caller asserts that sending the request twice is harmless (e.g. every row has an
    /// `id`), so transport errors after the request was sent are retried. Default false.
    pub idempotent: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct CellOut<'a> {
    column_id: &'a str,
    value: &'a Value,
}

#[derive(Debug, Serialize)]
struct RowAttrsOut<'a> {
    values: Vec<CellOut<'a>>,
}

/// The body of the (bulk) upsert.
pub(crate) fn rows_upsert_body(rows: &[UpsertRow]) -> impl Serialize + '_ {
    Doc {
        data: rows
            .iter()
            .map(|r| NewResource {
                kind: "Row",
                id: r.id.as_deref(),
                attributes: RowAttrsOut {
                    values: r
                        .values
                        .iter()
                        .map(|(column_id, value)| CellOut { column_id, value })
                        .collect(),
                },
            })
            .collect::<Vec<_>>(),
    }
}

#[derive(Debug, Serialize)]
struct RowIdentifier<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// The body of the bulk delete.
pub(crate) fn rows_delete_body(ids: &[String]) -> impl Serialize + '_ {
    Doc {
        data: ids
            .iter()
            .map(|id| RowIdentifier { id, kind: "Row" })
            .collect::<Vec<_>>(),
    }
}
