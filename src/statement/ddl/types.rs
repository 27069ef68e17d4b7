//! SQL column types and query output types as the dataTypes of CUSTOM columns.
//!
//! | SQL type | dataType |
//! |---|---|
//! | `VARCHAR`, `CHAR`, `TEXT`, `STRING`, `UUID` (any length) | TEXT |
//! | `LONGTEXT`, `CLOB` | LARGE_TEXT |
//! | `TINYINT`, `SMALLINT`, `INT`, `INTEGER`, `BIGINT` (and unsigned forms) | INTEGER |
//! | `REAL`, `FLOAT`, `DOUBLE`, `DECIMAL`, `NUMERIC`, `NUMBER` | DECIMAL |
//! | `BOOLEAN`, `BOOL` | BOOLEAN |
//! | `DATE` | DATE |
//! | `JSON`, `JSONB` | OBJECT |
//! | `T[]` / `ARRAY<T>` of text, `EMAIL`, `PHONE`, `URL` | STRING_LIST, EMAIL_LIST, PHONE_LIST, URL_LIST |
//! | `T[]` / `ARRAY<T>` of numbers | NUMBER_LIST |
//! | a dataType name (`EMAIL`, `CURRENCY`, `STRING_LIST`, …) | that dataType |
//!
//! The dataTypes GTM Studio reserves for system columns (`PICKLIST`, `ZI_CONTACT_ID`, …) and
//! SQL types with no counterpart (`TIMESTAMP`, `BLOB`, `STRUCT`, …) are refused with the
//! nearest type that would work.
//!
//! A query's output (for `CREATE TABLE … AS SELECT`) maps by its Arrow type: strings to
//! TEXT, integers to INTEGER, floats and decimals to DECIMAL, booleans to BOOLEAN, dates to
//! DATE, lists of strings to STRING_LIST and lists of numbers to NUMBER_LIST. A column read
//! from another audience keeps that audience's dataType (an EMAIL column stays EMAIL) when it
//! is one CUSTOM columns can have.

use datafusion::arrow::datatypes::{DataType as ArrowType, Field};
use datafusion::sql::sqlparser::ast::{ArrayElemTypeDef, DataType as SqlType};

use crate::client::DataType;
use crate::provider::schema::{META_DATA_TYPE, arrow_type, value_kind};

/// The dataTypes a CUSTOM column can have, in the contract's order.
pub(crate) const CUSTOM_TYPES: &[DataType] = &[
    DataType::Text,
    DataType::LargeText,
    DataType::Email,
    DataType::Phone,
    DataType::Url,
    DataType::Integer,
    DataType::Decimal,
    DataType::Percent,
    DataType::Currency,
    DataType::Boolean,
    DataType::Checkbox,
    DataType::Date,
    DataType::StringList,
    DataType::NumberList,
    DataType::EmailList,
    DataType::PhoneList,
    DataType::UrlList,
    DataType::Object,
];

/// `TEXT, LARGE_TEXT, …`: the CUSTOM dataTypes, for messages.
pub(crate) fn custom_type_list() -> String {
    CUSTOM_TYPES
        .iter()
        .map(DataType::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The dataType of a CUSTOM column declared with `sql`; `Err` says why there is none and what
/// to write instead (the caller names the statement and column).
pub(crate) fn custom_type(sql: &SqlType) -> Result<DataType, String> {
    use SqlType as S;
    match sql {
        S::Character(_)
        | S::Char(_)
        | S::CharacterVarying(_)
        | S::CharVarying(_)
        | S::Varchar(_)
        | S::Nvarchar(_)
        | S::Text
        | S::TinyText
        | S::MediumText
        | S::String(_)
        | S::FixedString(_)
        | S::Uuid => Ok(DataType::Text),
        S::LongText | S::Clob(_) | S::CharacterLargeObject(_) | S::CharLargeObject(_) => {
            Ok(DataType::LargeText)
        }
        S::TinyInt(_)
        | S::TinyIntUnsigned(_)
        | S::UTinyInt
        | S::Int2(_)
        | S::Int2Unsigned(_)
        | S::SmallInt(_)
        | S::SmallIntUnsigned(_)
        | S::USmallInt
        | S::MediumInt(_)
        | S::MediumIntUnsigned(_)
        | S::Int(_)
        | S::Int4(_)
        | S::Int8(_)
        | S::Int16
        | S::Int32
        | S::Int64
        | S::Int128
        | S::Int256
        | S::Integer(_)
        | S::IntUnsigned(_)
        | S::Int4Unsigned(_)
        | S::IntegerUnsigned(_)
        | S::HugeInt
        | S::UHugeInt
        | S::UInt8
        | S::UInt16
        | S::UInt32
        | S::UInt64
        | S::UInt128
        | S::UInt256
        | S::BigInt(_)
        | S::BigIntUnsigned(_)
        | S::UBigInt
        | S::Int8Unsigned(_)
        | S::Signed
        | S::SignedInteger
        | S::Unsigned
        | S::UnsignedInteger => Ok(DataType::Integer),
        S::Numeric(_)
        | S::Decimal(_)
        | S::DecimalUnsigned(_)
        | S::BigNumeric(_)
        | S::BigDecimal(_)
        | S::Dec(_)
        | S::DecUnsigned(_)
        | S::Float(_)
        | S::FloatUnsigned(_)
        | S::Float4
        | S::Float32
        | S::Float64
        | S::Real
        | S::RealUnsigned
        | S::Float8
        | S::Double(_)
        | S::DoubleUnsigned(_)
        | S::DoublePrecision
        | S::DoublePrecisionUnsigned => Ok(DataType::Decimal),
        S::Bool | S::Boolean => Ok(DataType::Boolean),
        S::Date | S::Date32 => Ok(DataType::Date),
        S::JSON | S::JSONB => Ok(DataType::Object),
        S::Nullable(inner) | S::LowCardinality(inner) => custom_type(inner),
        S::Array(element) => list_type(element),
        S::Custom(name, modifiers) => {
            let [part] = name.0.as_slice() else {
                return Err(unknown_type(&sql.to_string()));
            };
            let Some(ident) = part.as_ident() else {
                return Err(unknown_type(&sql.to_string()));
            };
            let named = named_type(&ident.value)?;
            if modifiers.is_empty() {
                Ok(named)
            } else {
                Err(format!(
                    "{} takes no length or arguments; write {named}",
                    ident.value.to_ascii_uppercase()
                ))
            }
        }
        S::Timestamp(..) | S::TimestampNtz(..) | S::Datetime(_) | S::Datetime64(..) => {
            Err(no_timestamps(&sql.to_string()))
        }
        S::Time(..) | S::Interval { .. } => Err(format!(
            "{sql} has no GTM Studio dataType; use TEXT (or INTEGER for a number of seconds)"
        )),
        S::Binary(_)
        | S::Varbinary(_)
        | S::Blob(_)
        | S::TinyBlob
        | S::MediumBlob
        | S::LongBlob
        | S::Bytes(_)
        | S::Bytea
        | S::Bit(_)
        | S::BitVarying(_)
        | S::VarBit(_) => Err(format!(
            "{sql} has no GTM Studio dataType: audiences hold no binary data; store it as TEXT (e.g. base64) or a URL"
        )),
        S::Struct(..) | S::Map(..) | S::Tuple(_) | S::Nested(_) | S::Union(_) => Err(format!(
            "{sql} has no GTM Studio dataType; use OBJECT (or JSON), which holds nested JSON"
        )),
        other => Err(unknown_type(&other.to_string())),
    }
}

/// A type written by name (`EMAIL`, `currency`, `NUMBER`, ...).
fn named_type(name: &str) -> Result<DataType, String> {
    let upper = name.to_ascii_uppercase();
    match upper.as_str() {
        "NUMBER" => return Ok(DataType::Decimal),
        "TIMESTAMPTZ" | "TIMESTAMP_TZ" | "TIMESTAMP_LTZ" | "TIMESTAMP_NTZ" => {
            return Err(no_timestamps(&upper));
        }
        _ => {}
    }
    let data_type = DataType::from_wire(&upper);
    if CUSTOM_TYPES.contains(&data_type) {
        return Ok(data_type);
    }
    if data_type.is_known() {
        return Err(format!(
            "{data_type} is a dataType GTM Studio keeps for its own columns, not for CUSTOM ones; use one of {}",
            custom_type_list()
        ));
    }
    Err(unknown_type(name))
}

fn no_timestamps(name: &str) -> String {
    format!(
        "{name} has no GTM Studio dataType: DATE holds a calendar date without a time; use DATE, or TEXT to keep the time"
    )
}

fn unknown_type(name: &str) -> String {
    format!(
        "{name} is not a type gtmsql knows; use a SQL type (TEXT, INTEGER, DOUBLE, BOOLEAN, DATE, JSON, TEXT[], DOUBLE[]) or a dataType ({})",
        custom_type_list()
    )
}

/// The list dataType of an array type.
fn list_type(element: &ArrayElemTypeDef) -> Result<DataType, String> {
    let inner = match element {
        ArrayElemTypeDef::None => {
            return Err(
                "ARRAY needs an element type: write TEXT[] (STRING_LIST) or DOUBLE[] (NUMBER_LIST)"
                    .to_owned(),
            );
        }
        ArrayElemTypeDef::AngleBracket(inner)
        | ArrayElemTypeDef::SquareBracket(inner, _)
        | ArrayElemTypeDef::Parenthesis(inner) => inner,
    };
    let element_type = custom_type(inner)?;
    list_of(&element_type).ok_or_else(|| {
        format!(
            "a list of {element_type} has no GTM Studio dataType; lists are STRING_LIST (TEXT[]), NUMBER_LIST (DOUBLE[]), EMAIL_LIST (EMAIL[]), PHONE_LIST (PHONE[]) or URL_LIST (URL[])"
        )
    })
}

/// The list dataType whose elements are `element`, if there is one.
fn list_of(element: &DataType) -> Option<DataType> {
    match element {
        DataType::Text | DataType::LargeText => Some(DataType::StringList),
        DataType::Email => Some(DataType::EmailList),
        DataType::Phone => Some(DataType::PhoneList),
        DataType::Url => Some(DataType::UrlList),
        DataType::Integer | DataType::Decimal | DataType::Percent | DataType::Currency => {
            Some(DataType::NumberList)
        }
        _ => None,
    }
}

/// The dataType of a CUSTOM column that holds a query's output `field`; `Err` says why there
/// is none and which cast would work.
pub(crate) fn custom_type_for_field(field: &Field) -> Result<DataType, String> {
    let base = arrow_custom_type(field.data_type())?;
    // A column copied from an audience keeps its dataType when the values look the same in
    // Arrow (EMAIL and TEXT are both strings, CURRENCY and DECIMAL both floats).
    let kept = field
        .metadata()
        .get(META_DATA_TYPE)
        .map(|name| DataType::from_wire(name))
        .filter(|dt| CUSTOM_TYPES.contains(dt))
        .filter(|dt| arrow_type(value_kind(Some(dt))) == arrow_type(value_kind(Some(&base))));
    Ok(kept.unwrap_or(base))
}

fn arrow_custom_type(arrow: &ArrowType) -> Result<DataType, String> {
    use ArrowType as A;
    match arrow {
        A::Utf8 | A::Utf8View | A::LargeUtf8 => Ok(DataType::Text),
        A::Int8 | A::Int16 | A::Int32 | A::Int64 | A::UInt8 | A::UInt16 | A::UInt32 | A::UInt64 => {
            Ok(DataType::Integer)
        }
        A::Float16
        | A::Float32
        | A::Float64
        | A::Decimal32(..)
        | A::Decimal64(..)
        | A::Decimal128(..)
        | A::Decimal256(..) => Ok(DataType::Decimal),
        A::Boolean => Ok(DataType::Boolean),
        A::Date32 | A::Date64 => Ok(DataType::Date),
        A::Dictionary(_, values) => arrow_custom_type(values),
        A::List(element)
        | A::LargeList(element)
        | A::ListView(element)
        | A::LargeListView(element)
        | A::FixedSizeList(element, _) => {
            let element_type = arrow_custom_type(element.data_type()).ok();
            match element_type {
                Some(DataType::Text) => Ok(DataType::StringList),
                Some(DataType::Integer | DataType::Decimal) => Ok(DataType::NumberList),
                _ => Err(format!(
                    "a list of {} has no GTM Studio dataType; lists hold strings (STRING_LIST) or numbers (NUMBER_LIST)",
                    element.data_type()
                )),
            }
        }
        A::Null => Err(
            "the query gives it no type (a bare NULL); CAST it, e.g. CAST(NULL AS TEXT)".to_owned(),
        ),
        A::Timestamp(..) => Err(format!(
            "{arrow} has no GTM Studio dataType; CAST it AS DATE (a calendar date) or AS TEXT to keep the time"
        )),
        other => Err(format!(
            "{other} has no GTM Studio dataType; CAST it to TEXT, BIGINT, DOUBLE, BOOLEAN or DATE"
        )),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::Arc;

    use datafusion::sql::sqlparser::dialect::GenericDialect;
    use datafusion::sql::sqlparser::parser::Parser;

    use super::*;

    /// The type of `sql` written as a column type.
    fn parse(sql: &str) -> SqlType {
        Parser::new(&GenericDialect {})
            .try_with_sql(sql)
            .and_then(|mut p| p.parse_data_type())
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    fn mapped(sql: &str) -> Result<DataType, String> {
        custom_type(&parse(sql))
    }

    #[test]
    fn sql_types_map_to_the_nearest_data_type() {
        for (sql, expected) in [
            ("VARCHAR", DataType::Text),
            ("VARCHAR(255)", DataType::Text),
            ("CHAR(2)", DataType::Text),
            ("TEXT", DataType::Text),
            ("STRING", DataType::Text),
            ("UUID", DataType::Text),
            ("LONGTEXT", DataType::LargeText),
            ("INT", DataType::Integer),
            ("INTEGER", DataType::Integer),
            ("BIGINT", DataType::Integer),
            ("SMALLINT", DataType::Integer),
            ("TINYINT", DataType::Integer),
            ("INT UNSIGNED", DataType::Integer),
            ("DOUBLE", DataType::Decimal),
            ("DOUBLE PRECISION", DataType::Decimal),
            ("FLOAT", DataType::Decimal),
            ("REAL", DataType::Decimal),
            ("DECIMAL(10, 2)", DataType::Decimal),
            ("NUMERIC", DataType::Decimal),
            ("NUMBER", DataType::Decimal),
            ("BOOLEAN", DataType::Boolean),
            ("BOOL", DataType::Boolean),
            ("DATE", DataType::Date),
            ("JSON", DataType::Object),
            ("VARCHAR[]", DataType::StringList),
            ("TEXT[]", DataType::StringList),
            ("ARRAY<VARCHAR>", DataType::StringList),
            ("DOUBLE[]", DataType::NumberList),
            ("INT[]", DataType::NumberList),
            ("ARRAY<DECIMAL>", DataType::NumberList),
            ("EMAIL[]", DataType::EmailList),
            ("URL[]", DataType::UrlList),
            ("PHONE[]", DataType::PhoneList),
        ] {
            assert_eq!(mapped(sql), Ok(expected), "{sql}");
        }
    }

    #[test]
    fn every_custom_data_type_name_is_a_type() {
        for data_type in CUSTOM_TYPES {
            assert_eq!(mapped(data_type.as_str()).as_ref(), Ok(data_type));
            let lower = data_type.as_str().to_ascii_lowercase();
            assert_eq!(mapped(&lower).as_ref(), Ok(data_type), "{lower}");
        }
    }

    #[test]
    fn system_data_types_are_refused_with_the_accepted_list() {
        for name in [
            "ZI_CONTACT_ID",
            "PICKLIST",
            "MULTIPICKLIST",
            "OPAQUE_IDENTIFIER",
        ] {
            let err = mapped(name).expect_err(name);
            assert!(err.contains("not for CUSTOM"), "{err}");
            assert!(
                err.contains("LARGE_TEXT") && err.contains("OBJECT"),
                "{err}"
            );
        }
    }

    #[test]
    fn types_without_a_counterpart_suggest_one() {
        let err = mapped("TIMESTAMP").expect_err("timestamp");
        assert!(err.contains("use DATE"), "{err}");
        let err = mapped("BLOB").expect_err("blob");
        assert!(err.contains("TEXT"), "{err}");
        let err = mapped("STRUCT<a INT>").expect_err("struct");
        assert!(err.contains("OBJECT"), "{err}");
        let err = mapped("BOOLEAN[]").expect_err("list of booleans");
        assert!(err.contains("STRING_LIST"), "{err}");
        let err = mapped("GEOGRAPHY").expect_err("unknown");
        assert!(err.contains("not a type gtmsql knows"), "{err}");
        let err = mapped("EMAIL(5)").expect_err("modifiers");
        assert!(err.contains("write EMAIL"), "{err}");
    }

    fn field(data_type: ArrowType) -> Field {
        Field::new("c", data_type, true)
    }

    #[test]
    fn query_output_types_map_by_arrow_type() {
        for (arrow, expected) in [
            (ArrowType::Utf8, DataType::Text),
            (ArrowType::Utf8View, DataType::Text),
            (ArrowType::LargeUtf8, DataType::Text),
            (ArrowType::Int32, DataType::Integer),
            (ArrowType::UInt64, DataType::Integer),
            (ArrowType::Float64, DataType::Decimal),
            (ArrowType::Decimal128(10, 2), DataType::Decimal),
            (ArrowType::Boolean, DataType::Boolean),
            (ArrowType::Date32, DataType::Date),
            (ArrowType::Date64, DataType::Date),
            (
                ArrowType::new_list(ArrowType::Utf8, true),
                DataType::StringList,
            ),
            (
                ArrowType::new_list(ArrowType::Int64, true),
                DataType::NumberList,
            ),
        ] {
            assert_eq!(
                custom_type_for_field(&field(arrow.clone())),
                Ok(expected),
                "{arrow}"
            );
        }
        for arrow in [
            ArrowType::Null,
            ArrowType::Binary,
            ArrowType::Timestamp(datafusion::arrow::datatypes::TimeUnit::Microsecond, None),
            ArrowType::new_list(ArrowType::Boolean, true),
        ] {
            assert!(
                custom_type_for_field(&field(arrow.clone())).is_err(),
                "{arrow}"
            );
        }
        let structs = ArrowType::Struct(vec![Arc::new(field(ArrowType::Int64))].into());
        assert!(custom_type_for_field(&field(structs)).is_err());
    }

    #[test]
    fn an_audience_column_keeps_its_data_type_when_the_arrow_type_agrees() {
        let with = |arrow: ArrowType, data_type: &str| {
            field(arrow).with_metadata(HashMap::from([(
                META_DATA_TYPE.to_owned(),
                data_type.to_owned(),
            )]))
        };
        assert_eq!(
            custom_type_for_field(&with(ArrowType::Utf8View, "EMAIL")),
            Ok(DataType::Email)
        );
        assert_eq!(
            custom_type_for_field(&with(ArrowType::Utf8View, "OBJECT")),
            Ok(DataType::Object)
        );
        assert_eq!(
            custom_type_for_field(&with(ArrowType::Float64, "CURRENCY")),
            Ok(DataType::Currency)
        );
        // A system dataType is not copied; an expression that changed the type drops it.
        assert_eq!(
            custom_type_for_field(&with(ArrowType::Utf8View, "ZI_CONTACT_ID")),
            Ok(DataType::Text)
        );
        assert_eq!(
            custom_type_for_field(&with(ArrowType::Int64, "EMAIL")),
            Ok(DataType::Integer)
        );
    }
}
