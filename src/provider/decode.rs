//! Rows of a search page into Arrow record batches.
//!
//! A cell whose state is not RESULT reads as NULL. Values are read tolerantly where the
//! meaning is unambiguous (a number sent as a numeric string, a single string for a list
//! column); anything else is an error naming the row and column, never a silently wrong value.

use std::collections::HashMap;
use std::sync::Arc;

use datafusion::arrow::array::{
    ArrayRef, BooleanBuilder, Date32Builder, Float64Builder, Int64Builder, ListBuilder,
    StringBuilder, StringViewBuilder,
};
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::record_batch::{RecordBatch, RecordBatchOptions};
use datafusion::common::{DataFusionError, Result};
use serde_json::Value;

use super::schema::{TableLayout, ValueKind};
use crate::client::{CellState, Row};

/// Days from 0001-01-01 (CE day 1) to 1970-01-01.
const UNIX_EPOCH_DAYS_FROM_CE: i32 = 719_163;

/// Parses `YYYY-MM-DD` (a date-time is cut to its date) into days since the Unix epoch.
pub fn parse_date(s: &str) -> Option<i32> {
    let day = s.get(..10)?;
    let date = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    if s.len() > 10 && s.as_bytes()[10] != b'T' && s.as_bytes()[10] != b' ' {
        return None;
    }
    Some(chrono::Datelike::num_days_from_ce(&date) - UNIX_EPOCH_DAYS_FROM_CE)
}

/// Formats days since the Unix epoch as `YYYY-MM-DD`.
pub fn format_date(days: i32) -> Option<String> {
    chrono::NaiveDate::from_num_days_from_ce_opt(days + UNIX_EPOCH_DAYS_FROM_CE)
        .map(|d| d.format("%Y-%m-%d").to_string())
}

/// A column being built (shared with the page decoder, `page`).
pub(crate) enum Builder {
    Text(StringViewBuilder),
    Integer(Int64Builder),
    Float(Float64Builder),
    Boolean(BooleanBuilder),
    Date(Date32Builder),
    TextList(ListBuilder<StringBuilder>),
    FloatList(ListBuilder<Float64Builder>),
}

impl Builder {
    pub(crate) fn new(kind: ValueKind, capacity: usize) -> Self {
        match kind {
            ValueKind::Text | ValueKind::Json => {
                Self::Text(StringViewBuilder::with_capacity(capacity))
            }
            ValueKind::Integer => Self::Integer(Int64Builder::with_capacity(capacity)),
            ValueKind::Float => Self::Float(Float64Builder::with_capacity(capacity)),
            ValueKind::Boolean => Self::Boolean(BooleanBuilder::with_capacity(capacity)),
            ValueKind::Date => Self::Date(Date32Builder::with_capacity(capacity)),
            ValueKind::TextList => Self::TextList(ListBuilder::new(StringBuilder::new())),
            ValueKind::FloatList => Self::FloatList(ListBuilder::new(Float64Builder::new())),
        }
    }

    pub(crate) fn null(&mut self) {
        match self {
            Self::Text(b) => b.append_null(),
            Self::Integer(b) => b.append_null(),
            Self::Float(b) => b.append_null(),
            Self::Boolean(b) => b.append_null(),
            Self::Date(b) => b.append_null(),
            Self::TextList(b) => b.append_null(),
            Self::FloatList(b) => b.append_null(),
        }
    }

    /// Appends a value; `Err` says why it does not fit.
    pub(crate) fn push(&mut self, kind: ValueKind, v: &Value) -> std::result::Result<(), String> {
        match (self, v) {
            (_, Value::Null) => {
                // Only reached through `null`, but keep it total.
                Err("null".to_owned())
            }
            (Self::Text(b), Value::String(s)) => {
                b.append_value(s);
                Ok(())
            }
            (Self::Text(b), other) => {
                if kind == ValueKind::Json || matches!(other, Value::Number(_) | Value::Bool(_)) {
                    b.append_value(other.to_string());
                    Ok(())
                } else {
                    Err(format!("expected text, got {other}"))
                }
            }
            (Self::Integer(b), v) => {
                let n = match v {
                    // A whole float within i64 only: `as` would saturate 1e300 to i64::MAX.
                    Value::Number(n) => n.as_i64().or_else(|| {
                        n.as_f64()
                            .filter(|f| f.fract() == 0.0 && f.abs() < 9.223_372_036_854_775e18)
                            .map(|f| f as i64)
                    }),
                    Value::String(s) => s.trim().parse::<i64>().ok(),
                    _ => None,
                };
                n.map(|n| b.append_value(n))
                    .ok_or_else(|| format!("expected a whole number, got {v}"))
            }
            (Self::Float(b), v) => {
                let n = match v {
                    Value::Number(n) => n.as_f64(),
                    Value::String(s) => s.trim().parse::<f64>().ok(),
                    _ => None,
                };
                n.map(|n| b.append_value(n))
                    .ok_or_else(|| format!("expected a number, got {v}"))
            }
            (Self::Boolean(b), v) => {
                let x = match v {
                    Value::Bool(x) => Some(*x),
                    Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
                    Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
                    _ => None,
                };
                x.map(|x| b.append_value(x))
                    .ok_or_else(|| format!("expected true or false, got {v}"))
            }
            (Self::Date(b), Value::String(s)) => parse_date(s)
                .map(|d| b.append_value(d))
                .ok_or_else(|| format!("expected a date YYYY-MM-DD, got '{s}'")),
            (Self::Date(_), v) => Err(format!("expected a date string, got {v}")),
            (Self::TextList(b), Value::Array(items)) => {
                for item in items {
                    match item {
                        Value::String(s) => b.values().append_value(s),
                        Value::Null => b.values().append_null(),
                        other => b.values().append_value(other.to_string()),
                    }
                }
                b.append(true);
                Ok(())
            }
            (Self::TextList(b), Value::String(s)) => {
                b.values().append_value(s);
                b.append(true);
                Ok(())
            }
            (Self::TextList(_), v) => Err(format!("expected a list of strings, got {v}")),
            (Self::FloatList(b), Value::Array(items)) => {
                let mut parsed = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Value::Number(n) => parsed.push(n.as_f64()),
                        Value::Null => parsed.push(None),
                        other => return Err(format!("expected numbers in the list, got {other}")),
                    }
                }
                for p in parsed {
                    b.values().append_option(p);
                }
                b.append(true);
                Ok(())
            }
            (Self::FloatList(_), v) => Err(format!("expected a list of numbers, got {v}")),
        }
    }

    pub(crate) fn finish(self) -> ArrayRef {
        match self {
            Self::Text(mut b) => Arc::new(b.finish()),
            Self::Integer(mut b) => Arc::new(b.finish()),
            Self::Float(mut b) => Arc::new(b.finish()),
            Self::Boolean(mut b) => Arc::new(b.finish()),
            Self::Date(mut b) => Arc::new(b.finish()),
            Self::TextList(mut b) => Arc::new(b.finish()),
            Self::FloatList(mut b) => Arc::new(b.finish()),
        }
    }
}

/// Builds a batch of `schema` (the projected fields, given as indexes into the layout's
/// schema) from rows.
pub fn rows_to_batch(
    layout: &TableLayout,
    projection: &[usize],
    schema: &SchemaRef,
    rows: &[Row],
    audience: &str,
) -> Result<RecordBatch> {
    if projection.is_empty() {
        return RecordBatch::try_new_with_options(
            Arc::clone(schema),
            vec![],
            &RecordBatchOptions::new().with_row_count(Some(rows.len())),
        )
        .map_err(DataFusionError::from);
    }
    let mut builders: Vec<(Option<&str>, ValueKind, Builder)> = projection
        .iter()
        .map(|&i| match layout.column_at(i) {
            None => (
                None,
                ValueKind::Text,
                Builder::new(ValueKind::Text, rows.len()),
            ),
            Some(c) => (
                Some(c.column.id.as_str()),
                c.kind,
                Builder::new(c.kind, rows.len()),
            ),
        })
        .collect();
    let mut positions: HashMap<&str, usize> = HashMap::new();
    for row in rows {
        positions.clear();
        for (i, cell) in row.cells.iter().enumerate() {
            positions.insert(cell.column_id.as_str(), i);
        }
        for (column_id, kind, builder) in &mut builders {
            let Some(column_id) = column_id else {
                if let Builder::Text(b) = builder {
                    b.append_value(&row.id);
                }
                continue;
            };
            let cell = positions.get(*column_id).map(|&i| &row.cells[i]);
            match cell {
                Some(cell) if cell.state == CellState::Result => match &cell.value {
                    None | Some(Value::Null) => builder.null(),
                    Some(v) => builder.push(*kind, v).map_err(|why| {
                        let name = layout
                            .columns
                            .iter()
                            .find(|c| c.column.id == *column_id)
                            .map_or(*column_id, |c| c.name.as_str());
                        DataFusionError::External(
                            format!(
                                "audience {audience}, row {}, column {name}: the server sent a value that does not fit: {why}",
                                row.id
                            )
                            .into(),
                        )
                    })?,
                },
                _ => builder.null(),
            }
        }
    }
    let arrays: Vec<ArrayRef> = builders.into_iter().map(|(_, _, b)| b.finish()).collect();
    RecordBatch::try_new(Arc::clone(schema), arrays).map_err(DataFusionError::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("1970-01-02T10:00:00Z"), Some(1));
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("19700101"), None);
        assert_eq!(
            format_date(parse_date("2026-11-26").unwrap()).as_deref(),
            Some("2026-11-26")
        );
    }
}
