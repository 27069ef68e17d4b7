//! `ResourceMeta`: who created and last changed a folder, audience or column, and when.

use serde::Deserialize;

use super::id_as_string;

/// The read-only `meta` of folders, audiences and columns.
///
/// Timestamps are kept as the RFC 3339 strings the API sends; user ids arrive as integers and
/// are kept as strings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ResourceMeta {
    /// When it was created (RFC 3339).
    #[serde(deserialize_with = "id_as_string")]
    pub created_at: String,
    /// Who created it (a user id).
    #[serde(deserialize_with = "id_as_string")]
    pub created_by_id: String,
    /// Who created it (a user name).
    #[serde(deserialize_with = "id_as_string")]
    pub created_by_name: String,
    /// When it last changed (RFC 3339).
    #[serde(deserialize_with = "id_as_string")]
    pub updated_at: String,
    /// Who last changed it (a user id).
    #[serde(deserialize_with = "id_as_string")]
    pub updated_by_id: String,
    /// Who last changed it (a user name).
    #[serde(deserialize_with = "id_as_string")]
    pub updated_by_name: String,
}
