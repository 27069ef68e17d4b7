//! A search page's JSON straight into an Arrow batch, without a `serde_json::Value` per cell.
//!
//! [`rows_to_batch`](super::decode::rows_to_batch) takes rows the client has already parsed
//! into [`Row`](crate::client::Row)s: a `Value` tree per cell and a `String` per column id.
//! On a full scan that parse is most of gtmsql's CPU, so the scan instead parses each page's
//! body once, borrowing strings from it, and appends every cell to its column's builder as it
//! is read. Values follow exactly the rules of `rows_to_batch`: the common shapes (a string
//! for text and dates, a whole number for integers, a number for floats, a boolean) take a
//! fast path, and every other shape goes through the same `Builder::push` as a `Value`.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use datafusion::arrow::array::ArrayRef;
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::record_batch::{RecordBatch, RecordBatchOptions};
use datafusion::common::{DataFusionError, Result};
use serde::Deserialize;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::decode::{Builder, parse_date};
use super::schema::{TableLayout, ValueKind};

/// One decoded page of a row search.
#[derive(Debug, Clone)]
pub struct DecodedPage {
    /// The rows, as a batch of the projected schema.
    pub batch: RecordBatch,
    /// How many rows the page held.
    pub rows: usize,
    /// How many rows match in all (`meta.total`; the page's rows when absent).
    pub total: u64,
    /// The page's number (`meta.page.number`; 0 when absent).
    pub page: u32,
}

/// Decodes the body of a row search (`{"data": [rows], "meta": {"total"}}`) into a batch of
/// `schema`: the fields `projection` (indexes into the layout's schema) picks. `capacity` is
/// the rows expected (the page size). A cell whose state is not RESULT reads as NULL.
///
/// # Errors
/// A body that is not a page of rows, or a value that does not fit its column (naming the
/// row and column).
pub fn page_to_batch(
    layout: &TableLayout,
    projection: &[usize],
    schema: &SchemaRef,
    body: &[u8],
    capacity: usize,
    audience: &str,
) -> Result<DecodedPage> {
    let mut decoder = PageDecoder::new(layout, projection, capacity);
    let mut de = serde_json::Deserializer::from_slice(body);
    let parsed = DocSeed(&mut decoder)
        .deserialize(&mut de)
        .and_then(|meta| de.end().map(|()| meta));
    let meta = match parsed {
        Ok(meta) => meta.unwrap_or_default(),
        Err(e) => {
            let message = match decoder.failure.take() {
                Some((row, column, why)) => format!(
                    "audience {audience}, row {row}, column {column}: the server sent a value that does not fit: {why}"
                ),
                None => format!("decoding a page of rows from {audience}: {e}"),
            };
            return Err(DataFusionError::External(message.into()));
        }
    };
    let rows = decoder.rows;
    let batch = if projection.is_empty() {
        RecordBatch::try_new_with_options(
            Arc::clone(schema),
            vec![],
            &RecordBatchOptions::new().with_row_count(Some(rows)),
        )?
    } else {
        let arrays: Vec<ArrayRef> = decoder
            .slots
            .into_iter()
            .map(|s| s.builder.finish())
            .collect();
        RecordBatch::try_new(Arc::clone(schema), arrays)?
    };
    Ok(DecodedPage {
        batch,
        rows,
        total: meta.total.unwrap_or(rows as u64),
        page: meta.page.and_then(|p| p.number).unwrap_or(0),
    })
}

/// One output column being built.
struct Slot<'l> {
    /// The server's column id; `None` for `_row_id`.
    column_id: Option<&'l str>,
    kind: ValueKind,
    builder: Builder,
    /// Whether the current row has written it.
    filled: bool,
}

struct PageDecoder<'l> {
    layout: &'l TableLayout,
    slots: Vec<Slot<'l>>,
    /// Where the last cell went: cells come in audience order, as the slots are.
    hint: usize,
    rows: usize,
    /// The first value that did not fit: (row id, column name, why).
    failure: Option<(String, String, String)>,
}

impl<'l> PageDecoder<'l> {
    fn new(layout: &'l TableLayout, projection: &[usize], capacity: usize) -> Self {
        let slots = projection
            .iter()
            .map(|&i| match layout.column_at(i) {
                None => Slot {
                    column_id: None,
                    kind: ValueKind::Text,
                    builder: Builder::new(ValueKind::Text, capacity),
                    filled: false,
                },
                Some(c) => Slot {
                    column_id: Some(c.column.id.as_str()),
                    kind: c.kind,
                    builder: Builder::new(c.kind, capacity),
                    filled: false,
                },
            })
            .collect();
        Self {
            layout,
            slots,
            hint: 0,
            rows: 0,
            failure: None,
        }
    }

    fn slot_of(&mut self, column_id: &str) -> Option<usize> {
        let n = self.slots.len();
        for k in 0..n {
            let i = (self.hint + k) % n;
            if self.slots[i].column_id == Some(column_id) {
                self.hint = i + 1;
                return Some(i);
            }
        }
        None
    }

    /// Appends one cell; `Err` says why its value does not fit (the row id is not known yet:
    /// it may come after the cells).
    fn cell(&mut self, cell: CellIn<'_>) -> std::result::Result<(), (String, String)> {
        let Some(i) = self.slot_of(&cell.column_id) else {
            return Ok(()); // a column that was not asked for
        };
        let slot = &mut self.slots[i];
        if slot.filled {
            return Ok(());
        }
        slot.filled = true;
        let is_result = cell.state.as_deref().is_none_or(|s| s == "RESULT");
        let value = match cell.value {
            Some(v) if is_result => v,
            _ => {
                slot.builder.null();
                return Ok(());
            }
        };
        push(&mut slot.builder, slot.kind, value).map_err(|why| {
            let name = self
                .layout
                .columns
                .iter()
                .find(|c| c.column.id == *cell.column_id)
                .map_or_else(|| cell.column_id.to_string(), |c| c.name.clone());
            (name, why)
        })
    }

    /// Ends a row: its id into `_row_id`, NULL into every column it had no cell for.
    fn end_row(&mut self, id: Option<&str>) {
        for slot in &mut self.slots {
            match slot.column_id {
                None => match (&mut slot.builder, id) {
                    (Builder::Text(b), Some(id)) => b.append_value(id),
                    (b, _) => b.null(),
                },
                Some(_) if !slot.filled => slot.builder.null(),
                Some(_) => {}
            }
            slot.filled = false;
        }
        self.hint = 0;
        self.rows += 1;
    }
}

/// Appends `v` to a builder of `kind`: the common shapes directly, the rest as a `Value`
/// through [`Builder::push`] (same rules, same messages).
fn push(builder: &mut Builder, kind: ValueKind, v: ValueIn<'_>) -> std::result::Result<(), String> {
    match (builder, v) {
        (b, ValueIn::Null) => {
            b.null();
            Ok(())
        }
        (Builder::Text(b), ValueIn::Str(s)) => {
            b.append_value(&s);
            Ok(())
        }
        (Builder::Integer(b), ValueIn::I64(n)) => {
            b.append_value(n);
            Ok(())
        }
        (Builder::Float(b), ValueIn::F64(n)) => {
            b.append_value(n);
            Ok(())
        }
        (Builder::Float(b), ValueIn::I64(n)) => {
            b.append_value(n as f64);
            Ok(())
        }
        (Builder::Boolean(b), ValueIn::Bool(x)) => {
            b.append_value(x);
            Ok(())
        }
        (Builder::Date(b), ValueIn::Str(s)) => parse_date(&s)
            .map(|d| b.append_value(d))
            .ok_or_else(|| format!("expected a date YYYY-MM-DD, got '{s}'")),
        (b, other) => b.push(kind, &other.into_value()),
    }
}

/// A cell value as read: scalars without allocation (strings borrowed from the body where
/// they have no escapes), lists and objects as `Value`.
enum ValueIn<'a> {
    Null,
    Bool(bool),
    I64(i64),
    U64(u64),
    F64(f64),
    Str(Cow<'a, str>),
    Other(Value),
}

impl ValueIn<'_> {
    fn into_value(self) -> Value {
        match self {
            Self::Null => Value::Null,
            Self::Bool(b) => Value::Bool(b),
            Self::I64(n) => Value::from(n),
            Self::U64(n) => Value::from(n),
            Self::F64(n) => serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number),
            Self::Str(s) => Value::String(s.into_owned()),
            Self::Other(v) => v,
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for ValueIn<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = ValueIn<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_bool<E>(self, v: bool) -> std::result::Result<Self::Value, E> {
                Ok(ValueIn::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E> {
                Ok(ValueIn::I64(v))
            }
            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E> {
                Ok(i64::try_from(v).map_or(ValueIn::U64(v), ValueIn::I64))
            }
            fn visit_f64<E>(self, v: f64) -> std::result::Result<Self::Value, E> {
                Ok(ValueIn::F64(v))
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> std::result::Result<Self::Value, E> {
                Ok(ValueIn::Str(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> std::result::Result<Self::Value, E> {
                Ok(ValueIn::Str(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> std::result::Result<Self::Value, E> {
                Ok(ValueIn::Str(Cow::Owned(v)))
            }
            fn visit_unit<E>(self) -> std::result::Result<Self::Value, E> {
                Ok(ValueIn::Null)
            }
            fn visit_none<E>(self) -> std::result::Result<Self::Value, E> {
                Ok(ValueIn::Null)
            }
            fn visit_some<D: Deserializer<'de>>(
                self,
                d: D,
            ) -> std::result::Result<Self::Value, D::Error> {
                ValueIn::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                a: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                Value::deserialize(SeqAccessDeserializer::new(a)).map(ValueIn::Other)
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                a: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                Value::deserialize(MapAccessDeserializer::new(a)).map(ValueIn::Other)
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A string borrowed from the body when it has no escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> std::result::Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> std::result::Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> std::result::Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// One cell as read (`errorDetails` and anything else is skipped).
#[derive(Deserialize)]
struct CellIn<'a> {
    #[serde(borrow, rename = "columnId")]
    column_id: Cow<'a, str>,
    #[serde(borrow, default)]
    value: Option<ValueIn<'a>>,
    #[serde(borrow, default)]
    state: Option<Cow<'a, str>>,
}

/// The object keys the decoder looks at.
enum Key {
    Data,
    Meta,
    Id,
    Attributes,
    Values,
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_str<E>(self, v: &str) -> std::result::Result<Key, E> {
                Ok(match v {
                    "data" => Key::Data,
                    "meta" => Key::Meta,
                    "id" => Key::Id,
                    "attributes" => Key::Attributes,
                    "values" => Key::Values,
                    _ => Key::Other,
                })
            }
        }
        d.deserialize_identifier(V)
    }
}

/// The document: `data` into the builders, `meta.total` returned.
struct DocSeed<'a, 'l>(&'a mut PageDecoder<'l>);

impl<'de> DeserializeSeed<'de> for DocSeed<'_, '_> {
    type Value = Option<MetaIn>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DocSeed<'_, '_> {
    type Value = Option<MetaIn>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a page of rows")
    }
    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut meta = None;
        let mut data = false;
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Data => {
                    map.next_value_seed(RowsSeed(&mut *self.0))?;
                    data = true;
                }
                Key::Meta => meta = map.next_value::<Option<MetaIn>>()?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !data {
            return Err(de::Error::missing_field("data"));
        }
        Ok(meta)
    }
}

/// `meta`: the total and the page number.
#[derive(Default, Deserialize)]
struct MetaIn {
    #[serde(default)]
    total: Option<u64>,
    #[serde(default)]
    page: Option<PageIn>,
}

/// `meta.page`.
#[derive(Deserialize)]
struct PageIn {
    #[serde(default)]
    number: Option<u32>,
}

/// `data`: the rows.
struct RowsSeed<'a, 'l>(&'a mut PageDecoder<'l>);

impl<'de> DeserializeSeed<'de> for RowsSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RowsSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of rows")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        while seq.next_element_seed(RowSeed(&mut *self.0))?.is_some() {}
        Ok(())
    }
}

/// One row: `id` and `attributes.values`.
struct RowSeed<'a, 'l>(&'a mut PageDecoder<'l>);

impl<'de> DeserializeSeed<'de> for RowSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RowSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a row")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let mut id: Option<Text<'de>> = None;
        let mut misfit: Option<(String, String)> = None;
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Id => id = Some(map.next_value()?),
                Key::Attributes => {
                    map.next_value_seed(AttributesSeed {
                        decoder: &mut *self.0,
                        misfit: &mut misfit,
                    })?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let Some(id) = id else {
            return Err(de::Error::missing_field("id"));
        };
        if let Some((column, why)) = misfit {
            self.0.failure = Some((id.0.into_owned(), column, why));
            return Err(de::Error::custom("a value does not fit its column"));
        }
        self.0.end_row(Some(&id.0));
        Ok(())
    }
}

/// A row's `attributes`: its `values`.
struct AttributesSeed<'a, 'l> {
    decoder: &'a mut PageDecoder<'l>,
    misfit: &'a mut Option<(String, String)>,
}

impl<'de> DeserializeSeed<'de> for AttributesSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for AttributesSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("row attributes")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Values => map.next_value_seed(CellsSeed {
                    decoder: &mut *self.decoder,
                    misfit: &mut *self.misfit,
                })?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// A row's cells (`null` reads as none).
struct CellsSeed<'a, 'l> {
    decoder: &'a mut PageDecoder<'l>,
    misfit: &'a mut Option<(String, String)>,
}

impl<'de> DeserializeSeed<'de> for CellsSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CellsSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of cells")
    }
    fn visit_unit<E>(self) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        while let Some(cell) = seq.next_element::<CellIn<'de>>()? {
            if let Err(misfit) = self.decoder.cell(cell)
                && self.misfit.is_none()
            {
                *self.misfit = Some(misfit);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::{Audience, Row};
    use crate::provider::decode::rows_to_batch;
    use datafusion::arrow::util::pretty::pretty_format_batches;

    fn layout() -> TableLayout {
        let columns: Vec<Value> = [
            ("c_text", "Name", "TEXT"),
            ("c_int", "Employees", "INTEGER"),
            ("c_dec", "Revenue", "DECIMAL"),
            ("c_bool", "Active", "BOOLEAN"),
            ("c_date", "Signed", "DATE"),
            ("c_list", "Tags", "STRING_LIST"),
            ("c_nums", "Scores", "NUMBER_LIST"),
        ]
        .iter()
        .map(|(id, name, dt)| {
            serde_json::json!({"id": id, "type": "Column", "attributes": {
                "name": name, "dataType": dt, "columnType": "CUSTOM"}})
        })
        .collect();
        let audience: Audience = serde_json::from_value(serde_json::json!({
            "id": "a1", "type": "Audience",
            "attributes": {"name": "People", "type": "CONTACT", "origin": "CUSTOM",
                "recordCount": 0, "columns": columns}
        }))
        .expect("audience");
        TableLayout::new(&audience, &[])
    }

    /// Both decoders give the same batch (or the same error) for `body`.
    fn same_as_rows_to_batch(body: &str, projection: &[usize]) {
        let layout = layout();
        let schema = Arc::new(layout.schema.project(projection).expect("projection"));
        let doc: Value = serde_json::from_str(body).expect("json");
        let rows: Vec<Row> = serde_json::from_value(doc["data"].clone()).expect("rows");
        let slow = rows_to_batch(&layout, projection, &schema, &rows, "people");
        let fast = page_to_batch(&layout, projection, &schema, body.as_bytes(), 4, "people");
        match (slow, fast) {
            (Ok(slow), Ok(fast)) => {
                assert_eq!(fast.rows, rows.len());
                assert_eq!(
                    pretty_format_batches(&[fast.batch])
                        .expect("fmt")
                        .to_string(),
                    pretty_format_batches(&[slow]).expect("fmt").to_string()
                );
            }
            (Err(slow), Err(fast)) => assert_eq!(fast.to_string(), slow.to_string()),
            (slow, fast) => panic!("rows_to_batch: {slow:?}\npage_to_batch: {fast:?}"),
        }
    }

    const PAGE: &str = r#"{"data": [
        {"type": "Row", "id": "r1", "attributes": {"values": [
            {"columnId": "c_text", "value": "Ada \"A\" L\u00f6velace", "state": "RESULT"},
            {"columnId": "c_int", "value": 42},
            {"columnId": "c_dec", "value": 7},
            {"columnId": "c_bool", "value": true},
            {"columnId": "c_date", "value": "2026-11-26"},
            {"columnId": "c_list", "value": ["a", "b"]},
            {"columnId": "c_nums", "value": [1, 2.5]}]}},
        {"attributes": {"values": [
            {"value": 12.5, "columnId": "c_text"},
            {"columnId": "c_int", "value": "17"},
            {"columnId": "c_dec", "value": 1.25},
            {"columnId": "c_bool", "value": "false"},
            {"columnId": "c_date", "value": null},
            {"columnId": "c_list", "value": "solo"}]}, "id": "r2", "type": "Row"},
        {"type": "Row", "id": "r3", "attributes": {"values": [
            {"columnId": "c_text", "state": "LOADING"},
            {"columnId": "c_int", "value": 3.0},
            {"columnId": "c_bool", "value": false, "state": "ERROR", "errorDetails": {"summary": "x"}}]}},
        {"type": "Row", "id": "r4", "attributes": {"values": null}}
    ], "meta": {"page": {"size": 4, "number": 1}, "total": 9}, "links": {}}"#;

    #[test]
    fn decodes_like_rows_to_batch() {
        same_as_rows_to_batch(PAGE, &[0, 1, 2, 3, 4, 5, 6, 7]);
        same_as_rows_to_batch(PAGE, &[2, 5]);
        same_as_rows_to_batch(PAGE, &[0]);
    }

    #[test]
    fn reads_the_total_and_counts_rows_without_columns() {
        let layout = layout();
        let schema = Arc::new(layout.schema.project(&[]).expect("projection"));
        let page = page_to_batch(&layout, &[], &schema, PAGE.as_bytes(), 4, "people").unwrap();
        assert_eq!((page.rows, page.total, page.batch.num_rows()), (4, 9, 4));
    }

    #[test]
    fn every_value_shape_in_every_column_decodes_as_rows_to_batch_does() {
        let values = [
            "null",
            "true",
            "false",
            "0",
            "-5",
            "42.0",
            "2.5",
            "1e300",
            "18446744073709551615",
            "-9223372036854775808",
            r#""x""#,
            r#""""#,
            r#""2026-01-02""#,
            r#""2026-01-02T10:00:00Z""#,
            r#""2026-02-30""#,
            r#""true""#,
            r#"" 12 ""#,
            r#""1.5""#,
            r#""caf\u00e9 \"q\"""#,
            "[]",
            r#"["a", 1, null, true]"#,
            "[1, 2.5, null]",
            r#"{"a": [1]}"#,
        ];
        let columns = [
            "c_text", "c_int", "c_dec", "c_bool", "c_date", "c_list", "c_nums",
        ];
        for (k, column) in columns.iter().enumerate() {
            for value in values {
                for state in ["", r#", "state": "RESULT""#, r#", "state": "ERROR""#] {
                    let body = format!(
                        r#"{{"data": [{{"id": "r1", "attributes": {{"values": [{{"columnId": "{column}", "value": {value}{state}}}]}}}}], "meta": {{"total": 1}}}}"#
                    );
                    same_as_rows_to_batch(&body, &[0, k + 1]);
                }
            }
        }
    }

    #[test]
    fn a_value_that_does_not_fit_is_the_same_error() {
        let body = r#"{"data": [{"id": "r9", "attributes": {"values": [
            {"columnId": "c_int", "value": "many"}]}}]}"#;
        same_as_rows_to_batch(body, &[0, 2]);
        let body = r#"{"data": [{"attributes": {"values": [
            {"columnId": "c_date", "value": "someday"}]}, "id": "r8"}]}"#;
        same_as_rows_to_batch(body, &[5]);
    }
}
