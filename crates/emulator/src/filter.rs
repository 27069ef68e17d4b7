//! Row filters: the operators each dataType supports (the filter-metadata endpoint) and the
//! validation of a `RowSearch` body against them.
//!
//! # The filter rules this emulator implements
//!
//! The contract lists 25 operators and says each column's allowed operators come from
//! `filter-metadata`; it does not define their semantics. These are ours:
//!
//! * **Case.** Text comparisons ignore ASCII case (`EQUALS "ACME"` matches "acme"); other
//!   characters compare exactly. List elements compare the same way.
//! * **Blank cells.** A cell is blank when it has no value: never set, cleared, or not a
//!   RESULT (LOADING, NO_RESULT and ERROR cells have no value either). Blank cells match
//!   `EMPTY` and the *negative* operators (`NOT_EQUALS`, `DOES_NOT_CONTAINS`,
//!   `DOES_NOT_START_WITH`, `DOES_NOT_CONTAIN_WORD`, `HAS_NONE_OF`) — a blank does not equal
//!   or contain anything — and match no other operator. An empty string or empty list is
//!   stored as blank.
//! * **Several values.** For operators with `isMultipleSupported`, a cell matches when it
//!   matches *any* value (`EQUALS ["a","b"]` is `IN ('a','b')`); the negative operators
//!   match when it matches *none* of them; `HAS_ALL_OF` needs every value to be an element.
//! * **Words.** `CONTAINS_WORD` matches whole words (runs of letters and digits), a multi-word
//!   value matching those words in sequence.
//! * **Numbers** compare numerically (5 equals 5.0); operands may be JSON numbers or numeric
//!   strings. `IN_RANGE [min, max]` is inclusive and needs `min <= max`.
//! * **Booleans.** `IS_TRUE` / `IS_FALSE` match true / false cells only (not blanks).
//! * **Dates** are `YYYY-MM-DD` (a date-time operand is cut to its date). `BEFORE` and `AFTER`
//!   are strict; `IN_RANGE [from, to]` is inclusive; `WITHIN [n, "DAYS"|"WEEKS"|"MONTHS"]`
//!   means from n units before today up to today, inclusive; `ROLLING_RANGE [a, b]` means
//!   from today + a days to today + b days, inclusive (`[-30, 0]` is the last 30 days).
//!   "Today" is the emulator's UTC date.
//! * **Limits** come from the metadata: too many values, a value shorter than
//!   `minCharLimit`, values given to a no-value operator, or an operator the column does not
//!   allow are 400s with a pointer to the offending part of the body.
//!
//! Sorting (see `store::search`) treats a blank as greater than every value: ascending
//! sorts put blanks last, descending sorts put them first; ties keep insertion order.

use chrono::{Days, Months, NaiveDate};
use rusqlite::types::Value as SqlValue;
use serde_json::Value;

use crate::error::ApiResult;
use crate::model::{DataType, FilterOperator, GroupOperator};
use crate::store::audiences::Audience;
use crate::value::{self, Storage};
use crate::wire::read::Node;

/// One operator's configuration in `filter-metadata`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OperatorConfig {
    pub(crate) operator: FilterOperator,
    pub(crate) multiple: bool,
    pub(crate) value_count_limit: Option<u32>,
    pub(crate) min_char_limit: Option<u32>,
}

const fn op(
    operator: FilterOperator,
    multiple: bool,
    value_count_limit: Option<u32>,
    min_char_limit: Option<u32>,
) -> OperatorConfig {
    OperatorConfig {
        operator,
        multiple,
        value_count_limit,
        min_char_limit,
    }
}

use FilterOperator as F;

const PRESENCE: [OperatorConfig; 2] = [
    op(F::Empty, false, Some(0), None),
    op(F::NotEmpty, false, Some(0), None),
];

/// The operators a column of `dt` supports (empty: not filterable).
pub(crate) fn operators(dt: DataType) -> Vec<OperatorConfig> {
    let mut ops = match (dt, value::storage(dt)) {
        (DataType::Object, _) => return Vec::new(),
        (DataType::ZiContactId | DataType::ZiCompanyId, _) => vec![
            op(F::Equals, true, Some(100), None),
            op(F::NotEquals, true, Some(100), None),
        ],
        (_, Storage::Text) => vec![
            op(F::Equals, true, Some(100), None),
            op(F::NotEquals, true, Some(100), None),
            op(F::Contains, true, Some(10), Some(2)),
            op(F::DoesNotContains, true, Some(10), Some(2)),
            op(F::StartsWith, true, Some(10), Some(2)),
            op(F::DoesNotStartWith, true, Some(10), Some(2)),
            op(F::ContainsWord, true, Some(10), Some(2)),
            op(F::DoesNotContainWord, true, Some(10), Some(2)),
        ],
        (_, Storage::Integer | Storage::Real) => vec![
            op(F::Equals, true, Some(100), None),
            op(F::NotEquals, true, Some(100), None),
            op(F::GreaterThan, false, Some(1), None),
            op(F::LessThan, false, Some(1), None),
            op(F::GreaterThanOrEqual, false, Some(1), None),
            op(F::LessThanOrEqual, false, Some(1), None),
            op(F::InRange, false, Some(2), None),
        ],
        (_, Storage::Bool) => vec![
            op(F::IsTrue, false, Some(0), None),
            op(F::IsFalse, false, Some(0), None),
        ],
        (_, Storage::Date) => vec![
            op(F::IsExactDate, false, Some(1), None),
            op(F::Before, false, Some(1), None),
            op(F::After, false, Some(1), None),
            op(F::InRange, false, Some(2), None),
            op(F::Within, false, Some(2), None),
            op(F::RollingRange, false, Some(2), None),
        ],
        (_, Storage::TextList | Storage::NumberList) => vec![
            op(F::HasOneOf, true, Some(100), None),
            op(F::HasNoneOf, true, Some(100), None),
            op(F::HasAllOf, true, Some(100), None),
        ],
        (_, Storage::Json) => return Vec::new(),
    };
    ops.extend(PRESENCE);
    ops
}

/// One validated filter.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Condition {
    /// Index into the audience's columns.
    pub(crate) column: usize,
    pub(crate) operator: FilterOperator,
    /// Operands converted to the column's storage (dates resolved to bounds).
    pub(crate) operands: Vec<SqlValue>,
}

/// A validated `RowSearch`.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct SearchSpec {
    /// `OR` group (otherwise `AND`).
    pub(crate) any: bool,
    pub(crate) conditions: Vec<Condition>,
    /// Restrict to these row ids.
    pub(crate) ids: Option<Vec<String>>,
}

/// Validates a search body (absent, `{}`, or a `RowSearch` document) against the audience.
pub(crate) fn parse_search(
    body: Option<&Value>,
    audience: &Audience,
    today: NaiveDate,
) -> ApiResult<SearchSpec> {
    let Some(body) = body else {
        return Ok(SearchSpec::default());
    };
    let root = Node::root(body);
    root.required_object()
        .map_err(|_| crate::error::ApiError::invalid_body("The body must be a JSON object"))?;
    let data = root.field("data");
    if data.is_missing() {
        return Ok(SearchSpec::default());
    }
    data.required_object()?;
    data.expect_optional_type("RowSearch")?;
    let attrs = data.field("attributes");
    attrs.object()?;
    let mut spec = SearchSpec::default();
    let ids = attrs.field("ids");
    if let Some(items) = ids.array()? {
        let mut out = Vec::with_capacity(items.len());
        for item in &items {
            let id = item
                .str()?
                .ok_or_else(|| item.error(format!("{} must be a row id string", item.path())))?;
            out.push(id.to_owned());
        }
        spec.ids = Some(out);
    }
    let filter = attrs.field("filter");
    if filter.object()?.is_none() {
        return Ok(spec);
    }
    let group = filter.field("operator");
    spec.any = group.required_parse::<GroupOperator>()? == GroupOperator::Or;
    let filters = filter.field("filters");
    for item in filters.array()?.unwrap_or_default() {
        spec.conditions
            .push(parse_condition(&item, audience, today)?);
    }
    Ok(spec)
}

fn parse_condition(item: &Node<'_>, audience: &Audience, today: NaiveDate) -> ApiResult<Condition> {
    item.required_object()?;
    item.expect_type("Filter")?;
    let col_node = item.field("columnId");
    let column_id = col_node.required_str()?;
    let Some(column) = audience.columns.iter().position(|c| c.id == column_id) else {
        return Err(col_node.error(format!(
            "{}: column '{column_id}' does not exist in this audience",
            col_node.path()
        )));
    };
    let col = &audience.columns[column];
    let op_node = item.field("filterOperator");
    let operator: FilterOperator = op_node.required_parse()?;
    if !col.is_filterable() {
        return Err(col_node.error(format!(
            "column '{}' ({}) is not filterable",
            col.name,
            col.value_type()
        )));
    }
    let dt = col.value_type();
    let Some(config) = operators(dt).into_iter().find(|c| c.operator == operator) else {
        let allowed: Vec<&str> = operators(dt).iter().map(|c| c.operator.as_str()).collect();
        return Err(op_node.error(format!(
            "{operator} is not supported on column '{}' ({dt}); allowed: {}",
            col.name,
            allowed.join(", ")
        )));
    };
    let values_node = item.field("values");
    let values = values_node
        .array()?
        .ok_or_else(|| values_node.error(format!("{} is required", values_node.path())))?;
    let needed = needed_values(operator);
    match (needed, config.value_count_limit) {
        (Needed::None, _) if !values.is_empty() => {
            return Err(
                values_node.error(format!("{operator} takes no values; pass an empty array"))
            );
        }
        (Needed::Exactly(n), _) if values.len() != n => {
            return Err(values_node.error(format!(
                "{operator} takes exactly {n} values, got {}",
                values.len()
            )));
        }
        (Needed::AtLeastOne, Some(limit)) if values.len() > limit as usize => {
            return Err(values_node.error(format!(
                "{operator} accepts at most {limit} values (valueCountLimit), got {}",
                values.len()
            )));
        }
        (Needed::AtLeastOne, _) if values.is_empty() => {
            return Err(values_node.error(format!("{operator} needs at least one value")));
        }
        _ => {}
    }
    if let Some(min) = config.min_char_limit {
        for v in &values {
            if let Some(s) = v.raw().and_then(Value::as_str)
                && s.chars().count() < min as usize
            {
                return Err(v.error(format!(
                    "'{s}' is shorter than the minimum of {min} characters for {operator}"
                )));
            }
        }
    }
    let operands = operands(operator, dt, &values, today)?;
    Ok(Condition {
        column,
        operator,
        operands,
    })
}

enum Needed {
    None,
    AtLeastOne,
    Exactly(usize),
}

fn needed_values(op: FilterOperator) -> Needed {
    match op {
        F::Empty | F::NotEmpty | F::IsTrue | F::IsFalse => Needed::None,
        F::InRange | F::Within | F::RollingRange => Needed::Exactly(2),
        F::GreaterThan
        | F::LessThan
        | F::GreaterThanOrEqual
        | F::LessThanOrEqual
        | F::IsExactDate
        | F::Before
        | F::After => Needed::Exactly(1),
        _ => Needed::AtLeastOne,
    }
}

fn operands(
    op: FilterOperator,
    dt: DataType,
    values: &[Node<'_>],
    today: NaiveDate,
) -> ApiResult<Vec<SqlValue>> {
    let storage = value::storage(dt);
    match (storage, op) {
        (Storage::Date, F::Within) => {
            let n = number(&values[0])?;
            let unit_node = &values[1];
            let unit = unit_node
                .raw()
                .and_then(Value::as_str)
                .map(str::to_ascii_uppercase)
                .unwrap_or_default();
            if n < 0.0 || n.fract() != 0.0 {
                return Err(values[0].error("WITHIN needs a whole, non-negative number of units"));
            }
            let n = n as u32;
            let from = match unit.as_str() {
                "DAY" | "DAYS" => today.checked_sub_days(Days::new(u64::from(n))),
                "WEEK" | "WEEKS" => today.checked_sub_days(Days::new(u64::from(n) * 7)),
                "MONTH" | "MONTHS" => today.checked_sub_months(Months::new(n)),
                "YEAR" | "YEARS" => today.checked_sub_months(Months::new(n * 12)),
                _ => {
                    return Err(unit_node
                        .error("WITHIN's second value is the unit: DAYS, WEEKS, MONTHS or YEARS"));
                }
            }
            .ok_or_else(|| values[0].error("WITHIN reaches outside the calendar"))?;
            Ok(vec![date_value(from), date_value(today)])
        }
        (Storage::Date, F::RollingRange) => {
            let a = number(&values[0])?;
            let b = number(&values[1])?;
            if a > b {
                return Err(values[0].error(
                    "ROLLING_RANGE needs [from_offset_days, to_offset_days] with from <= to",
                ));
            }
            let shift = |d: f64| -> Option<NaiveDate> {
                let days = Days::new(d.abs() as u64);
                if d < 0.0 {
                    today.checked_sub_days(days)
                } else {
                    today.checked_add_days(days)
                }
            };
            let (Some(from), Some(to)) = (shift(a), shift(b)) else {
                return Err(values[0].error("ROLLING_RANGE reaches outside the calendar"));
            };
            Ok(vec![date_value(from), date_value(to)])
        }
        (Storage::Date, _) => {
            let out = values.iter().map(date).collect::<ApiResult<Vec<_>>>()?;
            check_range(op, &out, values)?;
            Ok(out)
        }
        (Storage::Integer | Storage::Real, _) => {
            let out = values
                .iter()
                .map(|v| number(v).map(SqlValue::Real))
                .collect::<ApiResult<Vec<_>>>()?;
            check_range(op, &out, values)?;
            Ok(out)
        }
        (Storage::NumberList, _) => values
            .iter()
            .map(|v| number(v).map(SqlValue::Real))
            .collect(),
        (Storage::Text | Storage::TextList, _) => values
            .iter()
            .map(|v| match v.raw() {
                Some(Value::String(s)) => Ok(SqlValue::Text(s.clone())),
                Some(Value::Number(n))
                    if matches!(dt, DataType::ZiContactId | DataType::ZiCompanyId) =>
                {
                    Ok(SqlValue::Text(n.to_string()))
                }
                other => Err(v.error(format!(
                    "a {dt} column is filtered with string values, not {}",
                    other.map_or_else(|| "null".to_owned(), value::kind)
                ))),
            })
            .collect(),
        (Storage::Bool | Storage::Json, _) => Ok(Vec::new()),
    }
}

fn check_range(op: FilterOperator, out: &[SqlValue], values: &[Node<'_>]) -> ApiResult<()> {
    if op != F::InRange {
        return Ok(());
    }
    let bigger = match (&out[0], &out[1]) {
        (SqlValue::Real(a), SqlValue::Real(b)) => a > b,
        (SqlValue::Text(a), SqlValue::Text(b)) => a > b,
        _ => false,
    };
    if bigger {
        Err(values[0].error("'min' cannot be greater than 'max' in IN_RANGE"))
    } else {
        Ok(())
    }
}

fn number(v: &Node<'_>) -> ApiResult<f64> {
    match v.raw() {
        Some(Value::Number(n)) => n
            .as_f64()
            .ok_or_else(|| v.error(format!("{} is not a number", v.path()))),
        Some(Value::String(s)) => s
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .ok_or_else(|| v.error(format!("'{s}' is not a number"))),
        other => Err(v.error(format!(
            "expected a number, not {}",
            other.map_or_else(|| "null".to_owned(), value::kind)
        ))),
    }
}

fn date(v: &Node<'_>) -> ApiResult<SqlValue> {
    let Some(Value::String(s)) = v.raw() else {
        return Err(v.error("a DATE column is filtered with 'YYYY-MM-DD' strings"));
    };
    let day = s.get(..10).unwrap_or(s);
    if value::is_date(day) && (s.len() == 10 || s.as_bytes().get(10) == Some(&b'T')) {
        Ok(SqlValue::Text(day.to_owned()))
    } else {
        Err(v.error(format!("'{s}' is not a date ('YYYY-MM-DD')")))
    }
}

fn date_value(d: NaiveDate) -> SqlValue {
    SqlValue::Text(d.format("%Y-%m-%d").to_string())
}
