//! Rows and cells: the per-audience row tables, upserts, reads and deletes.

use std::collections::HashMap;

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, params_from_iter};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Actor;
use super::audiences::{self, Audience};
use super::columns::Column;
use crate::error::{ApiError, ApiResult};
use crate::model::CellState;
use crate::value;

/// The row table of an audience.
pub(crate) fn table(audience_seq: i64) -> String {
    format!("rows_{audience_seq}")
}

/// How a cell state is stored.
pub(crate) fn state_code(state: CellState) -> i64 {
    match state {
        CellState::Blank => 0,
        CellState::Result => 1,
        CellState::Loading => 2,
        CellState::Error => 3,
        CellState::NoResult => 4,
    }
}

fn state_from_code(code: i64) -> CellState {
    match code {
        1 => CellState::Result,
        2 => CellState::Loading,
        3 => CellState::Error,
        4 => CellState::NoResult,
        _ => CellState::Blank,
    }
}

/// Why a cell is in ERROR.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ErrorDetails {
    pub(crate) summary: String,
    pub(crate) description: String,
    pub(crate) retryable: bool,
}

/// A cell read back from the store.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cell {
    pub(crate) column_id: String,
    pub(crate) value: Option<Value>,
    pub(crate) state: CellState,
    pub(crate) error: Option<ErrorDetails>,
}

/// A row read back from the store.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    pub(crate) seq: i64,
    pub(crate) id: String,
    pub(crate) cells: Vec<Cell>,
}

/// The SQL select list for `columns`: `seq, id, c.., [s.., e..]`.
pub(crate) fn select_list(columns: &[&Column]) -> String {
    let mut out = String::from("seq, id");
    for c in columns {
        out.push_str(", ");
        out.push_str(&c.value_col());
        if c.has_state() {
            out.push_str(", ");
            out.push_str(&c.state_col());
            out.push_str(", ");
            out.push_str(&c.error_col());
        }
    }
    out
}

/// Decodes one result row of a `select_list` query.
pub(crate) fn decode(row: &rusqlite::Row<'_>, columns: &[&Column]) -> rusqlite::Result<Row> {
    let mut cells = Vec::with_capacity(columns.len());
    let mut i = 2;
    for c in columns {
        let value = value::to_json(c.value_type(), row.get_ref(i)?);
        i += 1;
        let (state, error) = if c.has_state() {
            let state = state_from_code(row.get(i)?);
            let error: Option<String> = row.get(i + 1)?;
            i += 2;
            (state, error.and_then(|e| serde_json::from_str(&e).ok()))
        } else if value.is_some() {
            (CellState::Result, None)
        } else {
            (CellState::Blank, None)
        };
        cells.push(Cell {
            column_id: c.id.clone(),
            value,
            state,
            // A LOADING cell keeps the error it had before (see `jobs::start_enrichment`).
            error: if matches!(state, CellState::Error | CellState::Loading) {
                error
            } else {
                None
            },
        });
    }
    Ok(Row {
        seq: row.get(0)?,
        id: row.get(1)?,
        cells,
    })
}

/// Reads rows by internal number, in the order given (missing ones are skipped).
pub(crate) fn read_by_seq(
    conn: &Connection,
    audience: &Audience,
    columns: &[&Column],
    seqs: &[i64],
) -> ApiResult<Vec<Row>> {
    let mut found: HashMap<i64, Row> = HashMap::with_capacity(seqs.len());
    for chunk in seqs.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(",");
        let sql = format!(
            "SELECT {} FROM {} WHERE seq IN ({marks})",
            select_list(columns),
            table(audience.seq)
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(chunk.iter()), |r| decode(r, columns))?;
        for row in rows {
            let row = row?;
            found.insert(row.seq, row);
        }
    }
    Ok(seqs.iter().filter_map(|s| found.get(s).cloned()).collect())
}

/// Reads one row by its id.
pub(crate) fn read_by_id(
    conn: &Connection,
    audience: &Audience,
    columns: &[&Column],
    id: &str,
) -> ApiResult<Option<Row>> {
    let sql = format!(
        "SELECT {} FROM {} WHERE id = ?1",
        select_list(columns),
        table(audience.seq)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    Ok(stmt.query_row([id], |r| decode(r, columns)).optional()?)
}

/// The internal numbers of rows with these ids; `None` for unknown ids.
pub(crate) fn seqs_of(
    conn: &Connection,
    audience_seq: i64,
    ids: &[&str],
) -> ApiResult<Vec<Option<i64>>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT seq FROM {} WHERE id = ?1",
        table(audience_seq)
    ))?;
    ids.iter()
        .map(|id| Ok(stmt.query_row([id], |r| r.get(0)).optional()?))
        .collect()
}

/// One row of an upsert, validated and converted.
#[derive(Debug, Clone)]
pub(crate) struct Upsert {
    /// The row to update, or `None` to create one.
    pub(crate) id: Option<String>,
    /// (index into the audience's columns, value to store; `None` clears).
    pub(crate) cells: Vec<(usize, Option<SqlValue>)>,
}

/// Applies an upsert (all or nothing: the caller's transaction rolls back on error).
/// Returns the internal numbers of the written rows, in request order.
pub(crate) fn upsert(
    conn: &Connection,
    audience: &Audience,
    rows: &[Upsert],
    actor: &Actor,
) -> ApiResult<Vec<i64>> {
    let tbl = table(audience.seq);
    let mut seqs = Vec::with_capacity(rows.len());
    let mut created = 0_i64;
    for (i, row) in rows.iter().enumerate() {
        match &row.id {
            Some(id) => {
                let seq: Option<i64> = conn
                    .prepare_cached(&format!("SELECT seq FROM {tbl} WHERE id = ?1"))?
                    .query_row([id], |r| r.get(0))
                    .optional()?;
                let Some(seq) = seq else {
                    return Err(ApiError::validation(
                        format!("/data/{i}/id"),
                        format!("data[{i}].id: row '{id}' does not exist in this audience"),
                    ));
                };
                if !row.cells.is_empty() {
                    let sets = row
                        .cells
                        .iter()
                        .enumerate()
                        .map(|(k, (col, _))| {
                            format!("{} = ?{}", audience.columns[*col].value_col(), k + 1)
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                    let sql = format!(
                        "UPDATE {tbl} SET {sets} WHERE seq = ?{}",
                        row.cells.len() + 1
                    );
                    let mut args: Vec<SqlValue> = row
                        .cells
                        .iter()
                        .map(|(_, v)| v.clone().unwrap_or(SqlValue::Null))
                        .collect();
                    args.push(SqlValue::Integer(seq));
                    conn.prepare_cached(&sql)?.execute(params_from_iter(args))?;
                }
                seqs.push(seq);
            }
            None => {
                let id = uuid::Uuid::new_v4().to_string();
                let mut names = vec!["id".to_owned()];
                let mut args: Vec<SqlValue> = vec![SqlValue::Text(id)];
                for (col, v) in &row.cells {
                    names.push(audience.columns[*col].value_col());
                    args.push(v.clone().unwrap_or(SqlValue::Null));
                }
                let marks = (1..=names.len())
                    .map(|k| format!("?{k}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let sql = format!("INSERT INTO {tbl} ({}) VALUES ({marks})", names.join(", "));
                conn.prepare_cached(&sql)?.execute(params_from_iter(args))?;
                seqs.push(conn.last_insert_rowid());
                created += 1;
            }
        }
    }
    audiences::rows_changed(conn, audience.seq, created, Some(actor))?;
    Ok(seqs)
}

/// Inserts rows whose cells come from ZoomInfo (system and match columns): (column index,
/// value) pairs, stored as RESULT. Returns the new rows' internal numbers.
pub(crate) fn insert_values(
    conn: &Connection,
    audience: &Audience,
    rows: &[Vec<(usize, SqlValue)>],
) -> ApiResult<Vec<i64>> {
    let tbl = table(audience.seq);
    let mut seqs = Vec::with_capacity(rows.len());
    for cells in rows {
        let mut names = vec!["id".to_owned()];
        let mut args: Vec<SqlValue> = vec![SqlValue::Text(uuid::Uuid::new_v4().to_string())];
        for (col, v) in cells {
            let c = &audience.columns[*col];
            names.push(c.value_col());
            args.push(v.clone());
            if c.has_state() {
                names.push(c.state_col());
                args.push(SqlValue::Integer(state_code(CellState::Result)));
            }
        }
        let marks = (1..=names.len())
            .map(|k| format!("?{k}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!("INSERT INTO {tbl} ({}) VALUES ({marks})", names.join(", "));
        conn.prepare_cached(&sql)?.execute(params_from_iter(args))?;
        seqs.push(conn.last_insert_rowid());
    }
    audiences::rows_changed(conn, audience.seq, seqs.len() as i64, None)?;
    Ok(seqs)
}

/// Deletes rows by internal number; returns how many went.
pub(crate) fn delete(conn: &Connection, audience_seq: i64, seqs: &[i64]) -> ApiResult<usize> {
    let mut n = 0;
    for chunk in seqs.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(",");
        n += conn.execute(
            &format!("DELETE FROM {} WHERE seq IN ({marks})", table(audience_seq)),
            params_from_iter(chunk.iter()),
        )?;
    }
    if n > 0 {
        audiences::rows_changed(conn, audience_seq, -(n as i64), None)?;
    }
    Ok(n)
}

/// Writes one enrichment result into a cell.
pub(crate) fn set_cell(
    conn: &Connection,
    audience_seq: i64,
    column: &Column,
    row_seq: i64,
    value: Option<&SqlValue>,
    state: CellState,
    error: Option<&ErrorDetails>,
) -> ApiResult<()> {
    let sql = format!(
        "UPDATE {} SET {} = ?1, {} = ?2, {} = ?3 WHERE seq = ?4",
        table(audience_seq),
        column.value_col(),
        column.state_col(),
        column.error_col()
    );
    let error = error.map(|e| serde_json::to_string(e).unwrap_or_default());
    conn.prepare_cached(&sql)?.execute(rusqlite::params![
        value.cloned().unwrap_or(SqlValue::Null),
        state_code(state),
        error,
        row_seq
    ])?;
    Ok(())
}
