//! The column procedures: `add_match_column`, `add_ai_column`, `add_formula_column` and
//! `set_match_criteria`.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use datafusion::arrow::array::{ArrayRef, StringArray};
use datafusion::arrow::datatypes::{DataType as ArrowType, Field, Schema, SchemaRef};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::common::TableReference;
use datafusion::dataframe::DataFrame;
use datafusion::sql::sqlparser::ast::Function;

use super::args::{Args, Param, Signature};
use super::procedure_frame;
use crate::client::{
    AudienceType, Column, ColumnType, DataType, MatchCriterion, MatchField, NewColumn,
};
use crate::error::{Error, Result};
use crate::functions::{DEFAULT_TOOL, parse_tool, resolve_dependencies};
use crate::provider::{AudienceTable, GtmCatalog};
use crate::session::GtmSession;

const AUDIENCE: Param = Param {
    name: "audience",
    form: "'folder.audience'",
    required: true,
    positional: true,
};

const NAME: Param = Param {
    name: "name",
    form: "'column name'",
    required: true,
    positional: true,
};

const DATA_TYPE: Param = Param {
    name: "data_type",
    form: "'DATA_TYPE'",
    required: false,
    positional: false,
};

static ADD_MATCH_COLUMN: Signature = Signature {
    procedure: "add_match_column",
    params: &[
        AUDIENCE,
        NAME,
        Param {
            name: "data_type",
            form: "'ZI_CONTACT_ID' | 'ZI_COMPANY_ID'",
            required: false,
            positional: false,
        },
    ],
    more_named: None,
};

static ADD_AI_COLUMN: Signature = Signature {
    procedure: "add_ai_column",
    params: &[
        AUDIENCE,
        NAME,
        Param {
            name: "prompt",
            form: "'text'",
            required: true,
            positional: false,
        },
        Param {
            name: "tool",
            form: "'AI_TOOL'",
            required: false,
            positional: false,
        },
        Param {
            name: "depends_on",
            form: "['column' | 'kb:<id>', …]",
            required: false,
            positional: false,
        },
        DATA_TYPE,
    ],
    more_named: None,
};

static ADD_FORMULA_COLUMN: Signature = Signature {
    procedure: "add_formula_column",
    params: &[
        AUDIENCE,
        NAME,
        Param {
            name: "expression",
            form: "'javascript expression'",
            required: false,
            positional: false,
        },
        Param {
            name: "prompt",
            form: "'text'",
            required: false,
            positional: false,
        },
        DATA_TYPE,
    ],
    more_named: None,
};

static SET_MATCH_CRITERIA: Signature = Signature {
    procedure: "set_match_criteria",
    params: &[AUDIENCE],
    more_named: Some("column => 'MATCH_FIELD'"),
};

/// The result of the `add_*_column` procedures: the created column.
static COLUMN_SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    Arc::new(Schema::new(vec![
        Field::new("column", ArrowType::Utf8, true),
        Field::new("name", ArrowType::Utf8, false),
        Field::new("column_id", ArrowType::Utf8, false),
        Field::new("column_type", ArrowType::Utf8, false),
        Field::new("data_type", ArrowType::Utf8, true),
    ]))
});

/// The result of `set_match_criteria`: one row per criterion.
static CRITERIA_SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    Arc::new(Schema::new(vec![
        Field::new("column", ArrowType::Utf8, true),
        Field::new("mapped_to", ArrowType::Utf8, false),
        Field::new("match_column", ArrowType::Utf8, true),
    ]))
});

/// A data type argument.
fn data_type(args: &Args) -> Result<Option<DataType>> {
    let Some(text) = args.text("data_type")? else {
        return Ok(None);
    };
    match DataType::from_wire(&text.trim().to_ascii_uppercase()) {
        DataType::Unknown(_) => Err(args.error(
            "data_type",
            format!(
                "unknown data type '{text}'; the data types are {}",
                DataType::KNOWN
                    .iter()
                    .map(DataType::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
        known => Ok(Some(known)),
    }
}

/// A column to create, with what must be checked first.
struct NewColumnRequest {
    audience: TableReference,
    column: NewColumn,
    /// `depends_on` entries to resolve (AI columns).
    depends_on: Vec<String>,
}

/// `CALL add_match_column('folder.audience', 'name' [, data_type => 'ZI_CONTACT_ID'])`.
pub(super) fn add_match_column(session: &GtmSession, call: &Function) -> Result<DataFrame> {
    let args = ADD_MATCH_COLUMN.bind(call)?;
    let audience = args.audience()?;
    let name = args.text("name")?.unwrap_or_default();
    let data_type = data_type(&args)?;
    if let Some(dt) = &data_type
        && !matches!(dt, DataType::ZiContactId | DataType::ZiCompanyId)
    {
        return Err(args.error(
            "data_type",
            format!("a match column holds ZI_CONTACT_ID or ZI_COMPANY_ID, not {dt}"),
        ));
    }
    let request = NewColumnRequest {
        audience: audience.clone(),
        column: NewColumn {
            data_type,
            ..NewColumn::zoominfo_match(name, DataType::ZiContactId)
        },
        depends_on: Vec::new(),
    };
    procedure_frame(
        session,
        format!("CallExec: add_match_column({audience})"),
        Arc::clone(&COLUMN_SCHEMA),
        request,
        |catalog, request| async move { create_column(&catalog, &request).await },
    )
}

/// `CALL add_ai_column('folder.audience', 'name', prompt => '…' [, tool => …]
/// [, depends_on => […]] [, data_type => …])`.
pub(super) fn add_ai_column(session: &GtmSession, call: &Function) -> Result<DataFrame> {
    let args = ADD_AI_COLUMN.bind(call)?;
    let audience = args.audience()?;
    let name = args.text("name")?.unwrap_or_default();
    let prompt = args.text("prompt")?.unwrap_or_default();
    let tool = match args.text("tool")? {
        Some(text) => Some(parse_tool(&text).map_err(|e| args.error("tool", e))?),
        None => None,
    };
    let depends_on = args.text_list("depends_on")?.unwrap_or_default();
    let request = NewColumnRequest {
        audience: audience.clone(),
        column: NewColumn {
            tool,
            data_type: data_type(&args)?,
            ..NewColumn::ai(name, prompt)
        },
        depends_on,
    };
    procedure_frame(
        session,
        format!("CallExec: add_ai_column({audience})"),
        Arc::clone(&COLUMN_SCHEMA),
        request,
        |catalog, request| async move { create_column(&catalog, &request).await },
    )
}

/// `CALL add_formula_column('folder.audience', 'name', expression => '…' [, prompt => '…']
/// [, data_type => …])`: the expression is JavaScript over the row's values; the prompt
/// (default: the expression) is what the API keeps as the column's prompt.
pub(super) fn add_formula_column(session: &GtmSession, call: &Function) -> Result<DataFrame> {
    let args = ADD_FORMULA_COLUMN.bind(call)?;
    let audience = args.audience()?;
    let name = args.text("name")?.unwrap_or_default();
    let expression = args.text("expression")?;
    let prompt = match (args.text("prompt")?, &expression) {
        (Some(prompt), _) => prompt,
        (None, Some(expression)) => expression.clone(),
        (None, None) => {
            return Err(args.error(
                "expression",
                "a formula column needs expression => 'javascript' or prompt => 'text'",
            ));
        }
    };
    let request = NewColumnRequest {
        audience: audience.clone(),
        column: NewColumn {
            script_expression: expression,
            data_type: data_type(&args)?,
            ..NewColumn::formula(name, prompt)
        },
        depends_on: Vec::new(),
    };
    procedure_frame(
        session,
        format!("CallExec: add_formula_column({audience})"),
        Arc::clone(&COLUMN_SCHEMA),
        request,
        |catalog, request| async move { create_column(&catalog, &request).await },
    )
}

/// Creates the column (after resolving its dependencies and, for a match column without a
/// data type, choosing the audience's), reloads the catalog, and returns the column's row.
async fn create_column(catalog: &GtmCatalog, request: &NewColumnRequest) -> Result<RecordBatch> {
    let table = catalog.resolve_audience(&request.audience).await?;
    let state = table.state();
    let mut column = request.column.clone();
    if column.column_type == ColumnType::ZoominfoMatch && column.data_type.is_none() {
        column.data_type = Some(match audience_type(catalog, &request.audience) {
            Some(AudienceType::Company) => DataType::ZiCompanyId,
            _ => DataType::ZiContactId,
        });
    }
    if !request.depends_on.is_empty() {
        let tool = column.tool.clone().unwrap_or(DEFAULT_TOOL);
        let offered = state
            .client
            .data_dependencies(&state.audience_id, tool.clone())
            .await
            .map_err(|e| {
                Error::remote(
                    format!(
                        "reading the {tool} data dependencies of {}",
                        state.display_name
                    ),
                    e,
                )
            })?;
        column.data_dependencies = resolve_dependencies(
            &state.layout,
            &offered,
            &request.depends_on,
            &tool,
            &state.display_name,
        )?;
    }
    let created = state
        .client
        .add_columns(&state.audience_id, std::slice::from_ref(&column))
        .await
        .map_err(|e| {
            Error::remote(
                format!(
                    "adding the {} column '{}' to {}",
                    column.column_type, column.name, state.display_name
                ),
                e,
            )
        })?;
    let table = reloaded(catalog, &request.audience).await?;
    let names = sql_names(&table);
    let column_name: Vec<Option<&str>> = created
        .iter()
        .map(|c| names.get(c.id.as_str()).copied())
        .collect();
    let strings = |f: fn(&Column) -> Option<String>| -> ArrayRef {
        Arc::new(created.iter().map(f).collect::<StringArray>())
    };
    Ok(RecordBatch::try_new(
        Arc::clone(&COLUMN_SCHEMA),
        vec![
            Arc::new(StringArray::from(column_name)),
            strings(|c| Some(c.name.clone())),
            strings(|c| Some(c.id.clone())),
            strings(|c| Some(c.column_type.as_str().to_owned())),
            strings(|c| c.data_type.as_ref().map(|d| d.as_str().to_owned())),
        ],
    )?)
}

/// The audience's type, from the catalog's listing.
fn audience_type(catalog: &GtmCatalog, reference: &TableReference) -> Option<AudienceType> {
    let folder = catalog.folder(reference.schema()?)?;
    folder
        .audience(reference.table())
        .map(|a| a.audience_type.clone())
}

/// The table after reloading the catalog (so that it has the columns just made).
async fn reloaded(catalog: &GtmCatalog, reference: &TableReference) -> Result<Arc<AudienceTable>> {
    catalog.refresh().await?;
    catalog.resolve_audience(reference).await
}

/// Column id → SQL name.
fn sql_names(table: &AudienceTable) -> HashMap<&str, &str> {
    table
        .state()
        .layout
        .columns
        .iter()
        .map(|c| (c.column.id.as_str(), c.name.as_str()))
        .collect()
}

/// Match criteria to set: `None` asks the server to map the columns itself.
struct CriteriaRequest {
    audience: TableReference,
    /// (SQL column name, field).
    mappings: Option<Vec<(String, MatchField)>>,
}

/// `CALL set_match_criteria('folder.audience' [, column => 'MATCH_FIELD', …])`.
pub(super) fn set_match_criteria(session: &GtmSession, call: &Function) -> Result<DataFrame> {
    let args = SET_MATCH_CRITERIA.bind(call)?;
    let audience = args.audience()?;
    let mut mappings = Vec::new();
    for (column, text) in args.more_texts()? {
        let field = match MatchField::from_wire(&text.trim().to_ascii_uppercase()) {
            MatchField::Unknown(_) => {
                return Err(args.error(
                    &column,
                    format!(
                        "unknown match field '{text}'; the match fields are {}",
                        MatchField::KNOWN
                            .iter()
                            .map(MatchField::as_str)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
            known => known,
        };
        mappings.push((column, field));
    }
    let request = CriteriaRequest {
        audience: audience.clone(),
        mappings: (!mappings.is_empty()).then_some(mappings),
    };
    procedure_frame(
        session,
        format!("CallExec: set_match_criteria({audience})"),
        Arc::clone(&CRITERIA_SCHEMA),
        request,
        |catalog, request| async move { match_criteria(&catalog, &request).await },
    )
}

async fn match_criteria(catalog: &GtmCatalog, request: &CriteriaRequest) -> Result<RecordBatch> {
    let table = catalog.resolve_audience(&request.audience).await?;
    let state = table.state();
    let criteria = match &request.mappings {
        None => None,
        Some(mappings) => {
            let mut criteria = Vec::with_capacity(mappings.len());
            for (name, field) in mappings {
                let Some(column) = state.layout.columns.iter().find(|c| c.name == *name) else {
                    let names: Vec<&str> = state
                        .layout
                        .columns
                        .iter()
                        .map(|c| c.name.as_str())
                        .collect();
                    return Err(Error::Invalid(format!(
                        "set_match_criteria: {} has no column {name}; its columns are {}",
                        state.display_name,
                        names.join(", ")
                    )));
                };
                criteria.push(MatchCriterion {
                    column_id: column.column.id.clone(),
                    mapped_to: field.clone(),
                });
            }
            Some(criteria)
        }
    };
    let match_column = state
        .client
        .set_match_criteria(&state.audience_id, criteria.as_deref())
        .await
        .map_err(|e| {
            Error::remote(
                format!("setting the match criteria of {}", state.display_name),
                e,
            )
        })?;
    let table = reloaded(catalog, &request.audience).await?;
    let names = sql_names(&table);
    let criteria = &match_column.match_criteria;
    let column: Vec<Option<&str>> = criteria
        .iter()
        .map(|c| names.get(c.column_id.as_str()).copied())
        .collect();
    let mapped_to: Vec<&str> = criteria.iter().map(|c| c.mapped_to.as_str()).collect();
    let match_name = names.get(match_column.id.as_str()).copied();
    Ok(RecordBatch::try_new(
        Arc::clone(&CRITERIA_SCHEMA),
        vec![
            Arc::new(StringArray::from(column)),
            Arc::new(StringArray::from(mapped_to)),
            Arc::new(StringArray::from(vec![match_name; criteria.len()])),
        ],
    )?)
}
