//! `/audiences/{id}/columns` handlers, and the validation of new columns (shared with
//! audience creation).

use std::collections::HashSet;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;

use super::{json, no_content, require_audience};
use crate::AppState;
use crate::ai;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::jobs::formula::FormulaEngine;
use crate::model::{AiTool, AudienceType, ColumnType, DataType, ExpressionLanguage, InputType};
use crate::store::audiences::{self, Audience};
use crate::store::columns::{self, Column, ColumnPatch, Dependency, NewColumn};
use crate::value;
use crate::wire::read::{Node, require_body};
use crate::wire::response::{ColumnOut, Doc};

const NAME_MAX: usize = 100;
const PROMPT_MAX: usize = 10_000;

/// What new columns are checked against.
pub(crate) struct ColumnRules<'a> {
    pub(crate) audience_type: AudienceType,
    /// Columns the audience already has.
    pub(crate) existing: &'a [Column],
    /// Only CUSTOM columns (audience creation).
    pub(crate) custom_only: bool,
}

/// Validates the `data` array of new columns.
pub(crate) fn parse_columns(
    items: &[Node<'_>],
    rules: &ColumnRules<'_>,
) -> ApiResult<Vec<NewColumn>> {
    let mut names: HashSet<String> = rules
        .existing
        .iter()
        .map(|c| c.name.to_lowercase())
        .collect();
    let mut has_match = rules
        .existing
        .iter()
        .any(|c| c.column_type == ColumnType::ZoominfoMatch);
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let col = parse_column(item, rules)?;
        if !names.insert(col.name.to_lowercase()) {
            let node = item.field("attributes");
            return Err(node.field("name").error(format!(
                "a column named '{}' already exists in this audience",
                col.name
            )));
        }
        if col.column_type == ColumnType::ZoominfoMatch {
            if has_match {
                let node = item.field("attributes");
                return Err(node.field("columnType").error(
                    "the audience already has a ZOOMINFO_MATCH column; an audience has one match column",
                ));
            }
            has_match = true;
        }
        out.push(col);
    }
    Ok(out)
}

fn parse_column(item: &Node<'_>, rules: &ColumnRules<'_>) -> ApiResult<NewColumn> {
    item.required_object()?;
    item.expect_type("Column")?;
    let attrs = item.field("attributes");
    attrs.required_object()?;
    let type_node = attrs.field("columnType");
    let column_type: ColumnType = type_node.required_parse()?;
    if !columns::creatable(column_type) {
        return Err(type_node.error(format!(
            "columns of type {column_type} cannot be created through the API; use CUSTOM, FORMULA, AI or ZOOMINFO_MATCH"
        )));
    }
    if rules.custom_only && column_type != ColumnType::Custom {
        return Err(type_node.error(format!(
            "only CUSTOM columns can be defined when creating an audience; add {column_type} columns with Create New Columns"
        )));
    }
    let name_node = attrs.field("name");
    let name = name_node.required_str()?.trim().to_owned();
    name_node.check_len(&name, NAME_MAX)?;
    let dt_node = attrs.field("dataType");
    let data_type: Option<DataType> = dt_node.parse()?;
    let mut col = NewColumn {
        name,
        column_type,
        data_type,
        is_frozen: attrs.field("isFrozen").bool()?.unwrap_or(false),
        is_hidden: attrs.field("isHidden").bool()?.unwrap_or(false),
        prompt: None,
        tool: None,
        dependencies: Vec::new(),
        script_expression: None,
    };
    let check_custom_type = |dt: Option<DataType>| -> ApiResult<()> {
        match dt {
            Some(dt) if !value::custom_allowed(dt) => Err(dt_node.error(format!(
                "dataType {dt} is not supported for {column_type} columns; use one of TEXT, LARGE_TEXT, EMAIL, PHONE, URL, INTEGER, DECIMAL, PERCENT, CURRENCY, BOOLEAN, CHECKBOX, DATE, STRING_LIST, NUMBER_LIST, EMAIL_LIST, PHONE_LIST, URL_LIST, OBJECT"
            ))),
            _ => Ok(()),
        }
    };
    match column_type {
        ColumnType::Custom => {
            if data_type.is_none() {
                return Err(
                    dt_node.error("data.attributes.dataType is required for CUSTOM columns")
                );
            }
            check_custom_type(data_type)?;
        }
        ColumnType::ZoominfoMatch => {
            let expected = match rules.audience_type {
                AudienceType::Contact => DataType::ZiContactId,
                AudienceType::Company => DataType::ZiCompanyId,
            };
            match data_type {
                None => {
                    return Err(dt_node.error(format!(
                        "dataType is required for ZOOMINFO_MATCH columns ({expected} in a {} audience)",
                        rules.audience_type
                    )));
                }
                Some(dt) if dt != expected => {
                    return Err(dt_node.error(format!(
                        "a ZOOMINFO_MATCH column in a {} audience has dataType {expected}, not {dt}",
                        rules.audience_type
                    )));
                }
                Some(_) => {}
            }
        }
        ColumnType::Formula => {
            check_custom_type(data_type)?;
            let prompt = prompt(&attrs)?;
            let script = attrs.field("scriptConfiguration");
            let expression = match script.object()? {
                Some(_) => {
                    // JAVASCRIPT is the only language (and the default).
                    let _: Option<ExpressionLanguage> = script.field("language").parse()?;
                    Some(script.field("expression").required_str()?.to_owned())
                }
                None => None,
            };
            // The prompt itself is the program when it is JavaScript (see `jobs::formula`).
            col.script_expression = match expression {
                Some(e) => Some(e),
                None => FormulaEngine::check(&prompt)
                    .is_ok()
                    .then(|| prompt.clone()),
            };
            col.prompt = Some(prompt);
        }
        ColumnType::Ai => {
            check_custom_type(data_type)?;
            col.prompt = Some(prompt(&attrs)?);
            let tool_node = attrs.field("tool");
            col.tool = tool_node.parse::<AiTool>()?;
            let deps_node = attrs.field("dataDependencies");
            if let Some(deps) = deps_node.array()? {
                let kb = ai::knowledge_base_attributes(
                    rules.audience_type,
                    col.tool.unwrap_or(AiTool::AiDataAnalysis),
                );
                for dep in &deps {
                    dep.required_object()?;
                    let id_node = dep.field("id");
                    let id = id_node.required_str()?;
                    let kind: InputType = dep.field("type").required_parse()?;
                    let known = match kind {
                        InputType::Column => rules
                            .existing
                            .iter()
                            .any(|c| c.id == id && c.column_type != ColumnType::Ai),
                        InputType::KnowledgeBase => kb.iter().any(|k| k.id == id),
                    };
                    if !known {
                        return Err(id_node.error(format!(
                            "'{id}' is not a {kind} this AI column can depend on; see GET .../columns/data-dependencies/{}",
                            col.tool.unwrap_or(AiTool::AiDataAnalysis)
                        )));
                    }
                    col.dependencies.push(Dependency {
                        id: id.to_owned(),
                        kind,
                    });
                }
            }
        }
        _ => {}
    }
    Ok(col)
}

fn prompt(attrs: &Node<'_>) -> ApiResult<String> {
    let node = attrs.field("prompt");
    let p = node.required_str()?;
    node.check_len(p, PROMPT_MAX)?;
    Ok(p.to_owned())
}

/// `POST /audiences/{audienceId}/columns/actions/bulk/create`.
pub(crate) async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(audience_id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let body = require_body(&body)?;
    let actor = caller.actor;
    let (audience, created) = state
        .store
        .write(move |db| {
            let audience = require_audience(db, &audience_id)?;
            let root = Node::root(&body);
            let data = root.field("data");
            let items = data.required_array()?;
            if items.is_empty() {
                return Err(data.error("data must hold at least one column"));
            }
            let new = parse_columns(
                &items,
                &ColumnRules {
                    audience_type: audience.audience_type,
                    existing: &audience.columns,
                    custom_only: false,
                },
            )?;
            let created = columns::create(db, audience.seq, &new, &actor)?;
            let audience = require_audience(db, &audience.id)?;
            Ok((audience, created))
        })
        .await?;
    let data: Vec<ColumnOut<'_>> = created
        .iter()
        .map(|c| ColumnOut::new(c, &audience))
        .collect();
    Ok(json(StatusCode::CREATED, &Doc { data }))
}

/// `PATCH /audiences/{audienceId}/columns/{columnId}`.
pub(crate) async fn update(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((audience_id, column_id)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult<Response> {
    let body = crate::wire::read::parse_body(&body)?;
    let actor = caller.actor;
    let (audience, column) = state
        .store
        .write(move |db| {
            let audience = require_audience(db, &audience_id)?;
            let col = audience
                .column(&column_id)
                .cloned()
                .ok_or_else(|| ApiError::not_found("columnId", "Column", &column_id))?;
            let mut patch = ColumnPatch::default();
            if let Some(body) = &body {
                let root = Node::root(body);
                let data = root.field("data");
                if data.object()?.is_some() {
                    data.expect_optional_type("Column")?;
                    let attrs = data.field("attributes");
                    if let Some(members) = attrs.object()? {
                        for key in members.keys() {
                            if !matches!(key.as_str(), "name" | "isFrozen" | "isHidden") {
                                return Err(attrs.field(key).error(format!(
                                    "'{key}' cannot be changed; a column PATCH takes name, isFrozen and isHidden"
                                )));
                            }
                        }
                        let name = attrs.field("name");
                        if let Some(n) = name.str()? {
                            if n.trim().is_empty() {
                                return Err(name.error("data.attributes.name must not be blank"));
                            }
                            name.check_len(n, NAME_MAX)?;
                            if audience
                                .columns
                                .iter()
                                .any(|c| c.id != col.id && c.name.eq_ignore_ascii_case(n.trim()))
                            {
                                return Err(name.error(format!(
                                    "a column named '{}' already exists in this audience",
                                    n.trim()
                                )));
                            }
                            patch.name = Some(n.trim().to_owned());
                        }
                        patch.is_frozen = attrs.field("isFrozen").bool()?;
                        patch.is_hidden = attrs.field("isHidden").bool()?;
                    }
                }
            }
            if !col.is_editable() {
                return Err(ApiError::validation(
                    "/data",
                    format!(
                        "column '{}' is not editable (isEditable: false); only CUSTOM columns can be updated",
                        col.name
                    ),
                ));
            }
            let updated = columns::patch(db, audience.seq, &col, &patch, &actor)?
                .ok_or_else(|| ApiError::not_found("columnId", "Column", &col.id))?;
            let audience = require_audience(db, &audience.id)?;
            Ok((audience, updated))
        })
        .await?;
    Ok(json(
        StatusCode::OK,
        &Doc {
            data: ColumnOut::new(&column, &audience),
        },
    ))
}

/// `DELETE /audiences/{audienceId}/columns/{columnId}`.
pub(crate) async fn remove(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((audience_id, column_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let actor = caller.actor;
    state
        .store
        .write(move |db| {
            let audience = require_audience(db, &audience_id)?;
            let col = audience
                .column(&column_id)
                .cloned()
                .ok_or_else(|| ApiError::not_found("columnId", "Column", &column_id))?;
            if !col.is_deletable() {
                return Err(ApiError::validation(
                    "",
                    format!(
                        "column '{}' ({}) cannot be deleted",
                        col.name, col.column_type
                    ),
                ));
            }
            columns::delete(db, audience.seq, &col)?;
            // Match criteria that read from this column go with it.
            let kept: Vec<_> = audience
                .match_criteria
                .iter()
                .filter(|m| m.column_id != col.id)
                .cloned()
                .collect();
            if kept.len() != audience.match_criteria.len() {
                audiences::set_match_criteria(db, audience.seq, &kept, &actor)?;
            }
            audiences::rows_changed(db, audience.seq, 0, Some(&actor))?;
            Ok(())
        })
        .await?;
    Ok(no_content())
}

#[derive(Debug, Serialize)]
struct DependencyOut {
    id: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(rename = "dataType")]
    data_type: DataType,
    #[serde(rename = "type")]
    kind: InputType,
}

#[derive(Debug, Serialize)]
struct DependencyList {
    #[serde(rename = "type")]
    kind: &'static str,
    attributes: Vec<DependencyOut>,
}

/// `GET /audiences/{audienceId}/columns/data-dependencies/{tool}`.
pub(crate) async fn data_dependencies(
    State(state): State<AppState>,
    Path((audience_id, tool)): Path<(String, String)>,
) -> ApiResult<Response> {
    let tool: AiTool = tool.parse().map_err(|e: crate::model::UnknownValue| {
        ApiError::invalid_parameter("tool", e.to_string())
    })?;
    let audience: Audience = state
        .store
        .read(move |db| require_audience(db, &audience_id))
        .await?;
    let mut out: Vec<DependencyOut> = audience
        .columns
        .iter()
        .filter(|c| c.column_type != ColumnType::Ai)
        .map(|c| DependencyOut {
            id: c.id.clone(),
            name: c.name.clone(),
            description: Some(format!("Audience column ({})", c.column_type)),
            data_type: c.value_type(),
            kind: InputType::Column,
        })
        .collect();
    out.extend(
        ai::knowledge_base_attributes(audience.audience_type, tool)
            .into_iter()
            .map(|k| DependencyOut {
                id: k.id.to_owned(),
                name: k.name.to_owned(),
                description: Some(k.description.to_owned()),
                data_type: k.data_type,
                kind: InputType::KnowledgeBase,
            }),
    );
    Ok(json(
        StatusCode::OK,
        &Doc {
            data: DependencyList {
                kind: "ColumnDataDependencyList",
                attributes: out,
            },
        },
    ))
}
