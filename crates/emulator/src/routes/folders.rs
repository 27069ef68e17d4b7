//! `/folders` handlers.

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{OriginalUri, Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use super::{QueryParams, json, no_content, self_url};
use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::store::folders::{self, FolderPatch, ListQuery, NewFolder, SortKey};
use crate::wire::read::{Node, require_body};
use crate::wire::response::{Doc, FolderOut, Links, ListDoc, PageMeta, Pagination};

const NAME_MAX: usize = 100;
const DESCRIPTION_MAX: usize = 500;
const NOTES_MAX: usize = 1000;

/// `POST /folders`.
pub(crate) async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    body: Bytes,
) -> ApiResult<Response> {
    let body = require_body(&body)?;
    let root = Node::root(&body);
    let data = root.field("data");
    data.required_object()?;
    data.expect_type("Folder")?;
    let attrs = data.field("attributes");
    attrs.required_object()?;
    let name_node = attrs.field("name");
    let name = name_node.required_str()?;
    name_node.check_len(name, NAME_MAX)?;
    let new = NewFolder {
        name: name.trim().to_owned(),
        description: text(&attrs.field("description"), DESCRIPTION_MAX)?,
        notes: text(&attrs.field("notes"), NOTES_MAX)?,
        starred: attrs.field("starred").bool()?.unwrap_or(false),
    };
    let actor = caller.actor;
    let folder = state
        .store
        .write(move |db| folders::create(db, &new, &actor))
        .await?;
    Ok(json(
        StatusCode::CREATED,
        &Doc {
            data: FolderOut::from(&folder),
        },
    ))
}

fn text(node: &Node<'_>, max: usize) -> ApiResult<Option<String>> {
    match node.str()? {
        Some(s) => {
            node.check_len(s, max)?;
            Ok(Some(s.to_owned()))
        }
        None => Ok(None),
    }
}

/// `GET /folders`.
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
                "audienceCount" => SortKey::AudienceCount,
                "recentlyViewed" => SortKey::RecentlyViewed,
                other => {
                    return Err(ApiError::invalid_parameter(
                        "sort",
                        format!(
                            "sort '{other}' is not allowed; use name, createdAt, updatedAt, audienceCount or recentlyViewed"
                        ),
                    ));
                }
            },
            desc,
        ),
    };
    let ids = |name: &str| -> ApiResult<Vec<u32>> {
        q.list(name)
            .unwrap_or_default()
            .iter()
            .map(|v| {
                v.parse::<u32>().map_err(|_| {
                    ApiError::invalid_parameter(name, format!("'{v}' is not a user id"))
                })
            })
            .collect()
    };
    let date = |name: &str| -> ApiResult<Option<String>> {
        match q.get(name) {
            None => Ok(None),
            Some(v) => chrono::DateTime::parse_from_rfc3339(v)
                .map(|d| {
                    Some(
                        d.with_timezone(&chrono::Utc)
                            .format("%Y-%m-%dT%H:%M:%S%.3fZ")
                            .to_string(),
                    )
                })
                .map_err(|_| {
                    ApiError::invalid_parameter(
                        name,
                        format!("'{v}' is not an RFC 3339 date-time such as 2025-10-10T17:08:00Z"),
                    )
                }),
        }
    };
    let query = ListQuery {
        created_by: ids("filter[createdById]")?,
        updated_by: ids("filter[updatedById]")?,
        search_text: q.get("filter[searchText]").map(str::to_owned),
        created_after: date("filter[createdAfter]")?,
        created_before: date("filter[createdBefore]")?,
        updated_after: date("filter[updatedAfter]")?,
        updated_before: date("filter[updatedBefore]")?,
        sort: Some(sort),
        descending,
        page,
        size,
    };
    let (items, total) = state
        .store
        .read(move |db| folders::list(db, &query))
        .await?;
    let links = Links::build(&self_url(&headers, uri.path()), q.raw(), page, size, total);
    Ok(json(
        StatusCode::OK,
        &ListDoc {
            data: items.iter().map(FolderOut::from).collect(),
            meta: Pagination {
                page: PageMeta { size, number: page },
                total,
            },
            links,
        },
    ))
}

/// `GET /folders/{folderId}`.
pub(crate) async fn get(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let folder = state
        .store
        .write(move |db| {
            let folder = folders::get(db, &id)?
                .ok_or_else(|| ApiError::not_found("folderId", "Folder", &id))?;
            folders::mark_viewed(db, &id)?;
            Ok(folder)
        })
        .await?;
    Ok(json(
        StatusCode::OK,
        &Doc {
            data: FolderOut::from(&folder),
        },
    ))
}

/// `PATCH /folders/{folderId}`.
pub(crate) async fn update(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let body = crate::wire::read::parse_body(&body)?;
    let mut patch = FolderPatch::default();
    if let Some(body) = &body {
        let root = Node::root(body);
        let data = root.field("data");
        if data.object()?.is_some() {
            data.expect_optional_type("Folder")?;
            let attrs = data.field("attributes");
            if attrs.object()?.is_some() {
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
                patch.starred = attrs.field("starred").bool()?;
            }
        }
    }
    let actor = caller.actor;
    let folder = state
        .store
        .write(move |db| {
            if !folders::exists(db, &id)? {
                return Err(ApiError::not_found("folderId", "Folder", &id));
            }
            folders::patch(db, &id, &patch, &actor)?
                .ok_or_else(|| ApiError::not_found("folderId", "Folder", &id))
        })
        .await?;
    Ok(json(
        StatusCode::OK,
        &Doc {
            data: FolderOut::from(&folder),
        },
    ))
}

/// `DELETE /folders/{folderId}`: deletes the folder and its audiences.
pub(crate) async fn remove(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let deleted = state
        .store
        .write(move |db| {
            if folders::delete(db, &id)? {
                Ok(())
            } else {
                Err(ApiError::not_found("folderId", "Folder", &id))
            }
        })
        .await;
    deleted.map(|()| no_content())
}
