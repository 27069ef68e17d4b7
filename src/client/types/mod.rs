//! Wire types of the GTM Studio Audiences API: what the client sends and what it decodes.
//!
//! These are the client's own types, written from the contract (they share nothing with the
//! emulator). Responses are decoded tolerantly: unknown fields are ignored, `null` is read as
//! absent, and every enumeration has an `Unknown(String)` variant for values the API may add
//! within v1. Response resources (`Folder`, `Audience`, `Column`, `Row`, ...) are flattened from
//! their JSON:API `{"id", "type", "attributes", "meta"}` form; request types serialise to the
//! exact JSON:API documents the API expects.

/// Declares an API enumeration that keeps values it does not know.
///
/// Each variant maps to its wire spelling; any other string decodes to `Unknown(String)` and
/// encodes back unchanged, so a new value added by ZoomInfo neither breaks decoding nor is
/// lost on a round trip.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this client does not know (the API may add values within v1).
            Unknown(String),
        }

        impl $name {
            /// Every value this client knows, in the contract's order.
            pub const KNOWN: &'static [Self] = &[$(Self::$variant),+];

            /// The wire spelling (`Unknown` values unchanged).
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)+
                    Self::Unknown(other) => other,
                }
            }

            /// The value of an exact wire spelling; anything else is `Unknown`.
            pub fn from_wire(s: &str) -> Self {
                match s {
                    $($wire => Self::$variant,)+
                    other => Self::Unknown(other.to_owned()),
                }
            }

            /// Whether this is a value the client knows.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// Parses a wire spelling, ignoring ASCII case; never fails (unknown values are kept).
        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                let upper = s.trim().to_ascii_uppercase();
                Ok(match Self::from_wire(&upper) {
                    Self::Unknown(_) => Self::Unknown(s.to_owned()),
                    known => known,
                })
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                Ok(Self::from_wire(&s))
            }
        }
    };
}

mod audience;
mod column;
mod document;
mod error;
mod filter;
mod folder;
mod job;
mod meta;
mod row;
mod token;

#[cfg(test)]
mod tests;

pub use audience::{Audience, AudiencePatch, AudienceType, NewAudience, Origin};
pub use column::{
    AiTool, Column, ColumnFilterMetadata, ColumnPatch, ColumnType, DataDependency,
    DataDependencyRef, DataType, InputType, MatchCriterion, MatchField, NewColumn, OperatorConfig,
};
pub use error::{ErrorDocument, ErrorObject, ErrorSource, GatewayError, GatewayErrorDocument};
pub use filter::{
    Filter, FilterGroup, FilterOperator, FilterValue, GroupOperator, SearchRequest, SortKey,
};
pub use folder::{Folder, FolderPatch, NewFolder};
pub use job::{EnrichRequest, EnrichScope, JobStatus, PollConfig, RunStatus};
pub use meta::ResourceMeta;
pub use row::{Cell, CellError, CellState, Row, RowPage, UpsertOptions, UpsertRow};
pub use token::{TokenErrorResponse, TokenResponse};

pub(crate) use audience::{audience_create_body, audience_patch_body};
pub(crate) use column::{
    ColumnList, DataDependencyList, FilterMetadataDoc, column_patch_body, columns_create_body,
    match_criteria_body,
};
pub(crate) use document::{Doc, IdResource, ListDoc};
pub(crate) use filter::search_body;
pub(crate) use folder::{folder_create_body, folder_patch_body};
pub(crate) use job::enrich_body;
pub(crate) use row::{rows_delete_body, rows_upsert_body};

use serde::{Deserialize, Deserializer};

/// Reads `null` as the type's default (for lists and flags the API may send as null).
pub(crate) fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// Reads an identifier that may arrive as a JSON number or a string (user ids in `meta`,
/// ZoomInfo ids) as a string; `null` is the empty string.
pub(crate) fn id_as_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => s,
        Some(other) => other.to_string(),
    })
}
