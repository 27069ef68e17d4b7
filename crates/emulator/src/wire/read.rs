//! `Node`: a cursor into a request body that knows its JSON pointer, for exact 400s.
//!
//! Request bodies are parsed into `serde_json::Value` once and then read through `Node`s, so
//! that every validation error names the exact place at fault (`/data/3/attributes/values/0`)
//! the way the real API's `source.pointer` does, instead of serde's line and column.

use serde_json::{Map, Value};

use crate::error::{ApiError, ApiResult};
use crate::model::UnknownValue;

/// Parses a request body. An empty body is `None`.
pub(crate) fn parse_body(bytes: &[u8]) -> ApiResult<Option<Value>> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    serde_json::from_slice(bytes)
        .map(Some)
        .map_err(|e| ApiError::invalid_body(format!("The request body is not valid JSON: {e}")))
}

/// Parses a body that must be present.
pub(crate) fn require_body(bytes: &[u8]) -> ApiResult<Value> {
    parse_body(bytes)?.ok_or_else(|| ApiError::invalid_body("A request body is required"))
}

/// A position in a JSON document.
#[derive(Debug, Clone)]
pub(crate) struct Node<'a> {
    value: Option<&'a Value>,
    path: Vec<Seg>,
}

#[derive(Debug, Clone)]
enum Seg {
    Field(String),
    Index(usize),
}

impl<'a> Node<'a> {
    /// The document root.
    pub(crate) fn root(value: &'a Value) -> Self {
        Self {
            value: Some(value),
            path: Vec::new(),
        }
    }

    /// The RFC 6901 pointer of this node.
    pub(crate) fn pointer(&self) -> String {
        self.path
            .iter()
            .map(|seg| match seg {
                Seg::Field(f) => format!("/{}", f.replace('~', "~0").replace('/', "~1")),
                Seg::Index(i) => format!("/{i}"),
            })
            .collect()
    }

    /// A dotted path for messages (`data[3].attributes.values[0].columnId`).
    pub(crate) fn path(&self) -> String {
        let joined: String = self
            .path
            .iter()
            .map(|seg| match seg {
                Seg::Field(f) => format!(".{f}"),
                Seg::Index(i) => format!("[{i}]"),
            })
            .collect();
        joined.trim_start_matches('.').to_owned()
    }

    /// A validation error at this node.
    pub(crate) fn error(&self, detail: impl Into<String>) -> ApiError {
        ApiError::validation(self.pointer(), detail)
    }

    /// The raw value, if present and not null.
    pub(crate) fn value(&self) -> Option<&'a Value> {
        self.value.filter(|v| !v.is_null())
    }

    /// The raw value, null included.
    pub(crate) fn raw(&self) -> Option<&'a Value> {
        self.value
    }

    /// Whether the node is absent or null.
    pub(crate) fn is_missing(&self) -> bool {
        self.value().is_none()
    }

    /// A child field (absent if this is not an object).
    pub(crate) fn field(&self, name: &str) -> Self {
        let mut path = self.path.clone();
        path.push(Seg::Field(name.to_owned()));
        Self {
            value: self
                .value
                .and_then(Value::as_object)
                .and_then(|o| o.get(name)),
            path,
        }
    }

    /// The object's members; an error if this is present but not an object.
    pub(crate) fn object(&self) -> ApiResult<Option<&'a Map<String, Value>>> {
        match self.value() {
            None => Ok(None),
            Some(Value::Object(o)) => Ok(Some(o)),
            Some(_) => Err(self.error(format!("{} must be an object", self.path()))),
        }
    }

    /// The object's members; an error if absent.
    pub(crate) fn required_object(&self) -> ApiResult<&'a Map<String, Value>> {
        self.object()?
            .ok_or_else(|| self.error(format!("{} is required", self.path())))
    }

    /// The array's items as nodes; `None` when absent.
    pub(crate) fn array(&self) -> ApiResult<Option<Vec<Self>>> {
        match self.value() {
            None => Ok(None),
            Some(Value::Array(items)) => Ok(Some(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let mut path = self.path.clone();
                        path.push(Seg::Index(i));
                        Self {
                            value: Some(v),
                            path,
                        }
                    })
                    .collect(),
            )),
            Some(_) => Err(self.error(format!("{} must be an array", self.path()))),
        }
    }

    /// The array's items; an error if absent.
    pub(crate) fn required_array(&self) -> ApiResult<Vec<Self>> {
        self.array()?
            .ok_or_else(|| self.error(format!("{} is required", self.path())))
    }

    /// A string, if present.
    pub(crate) fn str(&self) -> ApiResult<Option<&'a str>> {
        match self.value() {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(self.error(format!("{} must be a string", self.path()))),
        }
    }

    /// A string that must be present and not blank.
    pub(crate) fn required_str(&self) -> ApiResult<&'a str> {
        match self.str()? {
            Some(s) if !s.trim().is_empty() => Ok(s),
            Some(_) => Err(self.error(format!("{} must not be blank", self.path()))),
            None => Err(self.error(format!("{} is required", self.path()))),
        }
    }

    /// A boolean, if present.
    pub(crate) fn bool(&self) -> ApiResult<Option<bool>> {
        match self.value() {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(self.error(format!("{} must be a boolean", self.path()))),
        }
    }

    /// An enum value, if present.
    pub(crate) fn parse<T>(&self) -> ApiResult<Option<T>>
    where
        T: std::str::FromStr<Err = UnknownValue>,
    {
        match self.str()? {
            None => Ok(None),
            Some(s) => s
                .parse()
                .map(Some)
                .map_err(|e: UnknownValue| self.error(format!("{}: {e}", self.path()))),
        }
    }

    /// An enum value that must be present.
    pub(crate) fn required_parse<T>(&self) -> ApiResult<T>
    where
        T: std::str::FromStr<Err = UnknownValue>,
    {
        self.parse()?
            .ok_or_else(|| self.error(format!("{} is required", self.path())))
    }

    /// Checks a JSON:API resource `type` member: required, and exactly `expected`.
    pub(crate) fn expect_type(&self, expected: &str) -> ApiResult<()> {
        let node = self.field("type");
        match node.str()? {
            Some(t) if t == expected => Ok(()),
            Some(t) => Err(node.error(format!("{} must be '{expected}', not '{t}'", node.path()))),
            None => Err(node.error(format!("{} is required ('{expected}')", node.path()))),
        }
    }

    /// Checks an optional `type` member.
    pub(crate) fn expect_optional_type(&self, expected: &str) -> ApiResult<()> {
        if self.field("type").is_missing() {
            Ok(())
        } else {
            self.expect_type(expected)
        }
    }

    /// Rejects a string longer than `max` characters.
    pub(crate) fn check_len(&self, s: &str, max: usize) -> ApiResult<()> {
        if s.chars().count() > max {
            Err(self.error(format!("{} must be at most {max} characters", self.path())))
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pointers_name_the_exact_place() {
        let v = json!({"data": [{"attributes": {"values": [{"columnId": 1}]}}]});
        let root = Node::root(&v);
        let data = root.field("data");
        let items = data.required_array().unwrap();
        let attrs = items[0].field("attributes");
        let values = attrs.field("values");
        let cells = values.required_array().unwrap();
        let col = cells[0].field("columnId");
        assert_eq!(col.pointer(), "/data/0/attributes/values/0/columnId");
        assert_eq!(col.path(), "data[0].attributes.values[0].columnId");
        let err = col.str().unwrap_err();
        assert!(err.detail().contains("must be a string"));
    }

    #[test]
    fn missing_fields_are_reported_as_required() {
        let v = json!({"data": {}});
        let root = Node::root(&v);
        let data = root.field("data");
        let err = data.field("attributes").required_object().unwrap_err();
        assert_eq!(err.detail(), "data.attributes is required");
    }

    #[test]
    fn slashes_and_tildes_are_escaped() {
        let v = json!({"a/b": {"c~d": 1}});
        let root = Node::root(&v);
        let ab = root.field("a/b");
        assert_eq!(ab.field("c~d").pointer(), "/a~1b/c~0d");
    }
}
