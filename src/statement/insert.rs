//! `INSERT INTO folder.audience [(cols…)] VALUES … | SELECT … [ON CONFLICT (key) DO …]`.
//!
//! gtmsql plans inserts into audiences itself rather than through DataFusion's `INSERT`:
//! DataFusion would cast every source column to the table's Arrow type (so `'abc'` into an
//! INTEGER column fails with a cast error that names neither row nor column) and fill the
//! columns the statement leaves out with NULLs (which would clear them on updated rows).
//! Here the source query is planned on its own, its values are converted per dataType by
//! [`Load`], and only the listed columns are written.
//!
//! * No column list: the source gives every column in table order, with or without a leading
//!   `_row_id`.
//! * `_row_id` in the column list: rows with an id update that row; NULL creates a row.
//! * `ON CONFLICT (key) DO UPDATE SET c = EXCLUDED.c, …`: rows whose key exists update the
//!   rows holding it (only the `SET` columns); others are created. `DO NOTHING` skips them.
//!   Key values compare exactly (the server's search ignores case; gtmsql re-checks).

use std::sync::Arc;

use datafusion::dataframe::DataFrame;
use datafusion::datasource::physical_plan::FileScanConfig;
use datafusion::datasource::source::DataSourceExec;
use datafusion::error::DataFusionError;
use datafusion::execution::SessionStateBuilder;
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use datafusion::physical_plan::{ExecutionPlan, execute_stream};
use datafusion::sql::parser::Statement as DFStatement;
use datafusion::sql::sqlparser::ast::{
    AssignmentTarget, ConflictTarget, Expr as SqlExpr, Ident, Insert, OnConflictAction, OnInsert,
    Query, SetExpr, Statement as SqlStatement, TableObject, UnaryOperator, Value as SqlValue,
    Values,
};
use futures::{FutureExt, TryStreamExt};

use super::output::{TaskExec, count_batch, count_schema, task_frame};
use super::{in_gtm_folder, table_reference};
use crate::error::{Error, Result};
use crate::provider::AudienceTable;
use crate::session::GtmSession;
use crate::write::convert::TargetColumn;
use crate::write::load::{Key, Load, OnConflict, Target};

/// Plans an `INSERT` into an audience; `None` when the target is not in a `gtm` folder.
pub(crate) async fn plan(session: &GtmSession, insert: &Insert) -> Result<Option<DataFrame>> {
    let TableObject::TableName(name) = &insert.table else {
        return Ok(None);
    };
    let reference = table_reference(name);
    if !in_gtm_folder(session, &reference) {
        return Ok(None);
    }
    reject_unsupported(insert)?;
    let table = session.catalog().resolve_audience(&reference).await?;
    let source = insert.source.as_deref().ok_or_else(|| {
        Error::Invalid(format!("INSERT INTO {reference} needs VALUES or a SELECT"))
    })?;
    let source_plan = plan_source(session, source).await?;
    let width = source_plan.schema().fields().len();
    let columns: Vec<String> = insert
        .columns
        .iter()
        .map(|c| {
            c.0.last()
                .and_then(|p| p.as_ident())
                .map_or_else(|| c.to_string(), normalize)
        })
        .collect();
    let targets = targets(&table, &columns, width)?;
    let mut load = Load::new(
        Arc::clone(table.state()),
        table.jobs().clone(),
        targets.clone(),
    )
    .with_concurrency(table.options().get().concurrency);
    let mut label = format!(
        "AudienceInsertExec: audience={}, columns=[{}]",
        table.state().display_name,
        targets
            .iter()
            .map(target_name)
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(key) = conflict_key(insert, &targets, &reference.to_string())? {
        let key_name = target_name(&targets[key.index]);
        label.push_str(&match &key.on_conflict {
            OnConflict::Nothing => format!(", on_conflict=({key_name}) do nothing"),
            OnConflict::Update(set) => format!(
                ", on_conflict=({key_name}) update [{}]",
                set.iter()
                    .map(|&i| target_name(&targets[i]))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
        load = load.with_key(key)?;
    }
    let load = Arc::new(load);
    let exec = TaskExec::new(
        label,
        count_schema(),
        Arc::new(move |context| {
            let load = Arc::clone(&load);
            let source_plan = Arc::clone(&source_plan);
            let file_columns = file_columns(&source_plan);
            async move {
                let stream = execute_stream(source_plan, context)?;
                let schema = stream.schema();
                let stream =
                    stream.map_err(move |e| explain_file_error(e, file_columns.as_deref()));
                let stream = Box::pin(RecordBatchStreamAdapter::new(schema, stream));
                let report = load.run(stream).await?;
                count_batch(report.written())
            }
            .boxed()
        }),
    );
    Ok(Some(task_frame(session.context(), exec)?))
}

fn target_name(target: &Target) -> String {
    target.name().to_owned()
}

/// An identifier as DataFusion normalizes it: unquoted ones lower-cased.
fn normalize(ident: &Ident) -> String {
    if ident.quote_style.is_some() {
        ident.value.clone()
    } else {
        ident.value.to_lowercase()
    }
}

fn reject_unsupported(insert: &Insert) -> Result<()> {
    let unsupported = if insert.overwrite {
        Some("INSERT OVERWRITE (delete the rows first, or use ON CONFLICT to update)")
    } else if insert.replace_into {
        Some("REPLACE INTO (use INSERT … ON CONFLICT (key) DO UPDATE)")
    } else if insert.or.is_some() {
        Some("INSERT OR … (use INSERT … ON CONFLICT (key) DO UPDATE or DO NOTHING)")
    } else if insert.ignore {
        Some("INSERT IGNORE (use INSERT … ON CONFLICT (key) DO NOTHING)")
    } else if insert.returning.is_some() {
        Some("RETURNING")
    } else if insert.partitioned.is_some() {
        Some("PARTITION")
    } else if !insert.assignments.is_empty() {
        Some("INSERT … SET (use a column list and VALUES)")
    } else {
        None
    };
    match unsupported {
        Some(what) => Err(Error::Invalid(format!("audiences do not support {what}"))),
        None => Ok(()),
    }
}

/// Plans the source query in one partition, so that its rows keep their order and source
/// row numbers in messages are the rows' positions.
async fn plan_source(session: &GtmSession, source: &Query) -> Result<Arc<dyn ExecutionPlan>> {
    let state = session.context().state();
    let mut config = state.config().clone();
    config.options_mut().execution.target_partitions = 1;
    // The builder would otherwise register a fresh default catalog over `gtm` in the
    // catalog list it shares with the session.
    config
        .options_mut()
        .catalog
        .create_default_catalog_and_schema = false;
    let state = SessionStateBuilder::new_from_existing(state)
        .with_config(config)
        .build();
    let mut source = source.clone();
    if let SetExpr::Values(values) = source.body.as_mut() {
        quote_mixed_numbers(values);
    }
    let statement = DFStatement::Statement(Box::new(SqlStatement::Query(Box::new(source))));
    let logical = state.statement_to_plan(statement).await?;
    Ok(state.create_physical_plan(&logical).await?)
}

/// In a `VALUES` column mixing text and number literals (`(1), ('many')`), makes the numbers
/// text too. DataFusion would otherwise type the column as a number and fail on the text with
/// a cast error naming neither row nor column; as text, every value reaches the per-dataType
/// conversion, whose errors do.
fn quote_mixed_numbers(values: &mut Values) {
    let width = values
        .rows
        .iter()
        .map(|r| r.content.len())
        .max()
        .unwrap_or(0);
    for column in 0..width {
        let cells = || values.rows.iter().filter_map(|r| r.content.get(column));
        let has_text = cells().any(|e| {
            matches!(
                e,
                SqlExpr::Value(v) if matches!(v.value, SqlValue::SingleQuotedString(_))
            )
        });
        let has_number = cells().any(|e| number_literal(e).is_some());
        if !(has_text && has_number) {
            continue;
        }
        for row in &mut values.rows {
            if let Some(cell) = row.content.get_mut(column)
                && let Some(text) = number_literal(cell)
            {
                *cell = SqlExpr::Value(SqlValue::SingleQuotedString(text).into());
            }
        }
    }
}

/// The text of a number literal (`42`, `-1.5`).
fn number_literal(expr: &SqlExpr) -> Option<String> {
    match expr {
        SqlExpr::Value(v) => match &v.value {
            SqlValue::Number(n, _) => Some(n.clone()),
            _ => None,
        },
        SqlExpr::UnaryOp {
            op: UnaryOperator::Minus,
            expr,
        } => number_literal(expr).map(|n| format!("-{n}")),
        _ => None,
    }
}

/// The column names of the file a source reads, when it reads files of exactly one table.
fn file_columns(plan: &Arc<dyn ExecutionPlan>) -> Option<Vec<String>> {
    fn visit(plan: &Arc<dyn ExecutionPlan>, found: &mut Vec<Vec<String>>) {
        if let Some(config) = plan
            .downcast_ref::<DataSourceExec>()
            .and_then(|exec| exec.data_source().downcast_ref::<FileScanConfig>())
        {
            found.push(
                config
                    .file_schema()
                    .fields()
                    .iter()
                    .map(|f| f.name().clone())
                    .collect(),
            );
        }
        for child in plan.children() {
            visit(child, found);
        }
    }
    let mut found = Vec::new();
    visit(plan, &mut found);
    (found.len() == 1).then(|| found.remove(0))
}

/// The CSV reader's parse error ("Error while parsing value 'abc' as type 'Int64' for column
/// 2 at line 7345") as gtmsql's: the row and the column by name. Other errors pass as they
/// are.
fn explain_file_error(error: DataFusionError, columns: Option<&[String]>) -> DataFusionError {
    let text = error.find_root().to_string();
    let parse = || -> Option<(String, String, usize, String)> {
        let rest = text.split("Error while parsing value '").nth(1)?;
        let (value, rest) = rest.split_once("' as type '")?;
        let (arrow_type, rest) = rest.split_once("' for column ")?;
        let (column, rest) = rest.split_once(" at line ")?;
        let line: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some((
            value.to_owned(),
            arrow_type.to_owned(),
            column.parse().ok()?,
            line,
        ))
    };
    let Some((value, arrow_type, column, line)) = parse() else {
        return error;
    };
    let Ok(line) = line.parse::<u64>() else {
        return error;
    };
    let name = columns
        .and_then(|c| c.get(column))
        .cloned()
        .unwrap_or_else(|| format!("#{}", column + 1));
    DataFusionError::External(Box::new(Error::Invalid(format!(
        "{} of the file, column {name}: '{value}' is not a valid {arrow_type}, the type the reader gave this column from the file's first rows (give the table a schema with {name} VARCHAR to load it as text, or fix the value); nothing was written",
        crate::write::load::row_label(line)
    ))))
}

/// Where each source column goes.
fn targets(table: &AudienceTable, columns: &[String], width: usize) -> Result<Vec<Target>> {
    let layout = &table.state().layout;
    let name = &table.state().display_name;
    let column_target = |index: usize| -> Result<Target> {
        match layout.column_at(index) {
            None => Ok(Target::RowId),
            Some(c) => TargetColumn::new(&c.name, &c.column)
                .map(Target::Column)
                .map_err(Error::Invalid),
        }
    };
    if columns.is_empty() {
        let n = layout.columns.len();
        let first = if width == n {
            1
        } else if width == n + 1 {
            0
        } else {
            return Err(Error::Invalid(format!(
                "INSERT INTO {name} without a column list needs {n} source columns (or {} with _row_id first), not {width}; list the columns: INSERT INTO {name} (col, …)",
                n + 1
            )));
        };
        return (first..=n).map(column_target).collect();
    }
    if columns.len() != width {
        return Err(Error::Invalid(format!(
            "INSERT INTO {name} lists {} columns but the source gives {width}",
            columns.len()
        )));
    }
    let mut seen = std::collections::HashSet::new();
    columns
        .iter()
        .map(|column| {
            if !seen.insert(column.as_str()) {
                return Err(Error::Invalid(format!(
                    "column {column} is listed twice in INSERT INTO {name}"
                )));
            }
            let index = layout.index_of(column).ok_or_else(|| {
                Error::Invalid(format!(
                    "{name} has no column {column}; its columns are {}",
                    layout
                        .columns
                        .iter()
                        .map(|c| c.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?;
            column_target(index)
        })
        .collect()
}

/// The key and action of `ON CONFLICT (key) DO …`.
fn conflict_key(insert: &Insert, targets: &[Target], table: &str) -> Result<Option<Key>> {
    let Some(on) = &insert.on else {
        return Ok(None);
    };
    let OnInsert::OnConflict(conflict) = on else {
        return Err(Error::Invalid(
            "use INSERT … ON CONFLICT (key) DO UPDATE SET col = EXCLUDED.col instead of ON DUPLICATE KEY UPDATE".to_owned(),
        ));
    };
    let position = |name: &str| targets.iter().position(|t| target_name(t) == name);
    let key_name = match &conflict.conflict_target {
        Some(ConflictTarget::Columns(columns)) if columns.len() == 1 => normalize(&columns[0]),
        Some(ConflictTarget::Columns(_)) => {
            return Err(Error::Invalid(
                "ON CONFLICT takes one key column (GTM Studio searches one column at a time)"
                    .to_owned(),
            ));
        }
        _ => {
            return Err(Error::Invalid(format!(
                "ON CONFLICT needs a key column: INSERT INTO {table} (…) … ON CONFLICT (email) DO UPDATE SET …"
            )));
        }
    };
    let index = position(&key_name).ok_or_else(|| {
        Error::Invalid(format!(
            "the ON CONFLICT key {key_name} must be one of the inserted columns"
        ))
    })?;
    let on_conflict = match &conflict.action {
        OnConflictAction::DoNothing => OnConflict::Nothing,
        OnConflictAction::DoUpdate(update) => {
            if update.selection.is_some() {
                return Err(Error::Invalid(
                    "ON CONFLICT … DO UPDATE … WHERE is not supported; filter the source instead"
                        .to_owned(),
                ));
            }
            let mut set = Vec::with_capacity(update.assignments.len());
            for assignment in &update.assignments {
                let AssignmentTarget::ColumnName(column) = &assignment.target else {
                    return Err(Error::Invalid(format!(
                        "DO UPDATE SET {assignment}: assign one column at a time"
                    )));
                };
                let column = column
                    .0
                    .last()
                    .and_then(|p| p.as_ident())
                    .map_or_else(|| column.to_string(), normalize);
                let excluded = match &assignment.value {
                    SqlExpr::CompoundIdentifier(parts)
                        if parts.len() == 2 && parts[0].value.eq_ignore_ascii_case("excluded") =>
                    {
                        Some(normalize(&parts[1]))
                    }
                    _ => None,
                };
                if excluded.as_deref() != Some(column.as_str()) {
                    return Err(Error::Invalid(format!(
                        "DO UPDATE SET {assignment}: only `{column} = EXCLUDED.{column}` is supported (the new value of the column)"
                    )));
                }
                let index = position(&column).ok_or_else(|| {
                    Error::Invalid(format!(
                        "DO UPDATE SET {column}: {column} is not one of the inserted columns"
                    ))
                })?;
                set.push(index);
            }
            OnConflict::Update(set)
        }
    };
    Ok(Some(Key { index, on_conflict }))
}
