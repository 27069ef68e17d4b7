//! Cell values per dataType: what a client may send, how it is stored, how it reads back.
//!
//! The rules (the contract says only "the value must match the column's dataType"):
//!
//! | dataType | wire value | stored as |
//! |---|---|---|
//! | TEXT | string, at most 2000 characters | TEXT (NOCASE) |
//! | LARGE_TEXT, MARKUP | string, at most 100,000 characters | TEXT (NOCASE) |
//! | EMAIL | string `local@domain.tld` | TEXT (NOCASE) |
//! | PHONE | string of digits with `+ - ( ) . x` and spaces, 5+ digits | TEXT (NOCASE) |
//! | URL | string: a domain or an http(s) URL, no spaces | TEXT (NOCASE) |
//! | OPAQUE_IDENTIFIER, REFERENCE, PICKLIST, ZI_CONTACT_ID, ZI_COMPANY_ID | string (ZI ids may also be sent as integers) | TEXT (NOCASE) |
//! | INTEGER, ORDINAL_IDENTIFIER | integral JSON number (`42`, `42.0`) within i64 | INTEGER |
//! | DECIMAL, PERCENT, CURRENCY | finite JSON number | REAL |
//! | BOOLEAN, CHECKBOX | JSON boolean | INTEGER 0/1 |
//! | DATE | string `YYYY-MM-DD` (a real calendar date, no time) | TEXT |
//! | STRING_LIST, EMAIL_LIST, PHONE_LIST, URL_LIST, MULTIPICKLIST | array of strings, each valid for its element type | TEXT (JSON array) |
//! | NUMBER_LIST | array of finite numbers | TEXT (JSON array) |
//! | OBJECT | a JSON-encoded *string* holding an object or an array of objects | TEXT |
//!
//! `null`, an empty string and an empty array all clear the cell (it reads back BLANK with a
//! `null` value). Numbers are never accepted as strings or the other way round, except for
//! ZoomInfo ids, which the Data API itself prints as numbers.

use rusqlite::types::{Value as SqlValue, ValueRef};
use serde_json::{Number, Value};

use crate::model::DataType;

/// The SQL shape a dataType is stored in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Storage {
    /// Case-insensitive text.
    Text,
    /// 64-bit integer.
    Integer,
    /// 64-bit float.
    Real,
    /// 0/1.
    Bool,
    /// `YYYY-MM-DD` text.
    Date,
    /// A JSON array of strings.
    TextList,
    /// A JSON array of numbers.
    NumberList,
    /// JSON text, read back as a string.
    Json,
}

/// The storage of a dataType.
pub(crate) fn storage(dt: DataType) -> Storage {
    use DataType as D;
    match dt {
        D::Text
        | D::LargeText
        | D::Email
        | D::Phone
        | D::Url
        | D::Markup
        | D::OpaqueIdentifier
        | D::Reference
        | D::Picklist
        | D::ZiContactId
        | D::ZiCompanyId => Storage::Text,
        D::Integer | D::OrdinalIdentifier => Storage::Integer,
        D::Decimal | D::Percent | D::Currency => Storage::Real,
        D::Boolean | D::Checkbox => Storage::Bool,
        D::Date => Storage::Date,
        D::StringList | D::EmailList | D::PhoneList | D::UrlList | D::Multipicklist => {
            Storage::TextList
        }
        D::NumberList => Storage::NumberList,
        D::Object => Storage::Json,
    }
}

/// The SQL column declaration for a dataType.
pub(crate) fn sql_decl(dt: DataType) -> &'static str {
    match storage(dt) {
        Storage::Text => "TEXT COLLATE NOCASE",
        Storage::Integer | Storage::Bool => "INTEGER",
        Storage::Real => "REAL",
        Storage::Date | Storage::TextList | Storage::NumberList | Storage::Json => "TEXT",
    }
}

/// Whether a column of this dataType gets an index (scalar types only).
pub(crate) fn indexed(dt: DataType) -> bool {
    !matches!(
        dt,
        DataType::LargeText | DataType::Markup | DataType::Object
    ) && !matches!(storage(dt), Storage::TextList | Storage::NumberList)
}

/// The dataTypes a CUSTOM column may have.
pub(crate) fn custom_allowed(dt: DataType) -> bool {
    use DataType as D;
    matches!(
        dt,
        D::Text
            | D::LargeText
            | D::Email
            | D::Phone
            | D::Url
            | D::Integer
            | D::Decimal
            | D::Percent
            | D::Currency
            | D::Boolean
            | D::Checkbox
            | D::Date
            | D::StringList
            | D::NumberList
            | D::EmailList
            | D::PhoneList
            | D::UrlList
            | D::Object
    )
}

/// Converts a wire value for a column of `dt` into what is stored; `Ok(None)` clears the cell.
/// The error is a sentence saying what is wrong with the value.
pub(crate) fn to_sql(dt: DataType, value: &Value) -> Result<Option<SqlValue>, String> {
    use DataType as D;
    if value.is_null() {
        return Ok(None);
    }
    match storage(dt) {
        Storage::Text => {
            let s = match (value, dt) {
                (Value::String(s), _) => s.clone(),
                (Value::Number(n), D::ZiContactId | D::ZiCompanyId) if n.is_u64() => n.to_string(),
                _ => return Err(expected(dt, "a string", value)),
            };
            if s.is_empty() {
                return Ok(None);
            }
            check_text(dt, &s)?;
            Ok(Some(SqlValue::Text(s)))
        }
        Storage::Integer => match value {
            Value::Number(n) => integral(n)
                .map(|i| Some(SqlValue::Integer(i)))
                .ok_or_else(|| format!("{n} is not a whole number that fits a {dt} column")),
            _ => Err(expected(dt, "a whole number", value)),
        },
        Storage::Real => match value.as_f64() {
            Some(f) if f.is_finite() && value.is_number() => Ok(Some(SqlValue::Real(f))),
            _ => Err(expected(dt, "a number", value)),
        },
        Storage::Bool => match value {
            Value::Bool(b) => Ok(Some(SqlValue::Integer(i64::from(*b)))),
            _ => Err(expected(dt, "true or false", value)),
        },
        Storage::Date => match value {
            Value::String(s) if s.is_empty() => Ok(None),
            Value::String(s) => {
                if is_date(s) {
                    Ok(Some(SqlValue::Text(s.clone())))
                } else {
                    Err(format!(
                        "'{}' is not a calendar date; a DATE value is a string 'YYYY-MM-DD'",
                        clip(s)
                    ))
                }
            }
            _ => Err(expected(dt, "a date string 'YYYY-MM-DD'", value)),
        },
        Storage::TextList => {
            let Value::Array(items) = value else {
                return Err(expected(dt, "an array of strings", value));
            };
            let element = list_element(dt);
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let Value::String(s) = item else {
                    return Err(format!(
                        "element {i} must be a string for a {dt} column, not {}",
                        kind(item)
                    ));
                };
                if s.is_empty() {
                    continue;
                }
                check_text(element, s).map_err(|e| format!("element {i}: {e}"))?;
                out.push(Value::String(s.clone()));
            }
            Ok((!out.is_empty()).then(|| SqlValue::Text(Value::Array(out).to_string())))
        }
        Storage::NumberList => {
            let Value::Array(items) = value else {
                return Err(expected(dt, "an array of numbers", value));
            };
            for (i, item) in items.iter().enumerate() {
                if !item.as_f64().is_some_and(f64::is_finite) || !item.is_number() {
                    return Err(format!(
                        "element {i} must be a number for a NUMBER_LIST column, not {}",
                        kind(item)
                    ));
                }
            }
            Ok((!items.is_empty()).then(|| SqlValue::Text(value.to_string())))
        }
        Storage::Json => {
            let Value::String(s) = value else {
                return Err(format!(
                    "an OBJECT value travels as a JSON-encoded string, not {}",
                    kind(value)
                ));
            };
            if s.is_empty() {
                return Ok(None);
            }
            match serde_json::from_str::<Value>(s) {
                Ok(Value::Object(_)) => Ok(Some(SqlValue::Text(s.clone()))),
                Ok(Value::Array(a)) if a.iter().all(Value::is_object) => {
                    Ok(Some(SqlValue::Text(s.clone())))
                }
                Ok(other) => Err(format!(
                    "an OBJECT value must encode an object or an array of objects, not {}",
                    kind(&other)
                )),
                Err(e) => Err(format!("the OBJECT value is not valid JSON: {e}")),
            }
        }
    }
}

/// Converts a computed value (a formula's result, an AI answer) to a column's dataType the
/// way a spreadsheet would: numbers and booleans become text for text columns, numeric text
/// becomes a number for numeric columns, a scalar becomes a one-element list. What still does
/// not fit is an error naming the value.
pub(crate) fn coerce(dt: DataType, computed: &Value) -> Result<Option<SqlValue>, String> {
    let converted = match (storage(dt), computed) {
        (Storage::Text, Value::Number(_) | Value::Bool(_)) => Value::String(computed.to_string()),
        (Storage::Text, Value::Array(items)) => {
            Value::String(items.iter().map(display).collect::<Vec<_>>().join(", "))
        }
        (Storage::Text | Storage::Json, Value::Object(_)) => Value::String(computed.to_string()),
        (Storage::Json, Value::Array(_)) => Value::String(computed.to_string()),
        (Storage::Integer, Value::Number(n)) => match n.as_f64() {
            Some(f) if f.fract() != 0.0 => Value::Number(Number::from(f.round() as i64)),
            _ => computed.clone(),
        },
        (Storage::Integer | Storage::Real, Value::String(s)) => {
            let cleaned: String = s
                .chars()
                .filter(|c| !matches!(c, ',' | '$' | '%' | ' '))
                .collect();
            match cleaned.parse::<f64>() {
                Ok(f) if storage(dt) == Storage::Integer => {
                    Value::Number(Number::from(f.round() as i64))
                }
                Ok(f) => Number::from_f64(f).map_or(Value::Null, Value::Number),
                Err(_) => return Err(format!("'{}' is not a number", clip(s))),
            }
        }
        (Storage::Bool, Value::String(s)) => match s.to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "1" => Value::Bool(true),
            "false" | "no" | "n" | "0" => Value::Bool(false),
            _ => return Err(format!("'{}' is not true or false", clip(s))),
        },
        (Storage::Bool, Value::Number(n)) => Value::Bool(n.as_f64().is_some_and(|f| f != 0.0)),
        (Storage::Date, Value::String(s)) if s.len() > 10 && s.as_bytes()[10] == b'T' => {
            Value::String(s[..10].to_owned())
        }
        (Storage::TextList, Value::Array(items)) => {
            Value::Array(items.iter().map(|v| Value::String(display(v))).collect())
        }
        (Storage::TextList, Value::String(_)) => Value::Array(vec![computed.clone()]),
        (Storage::NumberList, Value::Number(_)) => Value::Array(vec![computed.clone()]),
        _ => computed.clone(),
    };
    to_sql(dt, &converted)
}

/// Reads a stored value back into its wire form (`None` for NULL).
pub(crate) fn to_json(dt: DataType, value: ValueRef<'_>) -> Option<Value> {
    match (storage(dt), value) {
        (_, ValueRef::Null) => None,
        (Storage::Bool, ValueRef::Integer(i)) => Some(Value::Bool(i != 0)),
        (_, ValueRef::Integer(i)) => Some(Value::Number(i.into())),
        (_, ValueRef::Real(f)) => Number::from_f64(f).map(Value::Number),
        (Storage::TextList | Storage::NumberList, ValueRef::Text(t)) => {
            serde_json::from_slice(t).ok()
        }
        (_, ValueRef::Text(t)) => Some(Value::String(String::from_utf8_lossy(t).into_owned())),
        (_, ValueRef::Blob(_)) => None,
    }
}

/// The value as plain text (for formulas, AI grounding and messages).
pub(crate) fn display(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(display).collect::<Vec<_>>().join(", "),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The scalar type of a list's elements.
pub(crate) fn list_element(dt: DataType) -> DataType {
    match dt {
        DataType::EmailList => DataType::Email,
        DataType::PhoneList => DataType::Phone,
        DataType::UrlList => DataType::Url,
        DataType::NumberList => DataType::Decimal,
        _ => DataType::Text,
    }
}

fn check_text(dt: DataType, s: &str) -> Result<(), String> {
    let len = s.chars().count();
    match dt {
        DataType::Text if len > 2000 => Err(format!(
            "a TEXT value must be shorter than 2000 characters (this one has {len}); use LARGE_TEXT"
        )),
        DataType::LargeText | DataType::Markup if len > 100_000 => Err(format!(
            "the value has {len} characters; the limit is 100000"
        )),
        DataType::Email if !is_email(s) => Err(format!("'{}' is not an email address", clip(s))),
        DataType::Phone if !is_phone(s) => Err(format!("'{}' is not a phone number", clip(s))),
        DataType::Url if !is_url(s) => Err(format!(
            "'{}' is not a website or domain (e.g. 'example.com' or 'https://example.com/')",
            clip(s)
        )),
        DataType::ZiContactId | DataType::ZiCompanyId
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Err(format!("'{}' is not a ZoomInfo id (digits only)", clip(s)))
        }
        _ => Ok(()),
    }
}

/// `local@domain.tld`, no spaces.
pub(crate) fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && !s.chars().any(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
}

fn is_phone(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    digits >= 5
        && s.chars()
            .all(|c| c.is_ascii_digit() || " +-().xX/".contains(c) || c == 'e' || c == 't')
}

fn is_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .unwrap_or(s);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once(':').map_or(host, |(h, _)| h);
    !s.chars().any(char::is_whitespace)
        && (host.contains('.') || host == "localhost")
        && !host.starts_with('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
}

/// A real calendar date `YYYY-MM-DD`.
pub(crate) fn is_date(s: &str) -> bool {
    s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

fn integral(n: &Number) -> Option<i64> {
    if let Some(i) = n.as_i64() {
        return Some(i);
    }
    let f = n.as_f64()?;
    // Whole floats such as 42.0 are accepted; ±2^63 and beyond are not.
    (f.fract() == 0.0 && f.abs() < 9.2e18).then_some(f as i64)
}

fn expected(dt: DataType, what: &str, got: &Value) -> String {
    format!("a {dt} column expects {what}, not {}", kind(got))
}

/// "a string 'abc'", "the number 3", ... for messages.
pub(crate) fn kind(v: &Value) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string '{}'", clip(s)),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

fn clip(s: &str) -> String {
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
#[allow(clippy::needless_pass_by_value, reason = "terse test helpers")]
mod tests {
    use super::*;
    use serde_json::json;

    fn ok(dt: DataType, v: Value) -> Option<SqlValue> {
        to_sql(dt, &v).unwrap()
    }

    fn err(dt: DataType, v: Value) -> String {
        to_sql(dt, &v).unwrap_err()
    }

    #[test]
    fn integer_columns_reject_strings_and_fractions() {
        assert_eq!(
            ok(DataType::Integer, json!(42)),
            Some(SqlValue::Integer(42))
        );
        assert_eq!(
            ok(DataType::Integer, json!(42.0)),
            Some(SqlValue::Integer(42))
        );
        assert!(err(DataType::Integer, json!("abc")).contains("expects a whole number"));
        assert!(err(DataType::Integer, json!("42")).contains("the string '42'"));
        assert!(err(DataType::Integer, json!(4.5)).contains("not a whole number"));
    }

    #[test]
    fn text_shapes_are_checked() {
        assert!(ok(DataType::Email, json!("dana@northwind.io")).is_some());
        assert!(err(DataType::Email, json!("dana")).contains("not an email"));
        assert!(ok(DataType::Url, json!("northwind.io")).is_some());
        assert!(ok(DataType::Url, json!("https://www.northwind.io/about")).is_some());
        assert!(err(DataType::Url, json!("not a url")).contains("not a website"));
        assert!(ok(DataType::Phone, json!("+1 (206) 555-0100")).is_some());
        assert!(err(DataType::Text, json!("x".repeat(2001))).contains("2000"));
        assert_eq!(ok(DataType::Text, json!("")), None);
    }

    #[test]
    fn dates_are_calendar_dates() {
        assert!(ok(DataType::Date, json!("2026-02-28")).is_some());
        assert!(err(DataType::Date, json!("2026-02-30")).contains("calendar date"));
        assert!(err(DataType::Date, json!("2026-02-01T00:00:00Z")).contains("calendar date"));
    }

    #[test]
    fn lists_check_each_element() {
        assert_eq!(
            ok(DataType::StringList, json!(["a", "b"])),
            Some(SqlValue::Text(r#"["a","b"]"#.to_owned()))
        );
        assert!(err(DataType::StringList, json!("a")).contains("array of strings"));
        assert!(err(DataType::EmailList, json!(["a@b.co", "x"])).contains("element 1"));
        assert!(err(DataType::NumberList, json!([1, "2"])).contains("element 1"));
        assert_eq!(ok(DataType::StringList, json!([])), None);
    }

    #[test]
    fn objects_travel_as_json_strings() {
        assert!(ok(DataType::Object, json!(r#"{"a":1}"#)).is_some());
        assert!(ok(DataType::Object, json!(r#"[{"a":1}]"#)).is_some());
        assert!(err(DataType::Object, json!({"a": 1})).contains("JSON-encoded string"));
        assert!(err(DataType::Object, json!("[1,2]")).contains("array of objects"));
    }

    #[test]
    fn values_read_back_in_wire_form() {
        assert_eq!(
            to_json(DataType::Boolean, ValueRef::Integer(1)),
            Some(json!(true))
        );
        assert_eq!(
            to_json(DataType::StringList, ValueRef::Text(br#"["a"]"#)),
            Some(json!(["a"]))
        );
        assert_eq!(
            to_json(DataType::Object, ValueRef::Text(br#"{"a":1}"#)),
            Some(json!(r#"{"a":1}"#))
        );
        assert_eq!(to_json(DataType::Text, ValueRef::Null), None);
    }
}
