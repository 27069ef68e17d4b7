//! Audience columns: their records, behaviour flags and physical SQL columns.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{Actor, Stamps, now};
use crate::error::ApiResult;
use crate::model::{AiTool, ColumnType, DataType, InputType};
use crate::value;

/// A column as stored.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    /// Internal number; names the SQL columns `c<seq>`, `s<seq>`, `e<seq>`.
    pub(crate) seq: i64,
    /// The public UUID.
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) column_type: ColumnType,
    pub(crate) data_type: Option<DataType>,
    pub(crate) is_frozen: bool,
    pub(crate) is_hidden: bool,
    /// FORMULA and AI.
    pub(crate) prompt: Option<String>,
    /// AI only.
    pub(crate) tool: Option<AiTool>,
    /// AI only.
    pub(crate) dependencies: Vec<Dependency>,
    /// FORMULA: the JavaScript expression evaluated per row, when the prompt is one.
    pub(crate) script_expression: Option<String>,
    pub(crate) stamps: Stamps,
}

/// An AI column's declared context input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Dependency {
    pub(crate) id: String,
    #[serde(rename = "type")]
    pub(crate) kind: InputType,
}

/// What a new column is made of (validated by the route).
#[derive(Debug, Clone)]
pub(crate) struct NewColumn {
    pub(crate) name: String,
    pub(crate) column_type: ColumnType,
    pub(crate) data_type: Option<DataType>,
    pub(crate) is_frozen: bool,
    pub(crate) is_hidden: bool,
    pub(crate) prompt: Option<String>,
    pub(crate) tool: Option<AiTool>,
    pub(crate) dependencies: Vec<Dependency>,
    pub(crate) script_expression: Option<String>,
}

impl NewColumn {
    /// A CUSTOM column.
    pub(crate) fn custom(name: &str, data_type: DataType) -> Self {
        Self {
            name: name.to_owned(),
            column_type: ColumnType::Custom,
            data_type: Some(data_type),
            is_frozen: false,
            is_hidden: false,
            prompt: None,
            tool: None,
            dependencies: Vec::new(),
            script_expression: None,
        }
    }
}

impl Column {
    /// The dataType values are validated and stored as (AI and FORMULA default to TEXT).
    pub(crate) fn value_type(&self) -> DataType {
        self.data_type.unwrap_or(DataType::Text)
    }

    /// Whether the column's cells carry their own state (every column but CUSTOM).
    pub(crate) fn has_state(&self) -> bool {
        self.column_type != ColumnType::Custom
    }

    /// Whether enrichment computes this column.
    pub(crate) fn is_enrichable(&self) -> bool {
        matches!(
            self.column_type,
            ColumnType::ZoominfoMatch | ColumnType::Ai | ColumnType::Formula
        )
    }

    /// The SQL column holding values.
    pub(crate) fn value_col(&self) -> String {
        format!("c{}", self.seq)
    }

    /// The SQL column holding cell states (only when `has_state`).
    pub(crate) fn state_col(&self) -> String {
        format!("s{}", self.seq)
    }

    /// The SQL column holding error details (only when `has_state`).
    pub(crate) fn error_col(&self) -> String {
        format!("e{}", self.seq)
    }

    /// `isDeletable`: every column the API can create; system columns cannot be deleted.
    pub(crate) fn is_deletable(&self) -> bool {
        creatable(self.column_type)
    }

    /// `isEditable`: only CUSTOM cells can be written through the upsert endpoints.
    pub(crate) fn is_editable(&self) -> bool {
        self.column_type == ColumnType::Custom
    }

    /// `isExportable`.
    pub(crate) fn is_exportable(&self) -> bool {
        true
    }

    /// `isFilterable`: everything but OBJECT.
    pub(crate) fn is_filterable(&self) -> bool {
        self.value_type() != DataType::Object
    }

    /// `isSortable`: scalar columns; not lists, OBJECT, LARGE_TEXT or MARKUP.
    pub(crate) fn is_sortable(&self) -> bool {
        value::indexed(self.value_type())
    }
}

/// Whether the API can create columns of this type.
pub(crate) fn creatable(column_type: ColumnType) -> bool {
    matches!(
        column_type,
        ColumnType::Custom | ColumnType::Formula | ColumnType::Ai | ColumnType::ZoominfoMatch
    )
}

const SELECT: &str = "SELECT seq, id, position, name, column_type, data_type, is_frozen, is_hidden, \
     prompt, tool, data_dependencies, script_expression, created_at, created_by, created_by_name, \
     updated_at, updated_by, updated_by_name FROM columns";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Column> {
    let parse_err = |i: usize, e: crate::model::UnknownValue| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    };
    let column_type: String = row.get(4)?;
    let data_type: Option<String> = row.get(5)?;
    let tool: Option<String> = row.get(9)?;
    let deps: Option<String> = row.get(10)?;
    Ok(Column {
        seq: row.get(0)?,
        id: row.get(1)?,
        name: row.get(3)?,
        column_type: column_type.parse().map_err(|e| parse_err(4, e))?,
        data_type: data_type
            .map(|d| d.parse())
            .transpose()
            .map_err(|e| parse_err(5, e))?,
        is_frozen: row.get(6)?,
        is_hidden: row.get(7)?,
        prompt: row.get(8)?,
        tool: tool
            .map(|t| t.parse())
            .transpose()
            .map_err(|e| parse_err(9, e))?,
        dependencies: deps
            .and_then(|d| serde_json::from_str(&d).ok())
            .unwrap_or_default(),
        script_expression: row.get(11)?,
        stamps: Stamps::from_row(row, 12)?,
    })
}

/// The columns of an audience, in position order.
pub(crate) fn list(conn: &Connection, audience_seq: i64) -> ApiResult<Vec<Column>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE audience_seq = ?1 ORDER BY position, seq"
    ))?;
    let cols = stmt
        .query_map([audience_seq], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(cols)
}

/// One column of an audience.
pub(crate) fn get(conn: &Connection, audience_seq: i64, id: &str) -> ApiResult<Option<Column>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE audience_seq = ?1 AND id = ?2"))?;
    Ok(stmt
        .query_row(params![audience_seq, id], from_row)
        .optional()?)
}

/// Adds columns to an audience: records them and adds their SQL columns and indexes.
pub(crate) fn create(
    conn: &Connection,
    audience_seq: i64,
    new: &[NewColumn],
    actor: &Actor,
) -> ApiResult<Vec<Column>> {
    let ts = now();
    let mut position: i64 = conn.query_row(
        "SELECT COALESCE(MAX(position), -1) FROM columns WHERE audience_seq = ?1",
        [audience_seq],
        |r| r.get(0),
    )?;
    let mut ids = Vec::with_capacity(new.len());
    for col in new {
        position += 1;
        let id = uuid::Uuid::new_v4().to_string();
        let deps = (!col.dependencies.is_empty())
            .then(|| serde_json::to_string(&col.dependencies).unwrap_or_default());
        conn.execute(
            "INSERT INTO columns (id, audience_seq, position, name, column_type, data_type, \
             is_frozen, is_hidden, prompt, tool, data_dependencies, script_expression, \
             created_at, created_by, created_by_name, updated_at, updated_by, updated_by_name) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?13, ?14, ?15)",
            params![
                id,
                audience_seq,
                position,
                col.name,
                col.column_type.as_str(),
                col.data_type.map(DataType::as_str),
                col.is_frozen,
                col.is_hidden,
                col.prompt,
                col.tool.map(AiTool::as_str),
                deps,
                col.script_expression,
                ts,
                actor.id,
                actor.name,
            ],
        )?;
        ids.push(id);
    }
    let mut created = Vec::with_capacity(ids.len());
    for id in ids {
        let Some(col) = get(conn, audience_seq, &id)? else {
            continue;
        };
        add_physical(conn, audience_seq, &col)?;
        created.push(col);
    }
    Ok(created)
}

/// Adds a column's SQL columns (and index) to the audience's row table.
fn add_physical(conn: &Connection, audience_seq: i64, col: &Column) -> ApiResult<()> {
    let table = super::rows::table(audience_seq);
    let mut sql = format!(
        "ALTER TABLE {table} ADD COLUMN {} {};",
        col.value_col(),
        value::sql_decl(col.value_type())
    );
    if col.has_state() {
        sql.push_str(&format!(
            "ALTER TABLE {table} ADD COLUMN {} INTEGER NOT NULL DEFAULT 0;\
             ALTER TABLE {table} ADD COLUMN {} TEXT;",
            col.state_col(),
            col.error_col()
        ));
    }
    if value::indexed(col.value_type()) {
        sql.push_str(&format!(
            "CREATE INDEX {table}_{c} ON {table}({c});",
            c = col.value_col()
        ));
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// What a column PATCH may change.
#[derive(Debug, Clone, Default)]
pub(crate) struct ColumnPatch {
    pub(crate) name: Option<String>,
    pub(crate) is_frozen: Option<bool>,
    pub(crate) is_hidden: Option<bool>,
}

/// Applies a PATCH; returns the updated column.
pub(crate) fn patch(
    conn: &Connection,
    audience_seq: i64,
    col: &Column,
    patch: &ColumnPatch,
    actor: &Actor,
) -> ApiResult<Option<Column>> {
    conn.execute(
        "UPDATE columns SET name = COALESCE(?1, name), is_frozen = COALESCE(?2, is_frozen), \
         is_hidden = COALESCE(?3, is_hidden), updated_at = ?4, updated_by = ?5, \
         updated_by_name = ?6 WHERE seq = ?7",
        params![
            patch.name,
            patch.is_frozen,
            patch.is_hidden,
            now(),
            actor.id,
            actor.name,
            col.seq
        ],
    )?;
    get(conn, audience_seq, &col.id)
}

/// Deletes a column, its cells and its SQL columns.
pub(crate) fn delete(conn: &Connection, audience_seq: i64, col: &Column) -> ApiResult<()> {
    let table = super::rows::table(audience_seq);
    let mut sql = String::new();
    if value::indexed(col.value_type()) {
        sql.push_str(&format!(
            "DROP INDEX IF EXISTS {table}_{};",
            col.value_col()
        ));
    }
    sql.push_str(&format!(
        "ALTER TABLE {table} DROP COLUMN {};",
        col.value_col()
    ));
    if col.has_state() {
        sql.push_str(&format!(
            "ALTER TABLE {table} DROP COLUMN {};ALTER TABLE {table} DROP COLUMN {};",
            col.state_col(),
            col.error_col()
        ));
    }
    conn.execute_batch(&sql)?;
    conn.execute("DELETE FROM columns WHERE seq = ?1", [col.seq])?;
    // Other columns' AI dependencies on this one go with it.
    let others = list(conn, audience_seq)?;
    for other in others
        .iter()
        .filter(|o| o.dependencies.iter().any(|d| d.id == col.id))
    {
        let kept: Vec<&Dependency> = other
            .dependencies
            .iter()
            .filter(|d| d.id != col.id)
            .collect();
        let json = (!kept.is_empty()).then(|| serde_json::to_string(&kept).unwrap_or_default());
        conn.execute(
            "UPDATE columns SET data_dependencies = ?1 WHERE seq = ?2",
            params![json, other.seq],
        )?;
    }
    Ok(())
}
