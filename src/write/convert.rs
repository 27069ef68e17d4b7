//! SQL values into cell values: each value is checked against its column's dataType and
//! converted to the form the API takes, before anything is sent.
//!
//! | dataType | accepted SQL values |
//! |---|---|
//! | TEXT, LARGE_TEXT, URL, PHONE, … | text; numbers, booleans and dates become their text |
//! | EMAIL | text of the form `local@domain.tld` |
//! | INTEGER | integers; whole floats and decimals; text holding a whole number |
//! | DECIMAL, PERCENT, CURRENCY | numbers; text holding a number |
//! | BOOLEAN, CHECKBOX | booleans; `true/false/yes/no/t/f/y/n/1/0` as text; 0 and 1 |
//! | DATE | dates; timestamps at midnight; text `YYYY-MM-DD` |
//! | *_LIST | lists (`['a', 'b']`); text holding a JSON array |
//! | NUMBER_LIST | lists of numbers; text holding a JSON array of numbers |
//! | OBJECT | text holding a JSON object or array of objects |
//!
//! NULL clears a cell (on a new row the cell is simply not sent). Text is sent as written:
//! no trimming, no case changes. What does not fit is an error sentence; the caller adds the
//! row and column.

use datafusion::arrow::array::{Array, ArrayRef};
use datafusion::arrow::datatypes::DataType as ArrowType;
use datafusion::common::ScalarValue;
use serde_json::{Number, Value};

use crate::client::{Column, ColumnType, DataType};
use crate::provider::decode::format_date;

/// The longest TEXT value the API takes (characters).
const TEXT_LIMIT: usize = 2000;
/// The longest LARGE_TEXT or MARKUP value (characters).
const LARGE_TEXT_LIMIT: usize = 100_000;

/// An audience column a statement writes.
#[derive(Debug, Clone)]
pub struct TargetColumn {
    /// The SQL name.
    pub name: String,
    /// The column id.
    pub column_id: String,
    /// The dataType (`None`: unknown to the server's listing; values are sent as text).
    pub data_type: Option<DataType>,
}

impl TargetColumn {
    /// The target for a column, or why it cannot be written.
    ///
    /// # Errors
    /// A sentence naming the column when it is not a CUSTOM column the API lets clients
    /// edit (match, AI and formula columns are filled by enrichment).
    pub fn new(name: &str, column: &Column) -> Result<Self, String> {
        if column.column_type != ColumnType::Custom || !column.is_editable {
            return Err(format!(
                "column {name} is a {} column, filled by GTM Studio; only CUSTOM columns can be written",
                column.column_type.as_str()
            ));
        }
        Ok(Self {
            name: name.to_owned(),
            column_id: column.id.clone(),
            data_type: column.data_type.clone(),
        })
    }

    fn type_name(&self) -> &str {
        self.data_type.as_ref().map_or("TEXT", DataType::as_str)
    }

    /// The cell value for `array[row]` (`Value::Null` for SQL NULL).
    ///
    /// # Errors
    /// A sentence saying why the value does not fit the column.
    pub fn convert(&self, array: &ArrayRef, row: usize) -> Result<Value, String> {
        if array.is_null(row) {
            return Ok(Value::Null);
        }
        let scalar = ScalarValue::try_from_array(array, row).map_err(|e| e.to_string())?;
        self.convert_scalar(&scalar)
    }

    /// The cell value for one SQL value.
    ///
    /// # Errors
    /// A sentence saying why the value does not fit the column.
    pub fn convert_scalar(&self, value: &ScalarValue) -> Result<Value, String> {
        let value = unwrap_dictionary(value);
        if value.is_null() {
            return Ok(Value::Null);
        }
        use DataType as D;
        match &self.data_type {
            Some(D::Integer | D::OrdinalIdentifier) => self.integer(value),
            Some(D::Decimal | D::Percent | D::Currency) => self.number(value),
            Some(D::Boolean | D::Checkbox) => self.boolean(value),
            Some(D::Date) => self.date(value),
            Some(D::StringList | D::EmailList | D::PhoneList | D::UrlList | D::Multipicklist) => {
                self.text_list(value)
            }
            Some(D::NumberList) => self.number_list(value),
            Some(D::Object) => self.object(value),
            _ => self.text(value),
        }
    }

    fn mismatch(&self, value: &ScalarValue, expected: &str) -> String {
        format!(
            "{} does not fit a {} column ({expected})",
            describe(value),
            self.type_name()
        )
    }

    fn text(&self, value: &ScalarValue) -> Result<Value, String> {
        let text = scalar_text(value).ok_or_else(|| self.mismatch(value, "text expected"))?;
        let element = self.data_type.clone().unwrap_or(DataType::Text);
        check_text(&element, &text)?;
        Ok(Value::String(text))
    }

    fn integer(&self, value: &ScalarValue) -> Result<Value, String> {
        let whole = |f: f64| -> Option<i64> {
            // 2^63 itself is not an i64; every whole float below it in magnitude is.
            (f.is_finite() && f.fract() == 0.0 && f.abs() < 9.223_372_036_854_775e18)
                .then_some(f as i64)
        };
        let parsed = match value {
            ScalarValue::Int8(Some(v)) => Some(i64::from(*v)),
            ScalarValue::Int16(Some(v)) => Some(i64::from(*v)),
            ScalarValue::Int32(Some(v)) => Some(i64::from(*v)),
            ScalarValue::Int64(Some(v)) => Some(*v),
            ScalarValue::UInt8(Some(v)) => Some(i64::from(*v)),
            ScalarValue::UInt16(Some(v)) => Some(i64::from(*v)),
            ScalarValue::UInt32(Some(v)) => Some(i64::from(*v)),
            ScalarValue::UInt64(Some(v)) => i64::try_from(*v).ok(),
            _ => match (float(value), scalar_str(value)) {
                (Some(f), _) => whole(f),
                (None, Some(s)) => {
                    let s = s.trim();
                    if s.is_empty() {
                        return Ok(Value::Null);
                    }
                    s.parse::<i64>()
                        .ok()
                        .or_else(|| s.parse::<f64>().ok().and_then(whole))
                }
                (None, None) => return Err(self.mismatch(value, "a whole number expected")),
            },
        };
        parsed
            .map(|i| Value::Number(i.into()))
            .ok_or_else(|| self.mismatch(value, "not a whole number within 64 bits"))
    }

    fn number(&self, value: &ScalarValue) -> Result<Value, String> {
        let parsed = match (float(value), scalar_str(value)) {
            (Some(f), _) => Some(f),
            (None, Some(s)) => {
                let s = s.trim();
                if s.is_empty() {
                    return Ok(Value::Null);
                }
                s.parse::<f64>().ok()
            }
            (None, None) => None,
        };
        parsed
            .filter(|f| f.is_finite())
            .and_then(Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| self.mismatch(value, "a finite number expected"))
    }

    fn boolean(&self, value: &ScalarValue) -> Result<Value, String> {
        let parsed = match value {
            ScalarValue::Boolean(Some(b)) => Some(*b),
            _ => match (float(value), scalar_str(value)) {
                (Some(f), _) if f == 0.0 || f == 1.0 => Some(f == 1.0),
                (None, Some(s)) => match s.trim().to_ascii_lowercase().as_str() {
                    "" => return Ok(Value::Null),
                    "true" | "t" | "yes" | "y" | "1" => Some(true),
                    "false" | "f" | "no" | "n" | "0" => Some(false),
                    _ => None,
                },
                _ => None,
            },
        };
        parsed
            .map(Value::Bool)
            .ok_or_else(|| self.mismatch(value, "true or false expected"))
    }

    fn date(&self, value: &ScalarValue) -> Result<Value, String> {
        const DAY_MS: i64 = 86_400_000;
        let days = match value {
            ScalarValue::Date32(Some(d)) => Some(*d),
            ScalarValue::Date64(Some(ms)) => {
                if ms.rem_euclid(DAY_MS) != 0 {
                    return Err(self.mismatch(value, "a date without a time of day expected"));
                }
                i32::try_from(ms.div_euclid(DAY_MS)).ok()
            }
            ScalarValue::TimestampSecond(Some(_), _)
            | ScalarValue::TimestampMillisecond(Some(_), _)
            | ScalarValue::TimestampMicrosecond(Some(_), _)
            | ScalarValue::TimestampNanosecond(Some(_), _) => {
                let ms = timestamp_millis(value).unwrap_or(1);
                if ms.rem_euclid(DAY_MS) != 0 {
                    return Err(self.mismatch(
                        value,
                        "a date expected; this timestamp has a time of day (cast it to DATE)",
                    ));
                }
                i32::try_from(ms.div_euclid(DAY_MS)).ok()
            }
            _ => match scalar_str(value) {
                Some(s) if s.trim().is_empty() => return Ok(Value::Null),
                Some(s) => {
                    let s = s.trim();
                    if s.len() != 10 {
                        None
                    } else {
                        crate::provider::decode::parse_date(s)
                    }
                }
                None => None,
            },
        };
        days.and_then(format_date)
            .map(Value::String)
            .ok_or_else(|| self.mismatch(value, "a calendar date 'YYYY-MM-DD' expected"))
    }

    fn list_items(&self, value: &ScalarValue) -> Result<Option<Vec<ScalarValue>>, String> {
        match value {
            ScalarValue::List(a) => Ok(Some(list_values(&a.value(0)))),
            ScalarValue::LargeList(a) => Ok(Some(list_values(&a.value(0)))),
            ScalarValue::FixedSizeList(a) => Ok(Some(list_values(&a.value(0)))),
            _ => match scalar_str(value) {
                Some(s) if s.trim().is_empty() => Ok(Some(Vec::new())),
                Some(s) => match serde_json::from_str::<Value>(s.trim()) {
                    Ok(Value::Array(items)) => Ok(Some(
                        items
                            .into_iter()
                            .map(|item| match item {
                                Value::String(s) => ScalarValue::Utf8(Some(s)),
                                Value::Number(n) => ScalarValue::Float64(n.as_f64()),
                                Value::Bool(b) => ScalarValue::Boolean(Some(b)),
                                Value::Null => ScalarValue::Null,
                                other => ScalarValue::Utf8(Some(other.to_string())),
                            })
                            .collect(),
                    )),
                    _ => Err(self.mismatch(
                        value,
                        "a list expected: ['a', 'b'] in SQL, or text holding a JSON array",
                    )),
                },
                None => Ok(None),
            },
        }
    }

    fn text_list(&self, value: &ScalarValue) -> Result<Value, String> {
        let items = self
            .list_items(value)?
            .ok_or_else(|| self.mismatch(value, "a list of text expected"))?;
        let element = list_element(self.data_type.as_ref());
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            if item.is_null() {
                continue;
            }
            let text = scalar_text(item)
                .ok_or_else(|| format!("element {} ({}) is not text", i + 1, describe(item)))?;
            if text.is_empty() {
                continue;
            }
            check_text(&element, &text).map_err(|e| format!("element {}: {e}", i + 1))?;
            out.push(Value::String(text));
        }
        Ok(Value::Array(out))
    }

    fn number_list(&self, value: &ScalarValue) -> Result<Value, String> {
        let items = self
            .list_items(value)?
            .ok_or_else(|| self.mismatch(value, "a list of numbers expected"))?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            if item.is_null() {
                continue;
            }
            let number = float(item)
                .filter(|f| f.is_finite())
                .and_then(Number::from_f64)
                .ok_or_else(|| format!("element {} ({}) is not a number", i + 1, describe(item)))?;
            out.push(Value::Number(number));
        }
        Ok(Value::Array(out))
    }

    fn object(&self, value: &ScalarValue) -> Result<Value, String> {
        let Some(text) = scalar_str(value) else {
            return Err(self.mismatch(value, "text holding JSON expected"));
        };
        if text.trim().is_empty() {
            return Ok(Value::Null);
        }
        match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(_)) => Ok(Value::String(text.to_owned())),
            Ok(Value::Array(items)) if items.iter().all(Value::is_object) => {
                Ok(Value::String(text.to_owned()))
            }
            Ok(_) => Err(self.mismatch(value, "a JSON object or an array of objects expected")),
            Err(e) => Err(format!("{} is not valid JSON ({e})", describe(value))),
        }
    }
}

/// The element type of a list dataType.
fn list_element(data_type: Option<&DataType>) -> DataType {
    match data_type {
        Some(DataType::EmailList) => DataType::Email,
        Some(DataType::PhoneList) => DataType::Phone,
        Some(DataType::UrlList) => DataType::Url,
        _ => DataType::Text,
    }
}

/// The format rules of text dataTypes, as the API enforces them.
fn check_text(data_type: &DataType, text: &str) -> Result<(), String> {
    let chars = text.chars().count();
    let ok = match data_type {
        DataType::Text => {
            if chars >= TEXT_LIMIT {
                return Err(format!(
                    "the text has {chars} characters; a TEXT column takes fewer than {TEXT_LIMIT} (use LARGE_TEXT)"
                ));
            }
            true
        }
        DataType::LargeText | DataType::Markup => {
            if chars > LARGE_TEXT_LIMIT {
                return Err(format!(
                    "the text has {chars} characters; the limit is {LARGE_TEXT_LIMIT}"
                ));
            }
            true
        }
        DataType::Email => text.is_empty() || looks_like_email(text),
        DataType::Phone => text.is_empty() || looks_like_phone(text),
        DataType::Url => text.is_empty() || looks_like_url(text),
        DataType::ZiContactId | DataType::ZiCompanyId => {
            text.is_empty() || text.bytes().all(|b| b.is_ascii_digit())
        }
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "'{}' is not a valid {} value",
            clip(text),
            data_type.as_str()
        ))
    }
}

/// `local@domain.tld` without spaces.
fn looks_like_email(text: &str) -> bool {
    match text.rsplit_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !text.contains(char::is_whitespace)
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && domain
                    .chars()
                    .all(|c| c == '.' || c == '-' || c.is_alphanumeric())
        }
        None => false,
    }
}

/// At least five digits, and only digits and `+-().x/` separators (and "ext").
fn looks_like_phone(text: &str) -> bool {
    text.chars().filter(char::is_ascii_digit).count() >= 5
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().xX/et".contains(c))
}

/// A domain or an http(s) URL without spaces.
fn looks_like_url(text: &str) -> bool {
    if text.contains(char::is_whitespace) {
        return false;
    }
    let rest = ["https://", "http://"]
        .iter()
        .find_map(|p| text.strip_prefix(p))
        .unwrap_or(text);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit_once(':').map_or(authority, |(h, _)| h);
    (host == "localhost" || host.contains('.'))
        && !host.starts_with('.')
        && host
            .chars()
            .all(|c| c == '.' || c == '-' || c.is_alphanumeric())
}

fn unwrap_dictionary(value: &ScalarValue) -> &ScalarValue {
    match value {
        ScalarValue::Dictionary(_, inner) => unwrap_dictionary(inner),
        other => other,
    }
}

fn scalar_str(value: &ScalarValue) -> Option<&str> {
    match value {
        ScalarValue::Utf8(Some(s))
        | ScalarValue::LargeUtf8(Some(s))
        | ScalarValue::Utf8View(Some(s)) => Some(s),
        _ => None,
    }
}

/// A number as f64 (integers, floats, decimals); `None` for anything else.
fn float(value: &ScalarValue) -> Option<f64> {
    match value {
        ScalarValue::Int8(Some(v)) => Some(f64::from(*v)),
        ScalarValue::Int16(Some(v)) => Some(f64::from(*v)),
        ScalarValue::Int32(Some(v)) => Some(f64::from(*v)),
        ScalarValue::Int64(Some(v)) => Some(*v as f64),
        ScalarValue::UInt8(Some(v)) => Some(f64::from(*v)),
        ScalarValue::UInt16(Some(v)) => Some(f64::from(*v)),
        ScalarValue::UInt32(Some(v)) => Some(f64::from(*v)),
        ScalarValue::UInt64(Some(v)) => Some(*v as f64),
        ScalarValue::Float16(Some(v)) => Some(f64::from(*v)),
        ScalarValue::Float32(Some(v)) => Some(f64::from(*v)),
        ScalarValue::Float64(Some(v)) => Some(*v),
        ScalarValue::Decimal128(Some(v), _, scale) => {
            Some(*v as f64 / 10f64.powi(i32::from(*scale)))
        }
        ScalarValue::Decimal256(Some(_), _, _) => value
            .cast_to(&ArrowType::Float64)
            .ok()
            .and_then(|v| float(&v)),
        _ => None,
    }
}

fn timestamp_millis(value: &ScalarValue) -> Option<i64> {
    match value {
        ScalarValue::TimestampSecond(Some(v), _) => v.checked_mul(1000),
        ScalarValue::TimestampMillisecond(Some(v), _) => Some(*v),
        ScalarValue::TimestampMicrosecond(Some(v), _) => {
            (v.rem_euclid(1000) == 0).then(|| v.div_euclid(1000))
        }
        ScalarValue::TimestampNanosecond(Some(v), _) => {
            (v.rem_euclid(1_000_000) == 0).then(|| v.div_euclid(1_000_000))
        }
        _ => None,
    }
}

/// A scalar as the text a text column stores: strings as they are; numbers, booleans and
/// dates in their SQL text form; `None` for lists, structs and binary.
fn scalar_text(value: &ScalarValue) -> Option<String> {
    if let Some(s) = scalar_str(value) {
        return Some(s.to_owned());
    }
    match value {
        ScalarValue::Boolean(Some(b)) => Some(b.to_string()),
        ScalarValue::Float32(Some(_)) | ScalarValue::Float64(Some(_)) => {
            float(value).map(|f| Number::from_f64(f).map_or(f.to_string(), |n| n.to_string()))
        }
        ScalarValue::Date32(Some(d)) => format_date(*d),
        v if float(v).is_some() => Some(v.to_string()),
        ScalarValue::Date64(Some(_))
        | ScalarValue::TimestampSecond(Some(_), _)
        | ScalarValue::TimestampMillisecond(Some(_), _)
        | ScalarValue::TimestampMicrosecond(Some(_), _)
        | ScalarValue::TimestampNanosecond(Some(_), _) => Some(value.to_string()),
        _ => None,
    }
}

fn list_values(array: &ArrayRef) -> Vec<ScalarValue> {
    (0..array.len())
        .map(|i| ScalarValue::try_from_array(array, i).unwrap_or(ScalarValue::Null))
        .collect()
}

/// A value for messages: `'abc'` for text, `1.5` for numbers, `a list` etc.
fn describe(value: &ScalarValue) -> String {
    match value {
        v if scalar_str(v).is_some() => format!("'{}'", clip(scalar_str(v).unwrap_or_default())),
        ScalarValue::List(_) | ScalarValue::LargeList(_) | ScalarValue::FixedSizeList(_) => {
            "a list".to_owned()
        }
        ScalarValue::Struct(_) | ScalarValue::Map(_) => "a struct".to_owned(),
        ScalarValue::Binary(_)
        | ScalarValue::LargeBinary(_)
        | ScalarValue::BinaryView(_)
        | ScalarValue::FixedSizeBinary(_, _) => "binary data".to_owned(),
        ScalarValue::TimestampSecond(..)
        | ScalarValue::TimestampMillisecond(..)
        | ScalarValue::TimestampMicrosecond(..)
        | ScalarValue::TimestampNanosecond(..) => format!("the timestamp {value}"),
        other => other.to_string(),
    }
}

/// At most 60 characters of a value, for messages.
fn clip(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let mut out: String = text.chars().take(MAX).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests;
