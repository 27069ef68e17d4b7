//! `/audiences` handlers: CRUD, filter metadata and match criteria.

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{OriginalUri, Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Serialize;

use super::columns::{ColumnRules, parse_columns};
use super::{QueryParams, json, no_content, require_audience, self_url};
use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::filter;
use crate::match_criteria;
use crate::model::{AudienceType, ColumnType, DataType, MatchField, Origin};
use crate::population;
use crate::store::audiences::{
    self, AudiencePatch, ListQuery, MatchCriterion, NewAudience, SortKey,
};
use crate::store::columns::{self, NewColumn};
use crate::store::{folders, rows};
use crate::wire::read::{Node, parse_body, require_body};
use crate::wire::response::{AudienceOut, ColumnOut, Doc, Links, ListDoc, PageMeta, Pagination};

const NAME_MAX: usize = 100;
const DESCRIPTION_MAX: usize = 500;
const NOTES_MAX: usize = 1000;

fn text(node: &Node<'_>, max: usize) -> ApiResult<Option<String>> {
    match node.str()? {
        Some(s) => {
            node.check_len(s, max)?;
            Ok(Some(s.to_owned()))
        }
        None => Ok(None),
    }
}

/// `POST /audiences[?autoMatchCriteria=true]`.
pub(crate) async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> ApiResult<Response> {
    let q = QueryParams::parse(raw);
    let auto_match = q.bool("autoMatchCriteria")?.unwrap_or(false);
    let body = require_body(&body)?;
    let actor = caller.actor;
    let graph = std::sync::Arc::clone(&state.graph);
    let audience = state
        .store
        .write(move |db| {
            let (new, population) = parse_new_audience(&body, db)?;
            let audience = audiences::create(db, &new, &actor)?;
            if let Some(criteria) = population {
                let rows =
                    population::rows(&graph, audience.audience_type, &criteria, &audience.columns);
                rows::insert_values(db, &audience, &rows)?;
                let matching =
                    population::match_criteria(audience.audience_type, &audience.columns);
                audiences::set_match_criteria(db, audience.seq, &matching, &actor)?;
            } else if auto_match {
                let criteria = match_criteria::auto_map(&audience.columns, audience.audience_type);
                audiences::set_match_criteria(db, audience.seq, &criteria, &actor)?;
            }
            require_audience(db, &audience.id)
        })
        .await?;
    Ok(json(
        StatusCode::CREATED,
        &Doc {
            data: AudienceOut::new(&audience, true),
        },
    ))
}

/// A new audience, and for ZOOMINFO_PUBLIC_API the criteria to populate it with.
fn parse_new_audience(
    body: &serde_json::Value,
    db: &rusqlite::Connection,
) -> ApiResult<(NewAudience, Option<population::Criteria>)> {
    let root = Node::root(body);
    let data = root.field("data");
    data.required_object()?;
    data.expect_type("Audience")?;
    let attrs = data.field("attributes");
    attrs.required_object()?;
    let name_node = attrs.field("name");
    let name = name_node.required_str()?.trim().to_owned();
    name_node.check_len(&name, NAME_MAX)?;
    let audience_type: AudienceType = attrs.field("type").required_parse()?;
    let origin_node = attrs.field("origin");
    let origin = origin_node.parse::<Origin>()?.unwrap_or(Origin::Custom);
    if !matches!(origin, Origin::Custom | Origin::ZoominfoPublicApi) {
        return Err(origin_node.error(format!(
            "origin {origin} cannot be set through the API; use CUSTOM or ZOOMINFO_PUBLIC_API"
        )));
    }
    let folder_node = attrs.field("folderId");
    let folder_id = folder_node.str()?.map(str::to_owned);
    if let Some(f) = &folder_id
        && !folders::exists(db, f)?
    {
        return Err(folder_node.error(format!("folder '{f}' does not exist")));
    }
    let criteria_node = attrs.field("zoomInfoSearchCriteria");
    let search_criteria = criteria_node
        .object()?
        .map(|o| serde_json::Value::Object(o.clone()));
    if origin == Origin::ZoominfoPublicApi {
        let needed = match audience_type {
            AudienceType::Contact => "contactSearch",
            AudienceType::Company => "companySearch",
        };
        if criteria_node.field(needed).object()?.is_none() {
            return Err(criteria_node.field(needed).error(format!(
                "a ZOOMINFO_PUBLIC_API {audience_type} audience needs zoomInfoSearchCriteria.{needed}"
            )));
        }
    }
    for key in ["companySearch", "contactSearch"] {
        criteria_node.field(key).object()?;
    }
    let population = match origin {
        Origin::ZoominfoPublicApi => Some(population::parse(&criteria_node, audience_type)?),
        _ => None,
    };
    let columns_node = attrs.field("columns");
    let mut columns: Vec<NewColumn> = match columns_node.array()? {
        Some(items) => parse_columns(
            &items,
            &ColumnRules {
                audience_type,
                existing: &[],
                custom_only: true,
            },
        )?,
        None => Vec::new(),
    };
    if population.is_some() {
        let system = population::columns(audience_type);
        if let Some(clash) = columns
            .iter()
            .find(|c| system.iter().any(|s| s.name.eq_ignore_ascii_case(&c.name)))
        {
            return Err(columns_node.error(format!(
                "'{}' is the name of a ZoomInfo column of ZOOMINFO_PUBLIC_API audiences; choose another",
                clash.name
            )));
        }
        columns.splice(0..0, system);
    }
    let new = NewAudience {
        name,
        description: text(&attrs.field("description"), DESCRIPTION_MAX)?,
        notes: text(&attrs.field("notes"), NOTES_MAX)?,
        audience_type,
        origin,
        folder_id,
        search_criteria,
        columns,
    };
    Ok((new, population))
}

/// `GET /audiences`.
pub(crate) async fn list(
    State(state): State<AppState>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let q = QueryParams::parse(raw);
    let (page, size) = q.page(100)?;
    let (sort, descending) = match q.sort() {
        None => (SortKey::UpdatedAt, true),
        Some((key, desc)) => (
            match key.as_str() {
                "name" => SortKey::Name,
                "createdAt" => SortKey::CreatedAt,
                "updatedAt" => SortKey::UpdatedAt,
                "recordCount" => SortKey::RecordCount,
                other => {
                    return Err(ApiError::invalid_parameter(
                        "sort",
                        format!(
                            "sort '{other}' is not allowed; use name, createdAt, updatedAt or recordCount"
                        ),
                    ));
                }
            },
            desc,
        ),
    };
    let audience_type = match q.get("filter[type]") {
        None => None,
        Some(t) => Some(
            t.parse::<AudienceType>()
                .map_err(|e| ApiError::invalid_parameter("filter[type]", e.to_string()))?,
        ),
    };
    let query = ListQuery {
        audience_type,
        search_text: q.get("filter[searchText]").map(str::to_owned),
        sort,
        descending,
        page,
        size,
    };
    let (items, total) = state
        .store
        .read(move |db| audiences::list(db, &query))
        .await?;
    let links = Links::build(&self_url(&headers, uri.path()), q.raw(), page, size, total);
    Ok(json(
        StatusCode::OK,
        &ListDoc {
            data: items.iter().map(|a| AudienceOut::new(a, false)).collect(),
            meta: Pagination {
                page: PageMeta { size, number: page },
                total,
            },
            links,
        },
    ))
}

/// `GET /audiences/{audienceId}`.
pub(crate) async fn get(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let audience = state
        .store
        .read(move |db| require_audience(db, &id))
        .await?;
    Ok(json(
        StatusCode::OK,
        &Doc {
            data: AudienceOut::new(&audience, true),
        },
    ))
}

/// `PATCH /audiences/{audienceId}`: name, description, notes, folderId.
pub(crate) async fn update(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let body = require_body(&body)?;
    let actor = caller.actor;
    let audience = state
        .store
        .write(move |db| {
            let audience = require_audience(db, &id)?;
            let root = Node::root(&body);
            let data = root.field("data");
            data.required_object()?;
            data.expect_type("Audience")?;
            let attrs = data.field("attributes");
            let mut patch = AudiencePatch::default();
            if let Some(members) = attrs.required_object().map(Some).or_else(|e| {
                if attrs.is_missing() { Ok(None) } else { Err(e) }
            })? {
                for key in members.keys() {
                    if !matches!(key.as_str(), "name" | "description" | "notes" | "folderId") {
                        return Err(attrs.field(key).error(format!(
                            "the request contains unsupported fields: '{key}' cannot be changed (name, description, notes and folderId can)"
                        )));
                    }
                }
                let name = attrs.field("name");
                if let Some(n) = name.str()? {
                    if n.trim().is_empty() {
                        return Err(name.error("data.attributes.name must not be blank"));
                    }
                    name.check_len(n, NAME_MAX)?;
                    patch.name = Some(n.trim().to_owned());
                }
                patch.description = text(&attrs.field("description"), DESCRIPTION_MAX)?;
                patch.notes = text(&attrs.field("notes"), NOTES_MAX)?;
                let folder = attrs.field("folderId");
                if let Some(f) = folder.str()? {
                    if !folders::exists(db, f)? {
                        return Err(folder.error(format!("folder '{f}' does not exist")));
                    }
                    patch.folder_id = Some(f.to_owned());
                }
            }
            audiences::patch(db, &audience, &patch, &actor)
        })
        .await?;
    Ok(json(
        StatusCode::OK,
        &Doc {
            data: AudienceOut::new(&audience, false),
        },
    ))
}

/// `DELETE /audiences/{audienceId}`.
pub(crate) async fn remove(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    state
        .store
        .write(move |db| {
            let audience = require_audience(db, &id)?;
            audiences::delete(db, &audience)
        })
        .await?;
    Ok(no_content())
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct OperatorOut {
    operator: &'static str,
    is_multiple_supported: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    value_count_limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_char_limit: Option<u32>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ColumnFilterOut {
    column_id: String,
    is_filterable: bool,
    filter_operators: Vec<OperatorOut>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct FilterMetadataAttrs {
    filter_metadata: Vec<ColumnFilterOut>,
}

#[derive(Debug, Serialize)]
struct FilterMetadataOut {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    attributes: FilterMetadataAttrs,
}

/// `GET /audiences/{audienceId}/filter-metadata`.
pub(crate) async fn filter_metadata(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let audience = state
        .store
        .read(move |db| require_audience(db, &id))
        .await?;
    let filter_metadata = audience
        .columns
        .iter()
        .map(|c| {
            let ops = if c.is_filterable() {
                filter::operators(c.value_type())
            } else {
                Vec::new()
            };
            ColumnFilterOut {
                column_id: c.id.clone(),
                is_filterable: !ops.is_empty(),
                filter_operators: ops
                    .iter()
                    .map(|o| OperatorOut {
                        operator: o.operator.as_str(),
                        is_multiple_supported: o.multiple,
                        value_count_limit: o.value_count_limit,
                        min_char_limit: o.min_char_limit,
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(json(
        StatusCode::OK,
        &Doc {
            data: FilterMetadataOut {
                id: audience.id.clone(),
                kind: "AudienceFilterMetadata",
                attributes: FilterMetadataAttrs { filter_metadata },
            },
        },
    ))
}

/// `POST /audiences/{audienceId}/actions/match-criteria` (body optional: auto-maps).
pub(crate) async fn match_criteria(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let body = parse_body(&body)?;
    let actor = caller.actor;
    let audience = state
        .store
        .write(move |db| {
            let audience = require_audience(db, &id)?;
            let explicit = match &body {
                Some(body) => parse_criteria(body, &audience)?,
                None => None,
            };
            let criteria = explicit.unwrap_or_else(|| {
                match_criteria::auto_map(&audience.columns, audience.audience_type)
            });
            audiences::set_match_criteria(db, audience.seq, &criteria, &actor)?;
            if audience.match_column().is_none() {
                let (name, dt) = match audience.audience_type {
                    AudienceType::Contact => ("ZoomInfo Contact ID", DataType::ZiContactId),
                    AudienceType::Company => ("ZoomInfo Company ID", DataType::ZiCompanyId),
                };
                let mut col = NewColumn::custom(&unique_name(&audience, name), dt);
                col.column_type = ColumnType::ZoominfoMatch;
                columns::create(db, audience.seq, &[col], &actor)?;
            }
            require_audience(db, &audience.id)
        })
        .await?;
    let column = audience
        .match_column()
        .ok_or_else(|| ApiError::internal("the match column vanished"))?;
    Ok(json(
        StatusCode::OK,
        &Doc {
            data: ColumnOut::new(column, &audience),
        },
    ))
}

fn unique_name(audience: &audiences::Audience, base: &str) -> String {
    let taken = |n: &str| {
        audience
            .columns
            .iter()
            .any(|c| c.name.eq_ignore_ascii_case(n))
    };
    if !taken(base) {
        return base.to_owned();
    }
    (2..)
        .map(|i| format!("{base} {i}"))
        .find(|n| !taken(n))
        .unwrap_or_else(|| base.to_owned())
}

/// Explicit criteria from a body; `None` when the body has none (auto-map).
fn parse_criteria(
    body: &serde_json::Value,
    audience: &audiences::Audience,
) -> ApiResult<Option<Vec<MatchCriterion>>> {
    let root = Node::root(body);
    let data = root.field("data");
    if data.object()?.is_none() {
        return Ok(None);
    }
    data.expect_optional_type("UpsertMatchCriteria")?;
    let attrs = data.field("attributes");
    attrs.object()?;
    let list = attrs.field("matchCriteria");
    let Some(items) = list.array()? else {
        return Ok(None);
    };
    let mut out: Vec<MatchCriterion> = Vec::with_capacity(items.len());
    for item in &items {
        item.required_object()?;
        let col_node = item.field("columnId");
        let column_id = col_node.required_str()?;
        let Some(col) = audience.column(column_id) else {
            return Err(col_node.error(format!(
                "column '{column_id}' does not exist in this audience"
            )));
        };
        if col.column_type == ColumnType::ZoominfoMatch {
            return Err(col_node.error("the match column cannot be a match input"));
        }
        let to_node = item.field("mappedTo");
        let mapped_to: MatchField = to_node.required_parse()?;
        if !match_criteria::allowed(mapped_to, audience.audience_type) {
            return Err(to_node.error(format!(
                "{mapped_to} is not a {} attribute; for {} audiences use fields supported for {} records",
                audience.audience_type.as_str().to_lowercase(),
                audience.audience_type,
                audience.audience_type.as_str().to_lowercase()
            )));
        }
        if out.iter().any(|c| c.mapped_to == mapped_to) {
            return Err(to_node.error(format!("{mapped_to} is mapped twice")));
        }
        out.push(MatchCriterion {
            column_id: column_id.to_owned(),
            mapped_to,
        });
    }
    Ok(Some(out))
}
