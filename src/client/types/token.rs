//! The OAuth token endpoint's answers.

use serde::{Deserialize, Deserializer};

use crate::client::Secret;

/// A successful token response (`POST /gtm/oauth/v1/token`).
#[derive(Debug, Clone, Deserialize)]
pub struct TokenResponse {
    /// The bearer token (never printed).
    pub access_token: Secret,
    /// `Bearer`.
    #[serde(default)]
    pub token_type: Option<String>,
    /// Its lifetime in seconds (a number; numeric strings are accepted).
    #[serde(default, deserialize_with = "seconds")]
    pub expires_in: Option<u64>,
    /// The granted scopes, space-separated.
    #[serde(default)]
    pub scope: Option<String>,
}

/// An RFC 6749 token error: `{"error": "invalid_client", "error_description": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TokenErrorResponse {
    /// The error code.
    pub error: String,
    /// What went wrong.
    #[serde(default)]
    pub error_description: Option<String>,
}

fn seconds<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        Some(serde_json::Value::Number(n)) => n
            .as_u64()
            .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64)),
        Some(serde_json::Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    })
}
