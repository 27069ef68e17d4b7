//! Audiences: their types and origins, the resource, and create and update requests.

use serde::{Deserialize, Serialize};

use super::column::new_column_resource;
use super::document::{Doc, NewResource, Resource};
use super::{Column, NewColumn, ResourceMeta, null_as_default};

open_enum! {
    /// What an audience's records are (`AudienceType`); fixed at creation.
    pub enum AudienceType {
        /// People.
        Contact = "CONTACT",
        /// Organisations.
        Company = "COMPANY",
    }
}

open_enum! {
    /// Where an audience's records come from (`SourceOrigin`). Only `Custom` and
    /// `ZoominfoPublicApi` can be created through the API.
    pub enum Origin {
        /// Written by the caller; no source dataset.
        Custom = "CUSTOM",
        /// Populated from ZoomInfo by `zoomInfoSearchCriteria`.
        ZoominfoPublicApi = "ZOOMINFO_PUBLIC_API",
        /// Synced from a CRM.
        Crm = "CRM",
        /// Imported from a CSV file.
        Csv = "CSV",
        /// Built from signal data.
        ZoominfoSignals = "ZOOMINFO_SIGNALS",
        /// From Snowflake.
        Snowflake = "SNOWFLAKE",
        /// From ZoomInfo's database.
        Zoominfo = "ZOOMINFO",
        /// Derived ZoomInfo contacts.
        DerivedZoominfoContacts = "DERIVED_ZOOMINFO_CONTACTS",
        /// Derived CRM contacts.
        DerivedCrmContacts = "DERIVED_CRM_CONTACTS",
        /// Derived CRM accounts.
        DerivedCrmAccounts = "DERIVED_CRM_ACCOUNTS",
        /// Derived CRM opportunities.
        DerivedCrmOpportunities = "DERIVED_CRM_OPPORTUNITIES",
        /// A copy of another audience.
        AudienceCopy = "AUDIENCE_COPY",
        /// A GraphQL workflow.
        Graphql = "GRAPHQL",
    }
}

/// An audience: a table of contacts or companies with typed columns.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "Resource<AudienceAttributes>")]
pub struct Audience {
    /// The audience id (a UUID).
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its description.
    pub description: Option<String>,
    /// Its notes.
    pub notes: Option<String>,
    /// How many rows it has.
    pub record_count: u64,
    /// Contacts or companies (`attributes.type`).
    pub audience_type: AudienceType,
    /// Where its records come from.
    pub origin: Origin,
    /// The folder it is in.
    pub folder_id: Option<String>,
    /// That folder's name.
    pub folder_name: Option<String>,
    /// Its columns, in order.
    pub columns: Vec<Column>,
    /// Who created and changed it, and when.
    pub meta: Option<ResourceMeta>,
}

impl Audience {
    /// The column with this id.
    pub fn column(&self, id: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.id == id)
    }

    /// The column with this name, ignoring case (names are unique that way).
    pub fn column_by_name(&self, name: &str) -> Option<&Column> {
        self.columns
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(name))
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AudienceAttributes {
    #[serde(default, deserialize_with = "null_as_default")]
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    record_count: u64,
    #[serde(rename = "type")]
    audience_type: AudienceType,
    #[serde(default)]
    origin: Option<Origin>,
    #[serde(default)]
    folder_id: Option<String>,
    #[serde(default)]
    folder_name: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    columns: Vec<Column>,
}

impl From<Resource<AudienceAttributes>> for Audience {
    fn from(r: Resource<AudienceAttributes>) -> Self {
        let a = r.attributes;
        Self {
            id: r.id,
            name: a.name,
            description: a.description,
            notes: a.notes,
            record_count: a.record_count,
            audience_type: a.audience_type,
            origin: a.origin.unwrap_or(Origin::Custom),
            folder_id: a.folder_id,
            folder_name: a.folder_name,
            columns: a.columns,
            meta: r.meta,
        }
    }
}

/// An audience to create (`POST /audiences`).
#[derive(Debug, Clone, PartialEq)]
pub struct NewAudience {
    /// Required; at most 100 characters.
    pub name: String,
    /// Contacts or companies; cannot be changed later.
    pub audience_type: AudienceType,
    /// `Custom` (the default) or `ZoominfoPublicApi` (needs `search_criteria`).
    pub origin: Origin,
    /// At most 500 characters.
    pub description: Option<String>,
    /// At most 1000 characters.
    pub notes: Option<String>,
    /// The folder to put it in; when absent the API creates a folder named after it.
    pub folder_id: Option<String>,
    /// CUSTOM columns to create with it (other column types are added afterwards).
    pub columns: Vec<NewColumn>,
    /// `zoomInfoSearchCriteria` (`{"contactSearch": {...}}` or `{"companySearch": {...}}`) for
    /// a `ZoominfoPublicApi` audience.
    pub search_criteria: Option<serde_json::Value>,
}

impl Default for NewAudience {
    /// An unnamed CUSTOM CONTACT audience with no columns.
    fn default() -> Self {
        Self::new("", AudienceType::Contact)
    }
}

impl NewAudience {
    /// A CUSTOM audience named `name` with no columns.
    pub fn new(name: impl Into<String>, audience_type: AudienceType) -> Self {
        Self {
            name: name.into(),
            audience_type,
            origin: Origin::Custom,
            description: None,
            notes: None,
            folder_id: None,
            columns: Vec::new(),
            search_criteria: None,
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct NewAudienceAttrs<'a, C> {
    name: &'a str,
    #[serde(rename = "type")]
    audience_type: &'a AudienceType,
    origin: &'a Origin,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    folder_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    zoom_info_search_criteria: Option<&'a serde_json::Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    columns: Vec<C>,
}

/// The body of `POST /audiences`.
pub(crate) fn audience_create_body(new: &NewAudience) -> impl Serialize + '_ {
    Doc {
        data: NewResource::new(
            "Audience",
            NewAudienceAttrs {
                name: &new.name,
                audience_type: &new.audience_type,
                origin: &new.origin,
                description: new.description.as_deref(),
                notes: new.notes.as_deref(),
                folder_id: new.folder_id.as_deref(),
                zoom_info_search_criteria: new.search_criteria.as_ref(),
                columns: new.columns.iter().map(new_column_resource).collect(),
            },
        ),
    }
}

/// Changes to an audience (`PATCH /audiences/{id}`): only the fields that are `Some` change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AudiencePatch {
    /// A new name.
    pub name: Option<String>,
    /// A new description.
    pub description: Option<String>,
    /// New notes.
    pub notes: Option<String>,
    /// Move it to this folder.
    pub folder_id: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct AudiencePatchAttrs<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    folder_id: Option<&'a str>,
}

/// The body of `PATCH /audiences/{id}`.
pub(crate) fn audience_patch_body(patch: &AudiencePatch) -> impl Serialize + '_ {
    Doc {
        data: NewResource::new(
            "Audience",
            AudiencePatchAttrs {
                name: patch.name.as_deref(),
                description: patch.description.as_deref(),
                notes: patch.notes.as_deref(),
                folder_id: patch.folder_id.as_deref(),
            },
        ),
    }
}
