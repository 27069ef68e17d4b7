//! JSON:API envelopes: `{"data": ...}`, paginated lists, and bare `{id, type}` resources.

use serde::{Deserialize, Serialize};

use super::null_as_default;

/// `{"data": T}`, the single-resource document (also used to build request bodies).
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Doc<T> {
    pub(crate) data: T,
}

/// A paginated list document: `{"data": [...], "meta": {"page": {...}, "total": n}, "links"}`.
#[derive(Debug, Deserialize)]
pub(crate) struct ListDoc<T> {
    pub(crate) data: Vec<T>,
    #[serde(default)]
    pub(crate) meta: Option<ListMeta>,
}

/// `meta` of a list: `meta.total` counts records (not pages).
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ListMeta {
    #[serde(default)]
    pub(crate) page: Option<PageInfo>,
    #[serde(default)]
    pub(crate) total: Option<u64>,
}

/// `meta.page`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct PageInfo {
    #[serde(default)]
    pub(crate) size: Option<u32>,
    #[serde(default)]
    pub(crate) number: Option<u32>,
}

/// A resource of which only the id matters (`EnrichJob`, `RowAsyncJob`).
#[derive(Debug, Deserialize)]
pub(crate) struct IdResource {
    pub(crate) id: String,
}

/// A resource in a request body: `{"type": T, "id"?: ..., "attributes": A}`.
#[derive(Debug, Serialize)]
pub(crate) struct NewResource<'a, A> {
    #[serde(rename = "type")]
    pub(crate) kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) id: Option<&'a str>,
    pub(crate) attributes: A,
}

impl<'a, A> NewResource<'a, A> {
    /// A resource of type `kind` with no id.
    pub(crate) fn new(kind: &'static str, attributes: A) -> Self {
        Self {
            kind,
            id: None,
            attributes,
        }
    }
}

/// A response resource: `{"id", "type", "attributes", "meta"}` (type ignored).
#[derive(Debug, Deserialize)]
#[serde(bound(deserialize = "A: Deserialize<'de>, M: Deserialize<'de> + Default"))]
pub(crate) struct Resource<A, M = Option<super::ResourceMeta>> {
    #[serde(default, deserialize_with = "super::id_as_string")]
    pub(crate) id: String,
    pub(crate) attributes: A,
    #[serde(default, deserialize_with = "null_as_default")]
    pub(crate) meta: M,
}
