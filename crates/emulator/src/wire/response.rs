//! Response documents, as the contract shapes them (JSON:API `data` / `meta` / `links`).

use serde::Serialize;
use serde_json::Value;

use crate::model::{AiTool, CellState, ColumnType, DataType, RunStatus};
use crate::store::Stamps;
use crate::store::audiences::{Audience, MatchCriterion};
use crate::store::columns::{Column, Dependency};
use crate::store::folders::Folder;
use crate::store::rows::{ErrorDetails, Row};

/// `{"data": ...}`.
#[derive(Debug, Serialize)]
pub(crate) struct Doc<T> {
    pub(crate) data: T,
}

/// A paginated list document.
#[derive(Debug, Serialize)]
pub(crate) struct ListDoc<T> {
    pub(crate) data: Vec<T>,
    pub(crate) meta: Pagination,
    pub(crate) links: Links,
}

/// `meta` of a list.
#[derive(Debug, Serialize)]
pub(crate) struct Pagination {
    pub(crate) page: PageMeta,
    pub(crate) total: u64,
}

/// `meta.page`.
#[derive(Debug, Serialize)]
pub(crate) struct PageMeta {
    pub(crate) size: u32,
    pub(crate) number: u32,
}

/// Paging links (absolute URLs).
#[derive(Debug, Serialize)]
pub(crate) struct Links {
    pub(crate) first: String,
    pub(crate) last: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) prev: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) next: Option<String>,
}

impl Links {
    /// Links for page `number` of `size` over `total` items. `base` is the absolute request
    /// URL without its query; `query` is the raw query string (its `page[number]` is replaced).
    pub(crate) fn build(base: &str, query: &str, number: u32, size: u32, total: u64) -> Self {
        let last_page = u32::try_from(total.div_ceil(u64::from(size.max(1))))
            .unwrap_or(u32::MAX)
            .max(1);
        let kept: Vec<&str> = query
            .split('&')
            .filter(|p| !p.is_empty())
            .filter(|p| {
                let key = p.split('=').next().unwrap_or("");
                let key = percent_encoding::percent_decode_str(key).decode_utf8_lossy();
                key != "page[number]"
            })
            .collect();
        let url = |n: u32| {
            let mut q = kept.join("&");
            if !q.is_empty() {
                q.push('&');
            }
            format!("{base}?{q}page%5Bnumber%5D={n}")
        };
        Self {
            first: url(1),
            last: url(last_page),
            prev: (number > 1).then(|| url((number - 1).min(last_page))),
            next: (number < last_page).then(|| url(number + 1)),
        }
    }
}

/// Resource `meta` of folders, audiences and columns.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MetaOut<'a> {
    created_at: &'a str,
    created_by_id: u32,
    created_by_name: &'a str,
    updated_at: &'a str,
    updated_by_id: u32,
    updated_by_name: &'a str,
}

impl<'a> From<&'a Stamps> for MetaOut<'a> {
    fn from(s: &'a Stamps) -> Self {
        Self {
            created_at: &s.created_at,
            created_by_id: s.created_by,
            created_by_name: &s.created_by_name,
            updated_at: &s.updated_at,
            updated_by_id: s.updated_by,
            updated_by_name: &s.updated_by_name,
        }
    }
}

/// A `Folder` resource.
#[derive(Debug, Serialize)]
pub(crate) struct FolderOut<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    attributes: FolderAttrs<'a>,
    meta: MetaOut<'a>,
}

#[derive(Debug, Serialize)]
struct FolderAttrs<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<&'a str>,
    starred: bool,
    audiences: &'a [String],
}

impl<'a> From<&'a Folder> for FolderOut<'a> {
    fn from(f: &'a Folder) -> Self {
        Self {
            id: &f.id,
            kind: "Folder",
            attributes: FolderAttrs {
                name: &f.name,
                description: f.description.as_deref(),
                notes: f.notes.as_deref(),
                starred: f.starred,
                audiences: &f.audiences,
            },
            meta: (&f.stamps).into(),
        }
    }
}

/// An `Audience` resource (`detail` adds `zoomInfoSearchCriteria`).
#[derive(Debug, Serialize)]
pub(crate) struct AudienceOut<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    attributes: AudienceAttrs<'a>,
    meta: MetaOut<'a>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct AudienceAttrs<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<&'a str>,
    record_count: i64,
    #[serde(rename = "type")]
    audience_type: &'static str,
    origin: &'static str,
    folder_id: &'a str,
    folder_name: &'a str,
    columns: Vec<ColumnOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    zoom_info_search_criteria: Option<&'a Value>,
}

impl<'a> AudienceOut<'a> {
    /// The resource; `detail` includes the search criteria (create and GET responses).
    pub(crate) fn new(a: &'a Audience, detail: bool) -> Self {
        Self {
            id: &a.id,
            kind: "Audience",
            attributes: AudienceAttrs {
                name: &a.name,
                description: a.description.as_deref(),
                notes: a.notes.as_deref(),
                record_count: a.record_count,
                audience_type: a.audience_type.as_str(),
                origin: a.origin.as_str(),
                folder_id: &a.folder_id,
                folder_name: &a.folder_name,
                columns: a.columns.iter().map(|c| ColumnOut::new(c, a)).collect(),
                zoom_info_search_criteria: if detail {
                    a.search_criteria.as_ref()
                } else {
                    None
                },
            },
            meta: (&a.stamps).into(),
        }
    }
}

/// A `Column` resource.
#[derive(Debug, Serialize)]
pub(crate) struct ColumnOut<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    attributes: ColumnAttrs<'a>,
    meta: MetaOut<'a>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ColumnAttrs<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_type: Option<DataType>,
    column_type: ColumnType,
    is_deletable: bool,
    is_editable: bool,
    is_exportable: bool,
    is_filterable: bool,
    is_frozen: bool,
    is_hidden: bool,
    is_sortable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    prompt: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tool: Option<AiTool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_dependencies: Option<&'a [Dependency]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    script_configuration: Option<ScriptOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    match_criteria: Option<&'a [MatchCriterion]>,
}

#[derive(Debug, Serialize)]
struct ScriptOut<'a> {
    language: &'static str,
    expression: &'a str,
}

impl<'a> ColumnOut<'a> {
    /// The resource of a column of `audience`.
    pub(crate) fn new(c: &'a Column, audience: &'a Audience) -> Self {
        let is_ai = c.column_type == ColumnType::Ai;
        Self {
            id: &c.id,
            kind: "Column",
            attributes: ColumnAttrs {
                name: &c.name,
                data_type: c.data_type,
                column_type: c.column_type,
                is_deletable: c.is_deletable(),
                is_editable: c.is_editable(),
                is_exportable: c.is_exportable(),
                is_filterable: c.is_filterable(),
                is_frozen: c.is_frozen,
                is_hidden: c.is_hidden,
                is_sortable: c.is_sortable(),
                prompt: c.prompt.as_deref(),
                tool: c.tool,
                data_dependencies: is_ai.then_some(c.dependencies.as_slice()),
                script_configuration: c.script_expression.as_deref().map(|e| ScriptOut {
                    language: "JAVASCRIPT",
                    expression: e,
                }),
                match_criteria: (c.column_type == ColumnType::ZoominfoMatch)
                    .then_some(audience.match_criteria.as_slice()),
            },
            meta: (&c.stamps).into(),
        }
    }
}

/// A `Row` resource.
#[derive(Debug, Serialize)]
pub(crate) struct RowOut<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    attributes: RowAttrs<'a>,
}

#[derive(Debug, Serialize)]
struct RowAttrs<'a> {
    values: Vec<CellOut<'a>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct CellOut<'a> {
    column_id: &'a str,
    value: Option<&'a Value>,
    state: CellState,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_details: Option<&'a ErrorDetails>,
}

impl<'a> From<&'a Row> for RowOut<'a> {
    fn from(r: &'a Row) -> Self {
        Self {
            id: &r.id,
            kind: "Row",
            attributes: RowAttrs {
                values: r
                    .cells
                    .iter()
                    .map(|c| CellOut {
                        column_id: &c.column_id,
                        value: c.value.as_ref(),
                        state: c.state,
                        error_details: c.error.as_ref().filter(|_| c.state == CellState::Error),
                    })
                    .collect(),
            },
        }
    }
}

/// A bare `{id, type}` resource (`EnrichJob`, `RowAsyncJob`).
#[derive(Debug, Serialize)]
pub(crate) struct IdOnly<'a> {
    pub(crate) id: &'a str,
    #[serde(rename = "type")]
    pub(crate) kind: &'static str,
}

/// A `JobStatus` resource.
#[derive(Debug, Serialize)]
pub(crate) struct JobOut<'a> {
    pub(crate) id: &'a str,
    #[serde(rename = "type")]
    pub(crate) kind: &'static str,
    pub(crate) attributes: JobAttrs,
}

/// `JobStatus.attributes`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct JobAttrs {
    pub(crate) status: RunStatus,
    pub(crate) percent_progress: u8,
}
