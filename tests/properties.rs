//! Property tests of the three places where arbitrary input meets gtmsql: the filter
//! translator (random WHERE clauses give the same rows with pushdown on and off), the value
//! converter (never panics, round-trips what fits, names what does not) and the JSON:API
//! decoder (arbitrary JSON never panics, and a value that does not fit its column is an error
//! naming the row and column, never a wrong value). Case counts are modest for debug builds;
//! `PROPTEST_CASES` raises them.

mod common;

use std::sync::Arc;

use datafusion::arrow::array::ListArray;
use datafusion::arrow::datatypes::Float64Type;
use datafusion::common::ScalarValue;
use gtmsql::GtmSession;
use gtmsql::client::{
    Audience, Column, DataType, ErrorDocument, Folder, GatewayErrorDocument, JobStatus, Row,
    TokenResponse,
};
use gtmsql::provider::decode::{format_date, parse_date, rows_to_batch};
use gtmsql::provider::schema::TableLayout;
use gtmsql::write::convert::TargetColumn;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use common::render::sorted_rows as render;
use serde_json::{Value, json};

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn runner(default_cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases: cases(default_cases),
        failure_persistence: None,
        ..Config::default()
    })
}

// ---------------------------------------------------------------------------------------
// The filter translator.

/// A quoted SQL string literal.
fn lit(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

const TEXTS: &[&str] = &[
    "Northwind",
    "northwind",
    "Acme Corp",
    "ACME corp",
    "Globex",
    "Hooli",
    "",
    "Stark Industries",
    "Umbrella",
    "O'Brien",
    "É",
    "zz",
];
const PATTERNS: &[&str] = &[
    "%",
    "N%",
    "n%",
    "%corp",
    "%Corp%",
    "A_me%",
    "%@acme.com",
    "%io",
    "_%",
    "%\\%%",
    "Dana%",
    "%a%",
    "",
];
const TAGS: &[&str] = &["SaaS", "saas", "AI", "Enterprise", "B2B", "b2b", "x"];

/// A leaf predicate over `events.booth_scans`.
fn leaf() -> impl Strategy<Value = String> {
    let text_col = prop::sample::select(vec!["company", "full_name", "title", "email", "website"]);
    let cmp = prop::sample::select(vec!["=", "<>", "<", "<=", ">", ">="]);
    let text = prop::sample::select(TEXTS.to_vec());
    let pattern = prop::sample::select(PATTERNS.to_vec());
    let num_col = prop::sample::select(vec!["employees", "revenue", "score"]);
    let number = prop_oneof![
        prop::sample::select(vec![
            0.0, 12.0, 45.0, 260.0, 420.0, 5000.0, 8.5, 7.25, 6.0, -1.0
        ]),
        (-100i64..10_000).prop_map(|n| n as f64),
        (0u32..400).prop_map(|n| f64::from(n) / 40.0),
    ];
    let date = (19_000i32..20_700).prop_map(|d| format_date(d).unwrap());
    let any_col = prop::sample::select(vec![
        "email",
        "company",
        "employees",
        "revenue",
        "score",
        "active",
        "signed_up",
        "tags",
        "ratings",
        "website",
        "profile",
    ]);
    prop_oneof![
        (text_col.clone(), cmp.clone(), text.clone())
            .prop_map(|(c, o, t)| format!("{c} {o} {}", lit(t))),
        (
            text_col.clone(),
            prop::sample::select(vec!["LIKE", "NOT LIKE", "ILIKE", "NOT ILIKE"]),
            pattern
        )
            .prop_map(|(c, o, p)| format!("{c} {o} {}", lit(p))),
        (
            text_col.clone(),
            prop::collection::vec(text.clone(), 1..4),
            any::<bool>()
        )
            .prop_map(|(c, ts, not)| format!(
                "{c} {}IN ({})",
                if not { "NOT " } else { "" },
                ts.iter().map(|t| lit(t)).collect::<Vec<_>>().join(", ")
            )),
        (num_col.clone(), cmp, number.clone()).prop_map(|(c, o, n)| format!("{c} {o} {n}")),
        (num_col, number.clone(), number).prop_map(|(c, a, b)| format!(
            "{c} BETWEEN {} AND {}",
            a.min(b),
            a.max(b)
        )),
        (
            prop::sample::select(vec!["=", "<", ">=", "<>"]),
            date.clone()
        )
            .prop_map(|(o, d)| format!("signed_up {o} DATE '{d}'")),
        (date.clone(), date).prop_map(|(a, b)| format!(
            "signed_up BETWEEN DATE '{}' AND DATE '{}'",
            a.clone().min(b.clone()),
            a.max(b)
        )),
        prop::sample::select(vec![
            "active",
            "NOT active",
            "active = true",
            "active = false",
            "active IS TRUE",
            "active IS NOT FALSE",
            "active <> true",
        ])
        .prop_map(str::to_owned),
        (any_col, any::<bool>())
            .prop_map(|(c, not)| format!("{c} IS {}NULL", if not { "NOT " } else { "" })),
        prop::sample::select(TAGS.to_vec()).prop_map(|t| format!("array_has(tags, {})", lit(t))),
        (
            prop::sample::select(TAGS.to_vec()),
            prop::sample::select(TAGS.to_vec())
        )
            .prop_map(|(a, b)| format!("array_has_any(tags, [{}, {}])", lit(a), lit(b))),
        (0u32..6).prop_map(|n| format!("array_has(ratings, {n})")),
        (
            prop::sample::select(vec!["employees", "score"]),
            prop::collection::vec(-1i64..6000, 1..5)
        )
            .prop_map(|(c, ns)| format!(
                "{c} IN ({})",
                ns.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
    ]
}

/// A WHERE clause: leaves under AND, OR and NOT, three levels deep at most.
fn predicate() -> impl Strategy<Value = String> {
    leaf().prop_recursive(3, 12, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} AND {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} OR {b})")),
            inner.prop_map(|a| format!("NOT ({a})")),
        ]
    })
}

#[test]
fn random_where_clauses_give_the_same_rows_with_pushdown_on_and_off() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (env, on, off) = rt.block_on(async {
        let env = common::TestEnv::start().await;
        common::fixture::load(&env.client).await;
        let on = GtmSession::connect(env.client.clone()).await.unwrap();
        let off = GtmSession::connect(env.client.clone()).await.unwrap();
        off.set_option("gtm.pushdown", "false").unwrap();
        (env, on, off)
    });
    let matched = std::cell::Cell::new(0usize);
    let mut runner = runner(128);
    let result = runner.run(&predicate(), |pred| {
        let sql =
            format!("SELECT email, full_name, employees FROM events.booth_scans WHERE {pred}");
        let (a, b) = rt.block_on(async {
            let a = on.execute(&sql).await.map(|b| render(&b));
            let b = off.execute(&sql).await.map(|b| render(&b));
            (a, b)
        });
        match (a, b) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(&a, &b, "{}", sql);
                matched.set(matched.get() + a.len());
            }
            (Err(a), Err(b)) => prop_assert_eq!(a.user_message(), b.user_message()),
            (a, b) => {
                return Err(TestCaseError::fail(format!(
                    "{sql}\n  pushdown on:  {:?}\n  pushdown off: {:?}",
                    a.map_err(|e| e.user_message()),
                    b.map_err(|e| e.user_message())
                )));
            }
        }
        Ok(())
    });
    drop((on, off));
    rt.block_on(env.emulator.shutdown());
    result.unwrap();
    assert!(
        matched.get() > 0,
        "no predicate matched a row: the test proves nothing"
    );
}

// ---------------------------------------------------------------------------------------
// The value converter.

fn target(data_type: DataType) -> TargetColumn {
    TargetColumn {
        name: "col".to_owned(),
        column_id: "c1".to_owned(),
        data_type: Some(data_type),
    }
}

fn any_data_type() -> impl Strategy<Value = DataType> {
    prop_oneof![
        9 => prop::sample::select(DataType::KNOWN.to_vec()),
        1 => "[A-Z_]{0,12}".prop_map(|s| DataType::from_wire(&s)),
    ]
}

fn any_scalar() -> impl Strategy<Value = ScalarValue> {
    let leaf = prop_oneof![
        any::<i64>().prop_map(|v| ScalarValue::Int64(Some(v))),
        any::<i32>().prop_map(|v| ScalarValue::Int32(Some(v))),
        any::<u64>().prop_map(|v| ScalarValue::UInt64(Some(v))),
        any::<f64>().prop_map(|v| ScalarValue::Float64(Some(v))),
        any::<f32>().prop_map(|v| ScalarValue::Float32(Some(v))),
        any::<bool>().prop_map(|v| ScalarValue::Boolean(Some(v))),
        any::<String>().prop_map(|v| ScalarValue::Utf8(Some(v))),
        any::<String>().prop_map(|v| ScalarValue::Utf8View(Some(v))),
        prop::sample::select(vec![
            "",
            " ",
            "1",
            "-0",
            "1e400",
            "NaN",
            "inf",
            "2026-02-30",
            "2026-11-26",
            "[]",
            "[1,2]",
            "[\"a\",null]",
            "{}",
            "{\"a\":1}",
            "[{\"k\":1}]",
            "true",
            "yes",
            "0x10",
            "12.5",
            "9223372036854775808",
            "a@b.co",
            "+1 (555) 010-9999",
            "https://x.io/a b",
        ])
        .prop_map(|s| ScalarValue::Utf8(Some(s.to_owned()))),
        any::<i32>().prop_map(|v| ScalarValue::Date32(Some(v))),
        any::<i64>().prop_map(|v| ScalarValue::Date64(Some(v))),
        any::<i64>().prop_map(|v| ScalarValue::TimestampNanosecond(Some(v), None)),
        any::<i64>().prop_map(|v| ScalarValue::TimestampSecond(Some(v), Some("UTC".into()))),
        // Valid decimal types only (scale at most the precision): DataFusion plans no other.
        (
            any::<i128>(),
            (1u8..=38).prop_flat_map(|p| (Just(p), -5i8..=(p as i8)))
        )
            .prop_map(|(v, (p, s))| ScalarValue::Decimal128(Some(v), p, s)),
        any::<Vec<u8>>().prop_map(|v| ScalarValue::Binary(Some(v))),
        Just(ScalarValue::Null),
        Just(ScalarValue::Utf8(None)),
    ];
    prop_oneof![
        4 => leaf,
        1 => prop::collection::vec(any::<Option<String>>(), 0..4).prop_map(|items| {
            ScalarValue::List(Arc::new(ListArray::from_iter_primitive::<Float64Type, _, _>(
                vec![Some(items.iter().map(|s| s.as_ref().map(|s| s.len() as f64)).collect::<Vec<_>>())],
            )))
        }),
        1 => prop::collection::vec(any::<Option<String>>(), 0..4).prop_map(|items| {
            ScalarValue::List(ScalarValue::new_list_nullable(
                &items.into_iter().map(ScalarValue::Utf8).collect::<Vec<_>>(),
                &datafusion::arrow::datatypes::DataType::Utf8,
            ))
        }),
    ]
}

#[test]
fn the_value_converter_never_panics() {
    let mut runner = runner(256);
    runner
        .run(&(any_data_type(), any_scalar()), |(data_type, value)| {
            let column = target(data_type);
            // Either a value or a sentence; both must be well-formed.
            match column.convert_scalar(&value) {
                Ok(v) => {
                    prop_assert!(serde_json::to_string(&v).is_ok());
                }
                Err(why) => prop_assert!(!why.is_empty()),
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_value_converter_round_trips_values_that_fit() {
    let mut runner = runner(256);
    let strategy = prop_oneof![
        any::<i64>().prop_map(|v| (DataType::Integer, ScalarValue::Int64(Some(v)), json!(v))),
        (-1e15f64..1e15).prop_map(|v| (DataType::Decimal, ScalarValue::Float64(Some(v)), json!(v))),
        (-1e9f64..1e9).prop_map(|v| (DataType::Currency, ScalarValue::Float64(Some(v)), json!(v))),
        any::<bool>().prop_map(|v| (DataType::Boolean, ScalarValue::Boolean(Some(v)), json!(v))),
        (-700_000i32..2_900_000).prop_map(|d| (
            DataType::Date,
            ScalarValue::Date32(Some(d)),
            json!(format_date(d).unwrap())
        )),
        "[^\u{0}]{0,300}".prop_map(|s| (
            DataType::Text,
            ScalarValue::Utf8(Some(s.clone())),
            json!(s)
        )),
        prop::collection::vec("[a-zA-Z0-9 ]{1,12}", 0..5).prop_map(|items| (
            DataType::StringList,
            ScalarValue::List(ScalarValue::new_list_nullable(
                &items
                    .iter()
                    .map(|s| ScalarValue::Utf8(Some(s.clone())))
                    .collect::<Vec<_>>(),
                &datafusion::arrow::datatypes::DataType::Utf8,
            )),
            json!(items)
        )),
    ];
    runner
        .run(&strategy, |(data_type, value, want)| {
            let got = target(data_type.clone()).convert_scalar(&value);
            prop_assert_eq!(got.as_ref(), Ok(&want), "{} {:?}", data_type, value);
            if data_type == DataType::Date {
                // And the text the API stores reads back as the same day.
                let text = want.as_str().unwrap();
                let ScalarValue::Date32(Some(days)) = value else {
                    unreachable!()
                };
                prop_assert_eq!(parse_date(text), Some(days));
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_value_converter_names_what_does_not_fit() {
    let mut runner = runner(256);
    let strategy = prop_oneof![
        "[a-zA-Z]{1,20}".prop_map(|s| (DataType::Integer, s)),
        "[a-zA-Z]{1,20}".prop_map(|s| (DataType::Decimal, s)),
        "[a-df-zA-DF-Z]{2,20}".prop_map(|s| (DataType::Date, s)),
        "[g-mo-su-xz]{2,20}".prop_map(|s| (DataType::Boolean, s)),
        "[a-z]{1,10} [a-z]{1,10}".prop_map(|s| (DataType::Email, s)),
        "[a-z]{1,10}".prop_map(|s| (DataType::Object, s)),
    ];
    runner
        .run(&strategy, |(data_type, text)| {
            let got =
                target(data_type.clone()).convert_scalar(&ScalarValue::Utf8(Some(text.clone())));
            let why = match got {
                Ok(v) => {
                    return Err(TestCaseError::fail(format!(
                        "{data_type}: '{text}' was accepted as {v}"
                    )));
                }
                Err(why) => why,
            };
            // The value is quoted in the sentence.
            prop_assert!(why.contains(&format!("'{text}'")), "{}", why);
            Ok(())
        })
        .unwrap();
}

#[test]
fn a_bad_value_in_a_load_names_its_row_and_column() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (env, session) = rt.block_on(async {
        let env = common::TestEnv::start().await;
        let session = GtmSession::connect(env.client.clone()).await.unwrap();
        session.execute("CREATE SCHEMA props").await.unwrap();
        session
            .execute("CREATE TABLE props.t (email EMAIL, n INTEGER, day DATE)")
            .await
            .unwrap();
        (env, session)
    });
    let mut runner = runner(24);
    let strategy = (
        1usize..40,
        prop::sample::select(vec![
            ("n", "'many'"),
            ("day", "'someday'"),
            ("email", "'not an email'"),
        ]),
    )
        .prop_flat_map(|(rows, bad)| (Just(rows), 1..=rows, Just(bad)));
    let result = runner.run(&strategy, |(rows, bad_row, (column, bad_value))| {
        let values: Vec<String> = (1..=rows)
            .map(|i| {
                let (mut email, mut n, mut day) = (
                    format!("'p{i}@x.io'"),
                    i.to_string(),
                    "'2026-01-01'".to_owned(),
                );
                if i == bad_row {
                    match column {
                        "n" => n = bad_value.to_owned(),
                        "day" => day = bad_value.to_owned(),
                        _ => email = bad_value.to_owned(),
                    }
                }
                format!("({email}, {n}, {day})")
            })
            .collect();
        let sql = format!(
            "INSERT INTO props.t (email, n, day) VALUES {}",
            values.join(", ")
        );
        let error = rt
            .block_on(session.execute(&sql))
            .map(|_| ())
            .map_err(|e| e.user_message());
        let Err(error) = error else {
            return Err(TestCaseError::fail(format!("accepted: {sql}")));
        };
        prop_assert!(error.contains(&format!("row {bad_row},")), "{}", error);
        prop_assert!(error.contains(&format!("column {column}")), "{}", error);
        prop_assert!(error.contains("nothing was written"), "{}", error);
        Ok(())
    });
    let written = env.served("Rows_bulkUpsertRows");
    drop(session);
    rt.block_on(env.emulator.shutdown());
    result.unwrap();
    assert_eq!(written, 0, "a rejected load wrote rows");
}

// ---------------------------------------------------------------------------------------
// The JSON:API decoder.

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        any::<String>().prop_map(Value::String),
        prop::sample::select(vec![
            "id",
            "RESULT",
            "ERROR",
            "TEXT",
            "INTEGER",
            "2026-01-01",
            "",
            "data",
            "x",
        ])
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let keys = prop::sample::select(vec![
            "id",
            "type",
            "attributes",
            "values",
            "columnId",
            "value",
            "state",
            "data",
            "meta",
            "total",
            "page",
            "columns",
            "dataType",
            "columnType",
            "name",
            "errors",
            "error",
            "code",
            "detail",
            "access_token",
            "expires_in",
            "status",
            "progress",
        ]);
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(keys, inner, 0..6).prop_map(|m| Value::Object(
                m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
            )),
        ]
    })
}

#[test]
fn arbitrary_json_never_panics_the_decoders() {
    let mut runner = runner(256);
    runner
        .run(&any_json(), |doc| {
            let _ = serde_json::from_value::<Row>(doc.clone());
            let _ = serde_json::from_value::<Audience>(doc.clone());
            let _ = serde_json::from_value::<Column>(doc.clone());
            let _ = serde_json::from_value::<Folder>(doc.clone());
            let _ = serde_json::from_value::<JobStatus>(doc.clone());
            let _ = serde_json::from_value::<ErrorDocument>(doc.clone());
            let _ = serde_json::from_value::<GatewayErrorDocument>(doc.clone());
            let _ = serde_json::from_value::<TokenResponse>(doc.clone());
            let bytes = serde_json::to_vec(&doc).unwrap();
            // Truncated at every tenth byte: a decode error, never a panic.
            for cut in (0..bytes.len()).step_by(10) {
                let _ = serde_json::from_slice::<Row>(&bytes[..cut]);
            }
            Ok(())
        })
        .unwrap();
}

/// An audience with one CUSTOM column of every known dataType.
fn every_type_audience() -> Audience {
    let columns: Vec<Value> = DataType::KNOWN
        .iter()
        .enumerate()
        .map(|(i, dt)| {
            json!({"id": format!("c{i}"), "type": "Column", "attributes": {
                "name": dt.as_str(), "dataType": dt.as_str(), "columnType": "CUSTOM",
                "isDeletable": true, "isEditable": true, "isExportable": true,
                "isFilterable": true, "isSortable": true, "isFrozen": false, "isHidden": false}})
        })
        .collect();
    serde_json::from_value(json!({"id": "a1", "type": "Audience", "attributes": {
        "name": "Every type", "recordCount": 1, "type": "CONTACT", "origin": "CUSTOM",
        "columns": columns}}))
    .expect("the audience decodes")
}

#[test]
fn arbitrary_cell_values_decode_to_the_value_or_an_error_naming_row_and_column() {
    let audience = every_type_audience();
    let layout = TableLayout::new(&audience, &[]);
    let projection: Vec<usize> = (0..layout.schema.fields().len()).collect();
    let schema = Arc::new(layout.schema.project(&projection).unwrap());
    let n = DataType::KNOWN.len();
    let mut runner = runner(256);
    let cell = (
        0..n,
        any_json(),
        prop::sample::select(vec!["RESULT", "BLANK", "ERROR", "WEIRD"]),
    );
    runner
        .run(&prop::collection::vec(cell, 1..8), |cells| {
            let values: Vec<Value> = cells
                .iter()
                .map(|(i, v, state)| json!({"columnId": format!("c{i}"), "value": v, "state": state}))
                .collect();
            let Ok(row) = serde_json::from_value::<Row>(json!({
                "id": "r1", "type": "Row", "attributes": {"values": values}
            })) else {
                return Ok(());
            };
            match rows_to_batch(&layout, &projection, &schema, &[row], "every type") {
                Ok(batch) => prop_assert_eq!(batch.num_rows(), 1),
                Err(e) => {
                    let message = e.to_string();
                    prop_assert!(message.contains("row r1"), "{}", message);
                    prop_assert!(message.contains("column "), "{}", message);
                }
            }
            Ok(())
        })
        .unwrap();
}
