//! Conversion of SQL values per dataType.

use datafusion::common::ScalarValue;
use serde_json::{Value, json};

use super::TargetColumn;
use crate::client::DataType;

fn target(data_type: DataType) -> TargetColumn {
    TargetColumn {
        name: "c".to_owned(),
        column_id: "id".to_owned(),
        data_type: Some(data_type),
    }
}

#[allow(
    clippy::needless_pass_by_value,
    reason = "test calls read better with values"
)]
fn ok(data_type: DataType, value: ScalarValue) -> Value {
    let target = target(data_type.clone());
    target
        .convert_scalar(&value)
        .unwrap_or_else(|e| panic!("{value:?} into {data_type:?}: {e}"))
}

#[allow(
    clippy::needless_pass_by_value,
    reason = "test calls read better with values"
)]
fn err(data_type: DataType, value: ScalarValue) -> String {
    match target(data_type.clone()).convert_scalar(&value) {
        Ok(v) => panic!("{value:?} into {data_type:?} should fail, got {v}"),
        Err(e) => e,
    }
}

fn text(s: &str) -> ScalarValue {
    ScalarValue::Utf8(Some(s.to_owned()))
}

#[test]
fn integers_take_whole_numbers_in_any_form() {
    assert_eq!(
        ok(DataType::Integer, ScalarValue::Int32(Some(42))),
        json!(42)
    );
    assert_eq!(
        ok(DataType::Integer, ScalarValue::Float64(Some(42.0))),
        json!(42)
    );
    assert_eq!(ok(DataType::Integer, text(" 7345 ")), json!(7345));
    assert_eq!(ok(DataType::Integer, text("1e3")), json!(1000));
    assert_eq!(ok(DataType::Integer, text("")), Value::Null);
    assert_eq!(
        ok(
            DataType::Integer,
            ScalarValue::Decimal128(Some(1200), 10, 2)
        ),
        json!(12)
    );
    let e = err(DataType::Integer, text("abc"));
    assert!(e.contains("'abc'") && e.contains("INTEGER"), "{e}");
    assert!(err(DataType::Integer, ScalarValue::Float64(Some(1.5))).contains("whole"));
    assert!(err(DataType::Integer, ScalarValue::UInt64(Some(u64::MAX))).contains("64 bits"));
    assert!(err(DataType::Integer, ScalarValue::Boolean(Some(true))).contains("INTEGER"));
}

#[test]
fn decimals_booleans_and_dates() {
    assert_eq!(ok(DataType::Decimal, text("2.5")), json!(2.5));
    assert_eq!(
        ok(DataType::Currency, ScalarValue::Int64(Some(3))),
        json!(3.0)
    );
    assert!(err(DataType::Percent, ScalarValue::Float64(Some(f64::NAN))).contains("finite"));
    assert_eq!(ok(DataType::Boolean, text("Yes")), json!(true));
    assert_eq!(
        ok(DataType::Checkbox, ScalarValue::Int64(Some(0))),
        json!(false)
    );
    assert!(err(DataType::Boolean, text("maybe")).contains("true or false"));
    assert_eq!(ok(DataType::Date, text("2026-03-14")), json!("2026-03-14"));
    assert_eq!(
        ok(DataType::Date, ScalarValue::Date32(Some(20_526))),
        json!("2026-03-14")
    );
    assert_eq!(
        ok(
            DataType::Date,
            ScalarValue::TimestampSecond(Some(20_526 * 86_400), None)
        ),
        json!("2026-03-14")
    );
    assert!(
        err(
            DataType::Date,
            ScalarValue::TimestampSecond(Some(20_526 * 86_400 + 5), None)
        )
        .contains("time of day")
    );
    assert!(err(DataType::Date, text("2026-02-30")).contains("calendar date"));
    assert!(err(DataType::Date, text("14/03/2026")).contains("calendar date"));
}

#[test]
fn text_keeps_its_form_and_checks_formats() {
    assert_eq!(ok(DataType::Text, text(" Dana ")), json!(" Dana "));
    assert_eq!(ok(DataType::Text, ScalarValue::Int64(Some(5))), json!("5"));
    assert_eq!(
        ok(DataType::Text, ScalarValue::Float64(Some(2.5))),
        json!("2.5")
    );
    assert_eq!(
        ok(DataType::Email, text("dana@northwind.io")),
        json!("dana@northwind.io")
    );
    assert!(err(DataType::Email, text("dana at northwind")).contains("EMAIL"));
    assert!(err(DataType::Url, text("not a url")).contains("URL"));
    assert_eq!(
        ok(DataType::Url, text("https://northwind.io/x")),
        json!("https://northwind.io/x")
    );
    assert!(err(DataType::Phone, text("12")).contains("PHONE"));
    assert!(err(DataType::Text, text(&"x".repeat(2000))).contains("LARGE_TEXT"));
}

#[test]
fn lists_from_sql_lists_or_json_text() {
    let list = ScalarValue::List(ScalarValue::new_list_nullable(
        &[text("SaaS"), ScalarValue::Utf8(None), text("B2B")],
        &datafusion::arrow::datatypes::DataType::Utf8,
    ));
    assert_eq!(ok(DataType::StringList, list), json!(["SaaS", "B2B"]));
    assert_eq!(
        ok(DataType::StringList, text(r#"["a","b"]"#)),
        json!(["a", "b"])
    );
    assert!(err(DataType::StringList, text("a;b")).contains("JSON array"));
    assert!(err(DataType::EmailList, text(r#"["x"]"#)).contains("element 1"));
    assert_eq!(
        ok(DataType::NumberList, text("[1, 2.5]")),
        json!([1.0, 2.5])
    );
    assert!(err(DataType::NumberList, text(r#"["x"]"#)).contains("not a number"));
}

#[test]
fn objects_travel_as_json_text() {
    assert_eq!(
        ok(DataType::Object, text(r#"{"a":1}"#)),
        json!(r#"{"a":1}"#)
    );
    assert!(err(DataType::Object, text("[1]")).contains("object"));
    assert!(err(DataType::Object, text("{")).contains("not valid JSON"));
}

#[test]
fn nulls_clear() {
    assert_eq!(ok(DataType::Integer, ScalarValue::Int64(None)), Value::Null);
    assert_eq!(ok(DataType::Text, ScalarValue::Null), Value::Null);
}
