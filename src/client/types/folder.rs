//! Folders: the resource, its create and update requests.

use serde::{Deserialize, Serialize};

use super::document::{Doc, NewResource, Resource};
use super::{ResourceMeta, null_as_default};

/// A folder of audiences.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "Resource<FolderAttributes>")]
pub struct Folder {
    /// The folder id (a UUID).
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its description.
    pub description: Option<String>,
    /// Its notes.
    pub notes: Option<String>,
    /// Whether it is starred.
    pub starred: bool,
    /// The ids of the audiences in it (`attributes.audiences`).
    pub audience_ids: Vec<String>,
    /// Who created and changed it, and when.
    pub meta: Option<ResourceMeta>,
}

#[derive(Debug, Deserialize)]
struct FolderAttributes {
    #[serde(default, deserialize_with = "null_as_default")]
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    starred: bool,
    #[serde(default, deserialize_with = "null_as_default")]
    audiences: Vec<String>,
}

impl From<Resource<FolderAttributes>> for Folder {
    fn from(r: Resource<FolderAttributes>) -> Self {
        Self {
            id: r.id,
            name: r.attributes.name,
            description: r.attributes.description,
            notes: r.attributes.notes,
            starred: r.attributes.starred,
            audience_ids: r.attributes.audiences,
            meta: r.meta,
        }
    }
}

/// A folder to create (`POST /folders`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewFolder {
    /// Required; at most 100 characters.
    pub name: String,
    /// At most 500 characters.
    pub description: Option<String>,
    /// At most 1000 characters.
    pub notes: Option<String>,
    /// Default false.
    pub starred: bool,
}

impl NewFolder {
    /// A folder named `name`, not starred, without description or notes.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }
}

/// Changes to a folder (`PATCH /folders/{id}`): only the fields that are `Some` change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FolderPatch {
    /// A new name.
    pub name: Option<String>,
    /// A new description.
    pub description: Option<String>,
    /// New notes.
    pub notes: Option<String>,
    /// Star or unstar.
    pub starred: Option<bool>,
}

#[derive(Debug, Serialize)]
struct FolderAttrsOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    starred: Option<bool>,
}

/// The body of `POST /folders`.
pub(crate) fn folder_create_body(new: &NewFolder) -> impl Serialize + '_ {
    Doc {
        data: NewResource::new(
            "Folder",
            FolderAttrsOut {
                name: Some(&new.name),
                description: new.description.as_deref(),
                notes: new.notes.as_deref(),
                starred: Some(new.starred),
            },
        ),
    }
}

/// The body of `PATCH /folders/{id}`.
pub(crate) fn folder_patch_body(patch: &FolderPatch) -> impl Serialize + '_ {
    Doc {
        data: NewResource::new(
            "Folder",
            FolderAttrsOut {
                name: patch.name.as_deref(),
                description: patch.description.as_deref(),
                notes: patch.notes.as_deref(),
                starred: patch.starred,
            },
        ),
    }
}
