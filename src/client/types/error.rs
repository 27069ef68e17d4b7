//! The API's two error bodies: JSON:API `{"errors": [...]}` from the Studio service and
//! `{"error": {...}}` from the gateway.

use serde::{Deserialize, Deserializer};

use super::{id_as_string, null_as_default};

/// The Studio service's error document (`ErrorResponseModel`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct ErrorDocument {
    /// A summary.
    #[serde(default)]
    pub title: Option<String>,
    /// A summary detail.
    #[serde(default)]
    pub detail: Option<String>,
    /// The errors (at least one).
    #[serde(default, deserialize_with = "null_as_default")]
    pub errors: Vec<ErrorObject>,
}

/// One JSON:API error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ErrorObject {
    /// This occurrence's id.
    pub id: Option<String>,
    /// The code, e.g. `PFAPI0002`.
    pub code: Option<String>,
    /// The HTTP status (a string on the wire; numbers are accepted).
    #[serde(deserialize_with = "optional_id")]
    pub status: Option<String>,
    /// A title.
    pub title: Option<String>,
    /// What went wrong.
    pub detail: Option<String>,
    /// The part of the request at fault.
    pub source: Option<ErrorSource>,
}

/// Where in the request an error is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ErrorSource {
    /// An RFC 6901 pointer into the request body.
    pub pointer: Option<String>,
    /// A path or query parameter.
    pub parameter: Option<String>,
    /// A request header.
    pub header: Option<String>,
}

/// The gateway's error document: `{"error": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GatewayErrorDocument {
    /// The error.
    pub error: GatewayError,
}

/// A gateway error (`ZI*` codes).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GatewayError {
    /// The code, e.g. `ZI0004`.
    pub code: Option<String>,
    /// The message.
    pub message: Option<String>,
    /// The HTTP status (a number on the wire; strings are accepted).
    #[serde(deserialize_with = "optional_id")]
    pub status: Option<String>,
    /// The gateway's request id.
    pub request_id: Option<String>,
    /// Whether retrying may succeed.
    pub retryable: Option<bool>,
}

fn optional_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let s = id_as_string(d)?;
    Ok((!s.is_empty()).then_some(s))
}
