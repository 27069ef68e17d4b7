//! `/audiences/{id}/rows` handlers: get, search, upsert (sync and bulk), bulk delete.

use std::collections::HashSet;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{OriginalUri, Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use super::{QueryParams, json, require_audience, self_url};
use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::filter;
use crate::jobs::{self, EnrichRequest};
use crate::store::audiences::Audience;
use crate::store::columns::Column;
use crate::store::jobs::JobSpec;
use crate::store::rows::{self, Upsert};
use crate::store::search::{self, Sort};
use crate::value;
use crate::wire::read::{Node, parse_body, require_body};
use crate::wire::response::{Doc, IdOnly, Links, ListDoc, PageMeta, Pagination, RowOut};

/// Rows per sync upsert.
const UPSERT_MAX: usize = 50;
/// Rows per bulk upsert.
const BULK_UPSERT_MAX: usize = 500;
/// Row ids per bulk delete.
const DELETE_MAX: usize = 1000;
/// Rows per search page.
const PAGE_MAX: u32 = 500;

/// The columns named by a `columns=` parameter (all when absent), in audience order.
fn projection<'a>(
    audience: &'a Audience,
    q: &QueryParams,
    strict: bool,
) -> ApiResult<Vec<&'a Column>> {
    let Some(ids) = q.list("columns") else {
        return Ok(audience.columns.iter().collect());
    };
    if strict && let Some(unknown) = ids.iter().find(|id| audience.column(id).is_none()) {
        return Err(ApiError::invalid_parameter(
            "columns",
            format!("column '{unknown}' does not exist in this audience"),
        ));
    }
    Ok(audience
        .columns
        .iter()
        .filter(|c| ids.contains(&c.id))
        .collect())
}

/// `GET /audiences/{audienceId}/rows/{rowId}[?columns=…]`.
pub(crate) async fn get(
    State(state): State<AppState>,
    Path((audience_id, row_id)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let q = QueryParams::parse(raw);
    let row = state
        .store
        .read(move |db| {
            let audience = require_audience(db, &audience_id)?;
            let cols = projection(&audience, &q, false)?;
            rows::read_by_id(db, &audience, &cols, &row_id)?
                .ok_or_else(|| ApiError::not_found("rowId", "Row", &row_id))
        })
        .await?;
    Ok(json(
        StatusCode::OK,
        &Doc {
            data: RowOut::from(&row),
        },
    ))
}

/// `POST /audiences/{audienceId}/rows/actions/search`.
pub(crate) async fn search(
    State(state): State<AppState>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Path(audience_id): Path<String>,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> ApiResult<Response> {
    let q = QueryParams::parse(raw);
    let (number, size) = q.page(PAGE_MAX)?;
    let body = parse_body(&body)?;
    let today = chrono::Utc::now().date_naive();
    let store = state.store.clone();
    let (page, raw_query) = state
        .store
        .read(move |db| {
            let audience = require_audience(db, &audience_id)?;
            let sort = match q.sort() {
                None => None,
                Some((key, descending)) => {
                    let Some(index) = audience.columns.iter().position(|c| c.id == key) else {
                        return Err(ApiError::invalid_parameter(
                            "sort",
                            format!("sort must be a columnId of this audience (with an optional '-'), not '{key}'"),
                        ));
                    };
                    let col = &audience.columns[index];
                    if !col.is_sortable() {
                        return Err(ApiError::invalid_parameter(
                            "sort",
                            format!("column '{}' ({}) is not sortable", col.name, col.value_type()),
                        ));
                    }
                    Some(Sort {
                        column: index,
                        descending,
                    })
                }
            };
            let cols = projection(&audience, &q, true)?;
            let spec = filter::parse_search(body.as_ref(), &audience, today)?;
            let w = search::compile(&audience, &spec);
            let page = search::page(db, store.counts(), &audience, &cols, &w, sort, number, size)?;
            Ok((page, q.raw().to_owned()))
        })
        .await?;
    let links = Links::build(
        &self_url(&headers, uri.path()),
        &raw_query,
        number,
        size,
        page.total,
    );
    Ok(json(
        StatusCode::OK,
        &ListDoc {
            data: page.rows.iter().map(RowOut::from).collect(),
            meta: Pagination {
                page: PageMeta { size, number },
                total: page.total,
            },
            links,
        },
    ))
}

/// `POST /audiences/{audienceId}/rows/actions/upsert` (at most 50 rows).
pub(crate) async fn upsert(
    state: State<AppState>,
    caller: Extension<Caller>,
    path: Path<String>,
    query: RawQuery,
    body: Bytes,
) -> ApiResult<Response> {
    upsert_rows(state, caller, path, query, body, UPSERT_MAX).await
}

/// `POST /audiences/{audienceId}/rows/actions/bulk/upsert` (at most 500 rows; accepts the
/// user guide's `?runEnrichment=true[&columns=…]`).
pub(crate) async fn bulk_upsert(
    state: State<AppState>,
    caller: Extension<Caller>,
    path: Path<String>,
    query: RawQuery,
    body: Bytes,
) -> ApiResult<Response> {
    upsert_rows(state, caller, path, query, body, BULK_UPSERT_MAX).await
}

async fn upsert_rows(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(audience_id): Path<String>,
    RawQuery(raw): RawQuery,
    body: Bytes,
    limit: usize,
) -> ApiResult<Response> {
    let q = QueryParams::parse(raw);
    let run_enrichment = q.bool("runEnrichment")?.unwrap_or(false);
    let enrich_columns = q.list("columns");
    let body = require_body(&body)?;
    let actor = caller.actor;
    let st = state.clone();
    let (audience, written, job) = state
        .store
        .write(move |db| {
            let audience = require_audience(db, &audience_id)?;
            let upserts = parse_upserts(&body, &audience, limit)?;
            st.credits.check_not_exhausted()?;
            if let Some(ids) = &enrich_columns
                && let Some(unknown) = ids.iter().find(|id| audience.column(id).is_none())
            {
                return Err(ApiError::invalid_parameter(
                    "columns",
                    format!("column '{unknown}' does not exist in this audience"),
                ));
            }
            let seqs = rows::upsert(db, &audience, &upserts, &actor)?;
            let job = if run_enrichment {
                st.credits.charge(seqs.len() as u64)?;
                let request = EnrichRequest {
                    rows: seqs.clone(),
                    columns: enrich_columns,
                };
                Some(jobs::start_enrichment(db, &audience, request)?)
            } else {
                None
            };
            let audience = require_audience(db, &audience.id)?;
            let cols: Vec<&Column> = audience.columns.iter().collect();
            let written = rows::read_by_seq(db, &audience, &cols, &seqs)?;
            Ok((audience.id.clone(), written, job))
        })
        .await?;
    if let Some(job) = job {
        state.jobs.submit(job);
    }
    tracing::debug!(audience = %audience, rows = written.len(), "upserted");
    Ok(json(
        StatusCode::OK,
        &Doc {
            data: written.iter().map(RowOut::from).collect::<Vec<_>>(),
        },
    ))
}

/// Validates an upsert body: every row and cell, before anything is written.
fn parse_upserts(
    body: &serde_json::Value,
    audience: &Audience,
    limit: usize,
) -> ApiResult<Vec<Upsert>> {
    let root = Node::root(body);
    let data = root.field("data");
    let items = data.required_array()?;
    if items.is_empty() {
        return Err(data.error("data must hold at least one row"));
    }
    if items.len() > limit {
        return Err(data.error(format!(
            "at most {limit} rows per request; got {}",
            items.len()
        )));
    }
    let mut out = Vec::with_capacity(items.len());
    for item in &items {
        item.required_object()?;
        item.expect_type("Row")?;
        let id_node = item.field("id");
        let id = id_node.str()?.map(str::to_owned);
        let attrs = item.field("attributes");
        attrs.required_object()?;
        let values = attrs.field("values");
        let cells = values.required_array()?;
        let mut seen = HashSet::new();
        let mut converted = Vec::with_capacity(cells.len());
        for cell in &cells {
            cell.required_object()?;
            let col_node = cell.field("columnId");
            let column_id = col_node.required_str()?;
            let Some(index) = audience.columns.iter().position(|c| c.id == column_id) else {
                return Err(col_node.error(format!(
                    "{}: column '{column_id}' does not exist in this audience",
                    col_node.path()
                )));
            };
            let col = &audience.columns[index];
            if !col.is_editable() {
                return Err(col_node.error(format!(
                    "column '{}' ({}) is not editable; its values come from enrichment",
                    col.name, col.column_type
                )));
            }
            if !seen.insert(index) {
                return Err(
                    col_node.error(format!("column '{}' appears twice in this row", col.name))
                );
            }
            let value_node = cell.field("value");
            let Some(raw) = value_node.raw() else {
                return Err(value_node.error(format!(
                    "{} is required (null clears the cell)",
                    value_node.path()
                )));
            };
            let stored = value::to_sql(col.value_type(), raw).map_err(|reason| {
                value_node.error(format!(
                    "{}: {reason} (column '{}', {})",
                    value_node.path(),
                    col.name,
                    col.value_type()
                ))
            })?;
            converted.push((index, stored));
        }
        out.push(Upsert {
            id,
            cells: converted,
        });
    }
    Ok(out)
}

/// `DELETE /audiences/{audienceId}/rows/actions/bulk/delete` (asynchronous).
pub(crate) async fn bulk_delete(
    State(state): State<AppState>,
    Path(audience_id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let body = require_body(&body)?;
    let job = state
        .store
        .write(move |db| {
            let audience = require_audience(db, &audience_id)?;
            let root = Node::root(&body);
            let data = root.field("data");
            let items = data.required_array()?;
            if items.is_empty() {
                return Err(data.error("data must hold at least one row identifier"));
            }
            if items.len() > DELETE_MAX {
                return Err(data.error(format!(
                    "at most {DELETE_MAX} rows per request; got {}",
                    items.len()
                )));
            }
            let mut ids = Vec::with_capacity(items.len());
            for item in &items {
                item.required_object()?;
                item.expect_type("Row")?;
                ids.push(item.field("id").required_str()?.to_owned());
            }
            let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
            let seqs = rows::seqs_of(db, audience.seq, &refs)?;
            let mut unique = Vec::with_capacity(seqs.len());
            for (i, seq) in seqs.iter().enumerate() {
                let Some(seq) = seq else {
                    return Err(ApiError::validation(
                        format!("/data/{i}/id"),
                        format!(
                            "data[{i}].id: row '{}' does not exist in this audience",
                            ids[i]
                        ),
                    ));
                };
                if !unique.contains(seq) {
                    unique.push(*seq);
                }
            }
            crate::store::jobs::insert(db, audience.seq, &JobSpec::RowDelete { rows: unique })
        })
        .await?;
    state.jobs.submit(job.clone());
    Ok(json(
        StatusCode::ACCEPTED,
        &Doc {
            data: IdOnly {
                id: &job,
                kind: "RowAsyncJob",
            },
        },
    ))
}
