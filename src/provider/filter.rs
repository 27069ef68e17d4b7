//! SQL predicates → the server's row search: deciding what can be pushed and translating it
//! are one piece of code, so `supports_filters_pushdown` and `scan` can never disagree.
//!
//! # Correctness rule
//! A pushed predicate must make the server return a *superset* of the rows SQL would keep.
//! It is `Exact` only where the server's semantics are the SQL semantics; otherwise it is
//! `Inexact` and DataFusion re-checks every row. The server's rules (those of GTM Studio as
//! the emulator implements them, `crates/emulator/src/filter.rs`) that matter here:
//!
//! * text compares ignoring ASCII case, so text equality, `IN` and `LIKE` are pushed as
//!   `Inexact` (the exact-case match is always among the server's matches) — and the negative
//!   text operators (`<>`, `NOT IN`, `NOT LIKE`) are **not** pushed, since ignoring case would
//!   drop rows SQL keeps; `ILIKE` is not pushed either (SQL folds Unicode case, the server only
//!   ASCII);
//! * the server's negative operators match blank cells, which SQL's `<>` never returns: numeric
//!   `<>` / `NOT IN` are pushed as `Inexact`;
//! * numbers, dates and booleans compare exactly: `=`, `IN`, ranges, `BETWEEN`, `IS TRUE`,
//!   `IS FALSE` are `Exact`; so are `IS NULL` / `IS NOT NULL` (a cell that is not a RESULT is
//!   NULL in SQL and blank on the server), and `_row_id = …` / `IN (…)` (sent as `ids`);
//! * ZoomInfo id columns hold digits only, so their equality is `Exact`.
//!
//! Every pushed filter is checked against the column's `filter-metadata`: the operator must be
//! allowed, string operands must reach `minCharLimit`, and lists longer than `valueCountLimit`
//! are split into several filters.
//!
//! # Groups
//! Each conjunct is judged on its own ([`decide`]): DataFusion may ask about conjuncts one at a
//! time and later give the scan several together. The server takes one flat `AND` or `OR`
//! group per request (plus `ids`), so [`plan`] puts all simple conjuncts into one `AND`
//! group; an `OR` conjunct (or an `IN` list split over the value limit) becomes the `OR`
//! group when it is the only filter, and otherwise the scan applies it itself after the
//! search (`PushdownPlan::local`). A split `IN` list next to other conjuncts becomes several
//! searches instead, one per chunk; chunks never overlap, so their results are simply united.

use datafusion::common::ScalarValue;
use datafusion::logical_expr::expr::{Between, InList, Like, ScalarFunction};
use datafusion::logical_expr::{BinaryExpr, Expr, Operator, TableProviderFilterPushDown};

use super::decode::format_date;
use super::naming::ROW_ID;
use super::schema::{TableColumn, TableLayout, ValueKind};
use crate::client::{DataType, Filter, FilterGroup, FilterOperator, FilterValue, GroupOperator};

/// At most this many searches are run for one scan to cover split `IN` lists.
pub const MAX_PASSES: usize = 64;
/// `ids` per search.
pub const IDS_PER_PASS: usize = 500;

/// What one conjunct becomes.
#[derive(Debug, Clone, PartialEq)]
enum Translated {
    /// Filters that must all hold (most translations are one filter).
    All(Vec<Filter>),
    /// Filters of which one must hold: an `IN` list split over the value limit.
    Any(Vec<Filter>),
    /// Filters of which one must hold: an `OR` of predicates on different columns.
    Or(Vec<Filter>),
    /// Restrict to these row ids.
    Ids(Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
struct Translation {
    what: Translated,
    exact: bool,
}

/// One search: a filter group and/or row ids.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pass {
    /// The filter group (`None`: no filter).
    pub group: Option<FilterGroup>,
    /// Row ids to restrict to.
    pub ids: Option<Vec<String>>,
}

/// What to push for a set of conjuncts.
#[derive(Debug, Clone, PartialEq)]
pub struct PushdownPlan {
    /// Per conjunct, in the order given: what [`decide`] says of it alone.
    pub decisions: Vec<TableProviderFilterPushDown>,
    /// The searches whose union is the superset to scan (one, unless lists were split).
    pub passes: Vec<Pass>,
    /// Conjuncts (by index) that were decided pushable but that the passes cannot express
    /// next to the others (an `OR` or a split list beside other filters): the scan applies
    /// them itself.
    pub local: Vec<usize>,
}

/// Whether a conjunct can be pushed, judged on its own: DataFusion may ask about a conjunct
/// alone and later hand the scan it together with others, so the answer must not depend on
/// the other conjuncts. (How conjuncts combine is [`plan`]'s business.)
pub fn decide(layout: &TableLayout, expr: &Expr) -> TableProviderFilterPushDown {
    match translate_conjunct(layout, expr) {
        Some(t) if t.exact => TableProviderFilterPushDown::Exact,
        Some(_) => TableProviderFilterPushDown::Inexact,
        None => TableProviderFilterPushDown::Unsupported,
    }
}

fn translate_conjunct(layout: &TableLayout, expr: &Expr) -> Option<Translation> {
    translate_or(layout, expr).or_else(|| translate(layout, expr))
}

/// Translates a set of conjuncts into searches. Every conjunct is one [`decide`] accepts (the
/// others are ignored).
pub fn plan(layout: &TableLayout, conjuncts: &[&Expr]) -> PushdownPlan {
    let decisions: Vec<TableProviderFilterPushDown> =
        conjuncts.iter().map(|e| decide(layout, e)).collect();
    let mut and_filters: Vec<Filter> = Vec::new();
    let mut alternatives: Vec<(usize, Translated)> = Vec::new();
    let mut ids: Option<Vec<String>> = None;
    for (i, expr) in conjuncts.iter().enumerate() {
        let Some(t) = translate_conjunct(layout, expr) else {
            continue;
        };
        match t.what {
            Translated::All(fs) => and_filters.extend(fs),
            Translated::Ids(list) => {
                ids = Some(match ids {
                    None => list,
                    Some(prev) => prev.into_iter().filter(|id| list.contains(id)).collect(),
                });
            }
            other => alternatives.push((i, other)),
        }
    }
    let mut local = Vec::new();
    let mut or_group = None;
    let mut splits: Vec<Vec<Filter>> = Vec::new();
    if and_filters.is_empty() && alternatives.len() == 1 {
        // The only filter group: the server ORs it.
        if let Some((_, Translated::Or(fs) | Translated::Any(fs))) = alternatives.pop() {
            or_group = Some(fs);
        }
    } else {
        for (i, what) in alternatives {
            match what {
                Translated::Any(fs) => {
                    let passes_now: usize = splits.iter().map(Vec::len).product::<usize>().max(1);
                    if passes_now * fs.len() > MAX_PASSES {
                        local.push(i);
                    } else {
                        splits.push(fs);
                    }
                }
                _ => local.push(i),
            }
        }
    }
    let passes = build_passes(and_filters, splits, or_group, ids);
    PushdownPlan {
        decisions,
        passes,
        local,
    }
}

fn build_passes(
    and_filters: Vec<Filter>,
    splits: Vec<Vec<Filter>>,
    or_group: Option<Vec<Filter>>,
    ids: Option<Vec<String>>,
) -> Vec<Pass> {
    let mut groups: Vec<Option<FilterGroup>> = if let Some(filters) = or_group {
        vec![Some(FilterGroup {
            operator: GroupOperator::Or,
            filters,
        })]
    } else {
        let mut combos: Vec<Vec<Filter>> = vec![and_filters];
        for split in splits {
            combos = combos
                .iter()
                .flat_map(|base| {
                    split.iter().map(move |f| {
                        let mut v = base.clone();
                        v.push(f.clone());
                        v
                    })
                })
                .collect();
        }
        combos
            .into_iter()
            .map(|filters| {
                (!filters.is_empty()).then_some(FilterGroup {
                    operator: GroupOperator::And,
                    filters,
                })
            })
            .collect()
    };
    if groups.is_empty() {
        groups.push(None);
    }
    match ids {
        None => groups
            .into_iter()
            .map(|group| Pass { group, ids: None })
            .collect(),
        Some(ids) => {
            let chunks: Vec<Vec<String>> = if ids.is_empty() {
                vec![Vec::new()]
            } else {
                ids.chunks(IDS_PER_PASS).map(<[String]>::to_vec).collect()
            };
            groups
                .iter()
                .flat_map(|g| {
                    chunks.iter().map(move |c| Pass {
                        group: g.clone(),
                        ids: Some(c.clone()),
                    })
                })
                .collect()
        }
    }
}

/// An `OR` of at least two pushable predicates: row ids (`_row_id = a OR _row_id = b`), one
/// multi-value filter (`x = 1 OR x = 2`, as DataFusion writes short `IN` lists), or the
/// filters of an OR group.
fn translate_or(layout: &TableLayout, expr: &Expr) -> Option<Translation> {
    let Expr::BinaryExpr(BinaryExpr {
        op: Operator::Or, ..
    }) = expr
    else {
        return None;
    };
    let mut terms = Vec::new();
    flatten(expr, Operator::Or, &mut terms);
    let mut translated = Vec::with_capacity(terms.len());
    for term in terms {
        translated.push(translate(layout, term)?);
    }
    let exact = translated.iter().all(|t| t.exact);
    if translated
        .iter()
        .all(|t| matches!(t.what, Translated::Ids(_)))
    {
        let mut ids: Vec<String> = Vec::new();
        for t in translated {
            if let Translated::Ids(list) = t.what {
                for id in list {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
        }
        return Some(Translation {
            what: Translated::Ids(ids),
            exact,
        });
    }
    let mut filters = Vec::new();
    for t in translated {
        match t.what {
            Translated::All(fs) if fs.len() == 1 => filters.extend(fs),
            Translated::Any(fs) => filters.extend(fs),
            _ => return None,
        }
    }
    // Equalities on one column are one multi-value filter (usable in an AND group).
    let first = &filters[0];
    let mergeable = matches!(
        first.operator,
        FilterOperator::Equals | FilterOperator::HasOneOf
    ) && filters
        .iter()
        .all(|f| f.column_id == first.column_id && f.operator == first.operator);
    if mergeable
        && let Some(column) = layout
            .columns
            .iter()
            .find(|c| c.column.id == first.column_id)
    {
        let values: Vec<FilterValue> = filters.iter().flat_map(|f| f.values.clone()).collect();
        let op = first.operator.clone();
        if let Some(what) = self::filters(column, op, values, true) {
            return Some(Translation { what, exact });
        }
    }
    Some(Translation {
        what: Translated::Or(filters),
        exact,
    })
}

fn flatten<'a>(expr: &'a Expr, op: Operator, out: &mut Vec<&'a Expr>) {
    match expr {
        Expr::BinaryExpr(b) if b.op == op => {
            flatten(&b.left, op, out);
            flatten(&b.right, op, out);
        }
        other => out.push(other),
    }
}

/// The column an expression names (through numeric widening casts).
fn column_of<'a>(layout: &'a TableLayout, expr: &Expr) -> Option<Target<'a>> {
    match expr {
        Expr::Column(c) if c.name == ROW_ID => Some(Target::RowId),
        Expr::Column(c) => layout
            .columns
            .iter()
            .find(|t| t.name == c.name)
            .map(Target::Column),
        Expr::Cast(cast) => match column_of(layout, &cast.expr)? {
            Target::Column(t)
                if matches!(t.kind, ValueKind::Integer | ValueKind::Float)
                    && cast.field.data_type().is_numeric() =>
            {
                Some(Target::Column(t))
            }
            _ => None,
        },
        Expr::TryCast(cast) => match column_of(layout, &cast.expr)? {
            Target::Column(t)
                if matches!(t.kind, ValueKind::Integer | ValueKind::Float)
                    && cast.field.data_type().is_numeric() =>
            {
                Some(Target::Column(t))
            }
            _ => None,
        },
        _ => None,
    }
}

#[derive(Debug, Clone, Copy)]
enum Target<'a> {
    RowId,
    Column(&'a TableColumn),
}

fn literal(expr: &Expr) -> Option<&ScalarValue> {
    match expr {
        Expr::Literal(v, _) => Some(v),
        Expr::Cast(c) => literal(&c.expr),
        _ => None,
    }
}

/// A literal as a filter operand for a column of `kind`.
pub(super) fn operand(kind: ValueKind, v: &ScalarValue) -> Option<FilterValue> {
    if v.is_null() {
        return None;
    }
    match kind {
        ValueKind::Text | ValueKind::TextList | ValueKind::Json => match v {
            ScalarValue::Utf8(Some(s))
            | ScalarValue::LargeUtf8(Some(s))
            | ScalarValue::Utf8View(Some(s)) => Some(FilterValue::Text(s.clone())),
            _ => None,
        },
        ValueKind::Integer | ValueKind::Float | ValueKind::FloatList => {
            let f = match v {
                ScalarValue::Int8(Some(n)) => f64::from(*n),
                ScalarValue::Int16(Some(n)) => f64::from(*n),
                ScalarValue::Int32(Some(n)) => f64::from(*n),
                ScalarValue::Int64(Some(n)) if n.unsigned_abs() <= 1 << 53 => *n as f64,
                ScalarValue::UInt8(Some(n)) => f64::from(*n),
                ScalarValue::UInt16(Some(n)) => f64::from(*n),
                ScalarValue::UInt32(Some(n)) => f64::from(*n),
                ScalarValue::UInt64(Some(n)) if *n <= 1 << 53 => *n as f64,
                ScalarValue::Float32(Some(n)) => f64::from(*n),
                ScalarValue::Float64(Some(n)) => *n,
                _ => return None,
            };
            f.is_finite().then_some(FilterValue::Number(f))
        }
        ValueKind::Date => match v {
            ScalarValue::Date32(Some(d)) => format_date(*d).map(FilterValue::Text),
            _ => None,
        },
        ValueKind::Boolean => None,
    }
}

fn date_shift(v: &FilterValue, days: i32) -> Option<FilterValue> {
    let FilterValue::Text(s) = v else {
        return None;
    };
    let d = super::decode::parse_date(s)?;
    format_date(d.checked_add(days)?).map(FilterValue::Text)
}

fn is_id_column(t: &TableColumn) -> bool {
    matches!(
        t.column.data_type,
        Some(DataType::ZiContactId | DataType::ZiCompanyId)
    )
}

/// Builds the filters for `op` on `t` with `values`, checked against filter-metadata; splits
/// multi-value lists over the limit (`Any` when `any_of`, else `All`).
fn filters(
    t: &TableColumn,
    op: FilterOperator,
    values: Vec<FilterValue>,
    any_of: bool,
) -> Option<Translated> {
    let meta = t.filters.as_ref()?;
    let config = meta.operators.iter().find(|o| o.operator == op)?;
    if let Some(min) = config.min_char_limit {
        let short = values.iter().any(|v| match v {
            FilterValue::Text(s) => s.chars().count() < min as usize,
            FilterValue::Number(_) => false,
        });
        if short {
            return None;
        }
    }
    let limit = match config.value_count_limit {
        Some(0) => {
            return values.is_empty().then(|| {
                Translated::All(vec![Filter {
                    column_id: t.column.id.clone(),
                    operator: op,
                    values,
                }])
            });
        }
        Some(n) => n as usize,
        None => usize::MAX,
    };
    // IN_RANGE's two values are one operand (a range), not two alternatives.
    let one_operand = matches!(op, FilterOperator::InRange);
    let per_filter = if config.multiple || one_operand {
        limit
    } else {
        limit.min(1)
    };
    if values.len() <= per_filter {
        return Some(Translated::All(vec![Filter {
            column_id: t.column.id.clone(),
            operator: op,
            values,
        }]));
    }
    let needs_pairs = matches!(op, FilterOperator::InRange);
    if needs_pairs || per_filter == 0 {
        return None;
    }
    let chunks: Vec<Filter> = disjoint_chunks(values, per_filter)?
        .into_iter()
        .map(|values| Filter {
            column_id: t.column.id.clone(),
            operator: op.clone(),
            values,
        })
        .collect();
    Some(if any_of {
        Translated::Any(chunks)
    } else {
        Translated::All(chunks)
    })
}

/// Splits operand values into chunks of at most `per_chunk` that no cell can match twice:
/// duplicates are dropped and values equal to the server (text differing only in ASCII case)
/// share a chunk. `None` when such a group alone exceeds the chunk size.
pub(super) fn disjoint_chunks(
    mut values: Vec<FilterValue>,
    per_chunk: usize,
) -> Option<Vec<Vec<FilterValue>>> {
    let key = |v: &FilterValue| match v {
        FilterValue::Text(s) => (0, s.to_ascii_lowercase(), 0.0),
        FilterValue::Number(n) => (1, String::new(), *n),
    };
    values.sort_by(|a, b| {
        let (ka, kb) = (key(a), key(b));
        ka.0.cmp(&kb.0)
            .then_with(|| ka.1.cmp(&kb.1))
            .then_with(|| ka.2.total_cmp(&kb.2))
            .then_with(|| match (a, b) {
                (FilterValue::Text(x), FilterValue::Text(y)) => x.cmp(y),
                _ => std::cmp::Ordering::Equal,
            })
    });
    values.dedup();
    let mut chunks: Vec<Vec<FilterValue>> = Vec::new();
    let mut current: Vec<FilterValue> = Vec::new();
    let mut last: Option<(u8, String, f64)> = None;
    for v in values {
        let k = key(&v);
        let same_group = last.as_ref() == Some(&k);
        if current.len() >= per_chunk && !same_group {
            chunks.push(std::mem::take(&mut current));
        }
        current.push(v);
        last = Some(k);
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
        .iter()
        .all(|c| c.len() <= per_chunk)
        .then_some(chunks)
}

fn single(
    t: &TableColumn,
    op: FilterOperator,
    values: Vec<FilterValue>,
    exact: bool,
) -> Option<Translation> {
    filters(t, op, values, false).map(|what| Translation { what, exact })
}

/// Translates one predicate (not an `OR`).
fn translate(layout: &TableLayout, expr: &Expr) -> Option<Translation> {
    match expr {
        Expr::BinaryExpr(b) => binary(layout, b),
        Expr::InList(list) => in_list(layout, list),
        Expr::Between(between) => range(layout, between),
        Expr::Like(like) => like_filter(layout, like),
        Expr::IsNull(inner) => presence(layout, inner, FilterOperator::Empty),
        Expr::IsNotNull(inner) => presence(layout, inner, FilterOperator::NotEmpty),
        Expr::IsTrue(inner) => boolean(layout, inner, true),
        Expr::IsFalse(inner) => boolean(layout, inner, false),
        Expr::Column(_) => boolean(layout, expr, true),
        Expr::Not(inner) => match inner.as_ref() {
            Expr::Column(_) => boolean(layout, inner, false),
            _ => None,
        },
        Expr::ScalarFunction(f) => list_function(layout, f),
        _ => None,
    }
}

fn presence(layout: &TableLayout, inner: &Expr, op: FilterOperator) -> Option<Translation> {
    let Target::Column(t) = column_of(layout, inner)? else {
        return None;
    };
    single(t, op, Vec::new(), true)
}

fn boolean(layout: &TableLayout, inner: &Expr, value: bool) -> Option<Translation> {
    let Target::Column(t) = column_of(layout, inner)? else {
        return None;
    };
    if t.kind != ValueKind::Boolean {
        return None;
    }
    let op = if value {
        FilterOperator::IsTrue
    } else {
        FilterOperator::IsFalse
    };
    single(t, op, Vec::new(), true)
}

fn binary(layout: &TableLayout, b: &BinaryExpr) -> Option<Translation> {
    // Put the column on the left.
    let (col_expr, op, lit_expr) = if column_of(layout, &b.left).is_some() {
        (&*b.left, b.op, &*b.right)
    } else {
        (&*b.right, b.op.swap()?, &*b.left)
    };
    let target = column_of(layout, col_expr)?;
    let value = literal(lit_expr)?;
    let t = match target {
        Target::RowId => {
            return match (op, value) {
                (
                    Operator::Eq,
                    ScalarValue::Utf8(Some(s))
                    | ScalarValue::LargeUtf8(Some(s))
                    | ScalarValue::Utf8View(Some(s)),
                ) => Some(Translation {
                    what: Translated::Ids(vec![s.clone()]),
                    exact: true,
                }),
                _ => None,
            };
        }
        Target::Column(t) => t,
    };
    if t.kind == ValueKind::Boolean {
        let ScalarValue::Boolean(Some(v)) = value else {
            return None;
        };
        return match op {
            Operator::Eq | Operator::IsNotDistinctFrom => boolean(layout, col_expr, *v),
            Operator::NotEq => boolean(layout, col_expr, !*v),
            _ => None,
        };
    }
    let v = operand(t.kind, value)?;
    use FilterOperator as F;
    match (t.kind, op) {
        (ValueKind::Text, Operator::Eq) => {
            let exact = is_id_column(t)
                && matches!(&v, FilterValue::Text(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
            single(t, F::Equals, vec![v], exact)
        }
        (ValueKind::Text, Operator::NotEq) if is_id_column(t) => {
            single(t, F::NotEquals, vec![v], false)
        }
        (ValueKind::Integer | ValueKind::Float, Operator::Eq) => {
            single(t, F::Equals, vec![v], true)
        }
        (ValueKind::Integer | ValueKind::Float, Operator::NotEq) => {
            single(t, F::NotEquals, vec![v], false)
        }
        (ValueKind::Integer | ValueKind::Float, Operator::Gt) => {
            single(t, F::GreaterThan, vec![v], true)
        }
        (ValueKind::Integer | ValueKind::Float, Operator::GtEq) => {
            single(t, F::GreaterThanOrEqual, vec![v], true)
        }
        (ValueKind::Integer | ValueKind::Float, Operator::Lt) => {
            single(t, F::LessThan, vec![v], true)
        }
        (ValueKind::Integer | ValueKind::Float, Operator::LtEq) => {
            single(t, F::LessThanOrEqual, vec![v], true)
        }
        (ValueKind::Date, Operator::Eq) => single(t, F::IsExactDate, vec![v], true),
        (ValueKind::Date, Operator::Gt) => single(t, F::After, vec![v], true),
        (ValueKind::Date, Operator::Lt) => single(t, F::Before, vec![v], true),
        (ValueKind::Date, Operator::GtEq) => single(t, F::After, vec![date_shift(&v, -1)?], true),
        (ValueKind::Date, Operator::LtEq) => single(t, F::Before, vec![date_shift(&v, 1)?], true),
        _ => None,
    }
}

fn in_list(layout: &TableLayout, list: &InList) -> Option<Translation> {
    let target = column_of(layout, &list.expr)?;
    if let Target::RowId = target {
        if list.negated {
            return None;
        }
        let ids = list
            .list
            .iter()
            .map(|e| match literal(e)? {
                ScalarValue::Utf8(Some(s))
                | ScalarValue::LargeUtf8(Some(s))
                | ScalarValue::Utf8View(Some(s)) => Some(s.clone()),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()?;
        return Some(Translation {
            what: Translated::Ids(ids),
            exact: true,
        });
    }
    let Target::Column(t) = target else {
        return None;
    };
    // A NULL in the list never matches in SQL; any other literal must convert.
    let mut values = Vec::with_capacity(list.list.len());
    for e in &list.list {
        let v = literal(e)?;
        if v.is_null() {
            if list.negated {
                // `x NOT IN (…, NULL)` is never true: nothing to push.
                return None;
            }
            continue;
        }
        values.push(operand(t.kind, v)?);
    }
    if values.is_empty() {
        return None;
    }
    use FilterOperator as F;
    let (op, exact, any_of) = match (t.kind, list.negated) {
        (ValueKind::Text, false) => {
            let exact = is_id_column(t)
                && values
                    .iter()
                    .all(|v| matches!(v, FilterValue::Text(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())));
            (F::Equals, exact, true)
        }
        (ValueKind::Text, true) if is_id_column(t) => (F::NotEquals, false, false),
        (ValueKind::Integer | ValueKind::Float, false) => (F::Equals, true, true),
        (ValueKind::Integer | ValueKind::Float, true) => (F::NotEquals, false, false),
        (ValueKind::Date, false) => (F::IsExactDate, true, true),
        _ => return None,
    };
    filters(t, op, values, any_of).map(|what| Translation { what, exact })
}

fn range(layout: &TableLayout, between: &Between) -> Option<Translation> {
    if between.negated {
        return None;
    }
    let Target::Column(t) = column_of(layout, &between.expr)? else {
        return None;
    };
    if !matches!(
        t.kind,
        ValueKind::Integer | ValueKind::Float | ValueKind::Date
    ) {
        return None;
    }
    let low = operand(t.kind, literal(&between.low)?)?;
    let high = operand(t.kind, literal(&between.high)?)?;
    let ordered = match (&low, &high) {
        (FilterValue::Number(a), FilterValue::Number(b)) => a <= b,
        (FilterValue::Text(a), FilterValue::Text(b)) => a <= b,
        _ => false,
    };
    if !ordered {
        return None;
    }
    single(t, FilterOperator::InRange, vec![low, high], true)
}

/// `LIKE` patterns: a prefix (`abc%`) becomes STARTS_WITH, anything else CONTAINS its longest
/// literal run; both `Inexact`. `NOT LIKE` and `ILIKE` are not pushed.
fn like_filter(layout: &TableLayout, like: &Like) -> Option<Translation> {
    if like.negated || like.case_insensitive {
        return None;
    }
    let Target::Column(t) = column_of(layout, &like.expr)? else {
        return None;
    };
    if t.kind != ValueKind::Text {
        return None;
    }
    let (ScalarValue::Utf8(Some(pattern))
    | ScalarValue::LargeUtf8(Some(pattern))
    | ScalarValue::Utf8View(Some(pattern))) = literal(&like.pattern)?
    else {
        return None;
    };
    let escape = like.escape_char.unwrap_or('\\');
    // Split into literal runs at unescaped wildcards.
    let mut runs: Vec<(String, bool)> = Vec::new(); // (run, starts at the pattern start)
    let mut current = String::new();
    let mut at_start = true;
    let mut starts_clean = true;
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == escape {
            if let Some(next) = chars.next() {
                current.push(next);
            }
        } else if c == '%' || c == '_' {
            if !current.is_empty() {
                runs.push((std::mem::take(&mut current), at_start && starts_clean));
            }
            starts_clean = false;
            at_start = false;
        } else {
            current.push(c);
        }
    }
    let trailing_literal = !current.is_empty();
    if trailing_literal {
        runs.push((current, at_start && starts_clean));
    }
    let prefix_only = runs.len() == 1
        && runs[0].1
        && !trailing_literal
        && pattern.ends_with('%')
        && !pattern.ends_with(&format!("{escape}%"));
    if let [(prefix, true)] = runs.as_slice()
        && prefix_only
        && let Some(t2) = single(
            t,
            FilterOperator::StartsWith,
            vec![FilterValue::Text(prefix.clone())],
            false,
        )
    {
        return Some(t2);
    }
    let longest = runs
        .into_iter()
        .map(|(r, _)| r)
        .max_by_key(|r| r.chars().count())?;
    single(
        t,
        FilterOperator::Contains,
        vec![FilterValue::Text(longest)],
        false,
    )
}

/// `array_has(list, x)`, `array_has_any(list, [...])`, `array_has_all(list, [...])`.
fn list_function(layout: &TableLayout, f: &ScalarFunction) -> Option<Translation> {
    let name = f.func.name();
    let (op, exact_for_numbers) = match name {
        "array_has" | "array_contains" | "list_has" => (FilterOperator::HasOneOf, true),
        "array_has_any" | "list_has_any" => (FilterOperator::HasOneOf, true),
        "array_has_all" | "list_has_all" => (FilterOperator::HasAllOf, true),
        _ => return None,
    };
    let [list, needle] = f.args.as_slice() else {
        return None;
    };
    let Target::Column(t) = column_of(layout, list)? else {
        return None;
    };
    let element_kind = match t.kind {
        ValueKind::TextList => ValueKind::Text,
        ValueKind::FloatList => ValueKind::Float,
        _ => return None,
    };
    let values: Vec<FilterValue> = match literal(needle)? {
        ScalarValue::List(arr) => {
            let arr = arr.values();
            (0..arr.len())
                .map(|i| ScalarValue::try_from_array(arr.as_ref(), i).ok())
                .map(|v| v.and_then(|v| operand(element_kind, &v)))
                .collect::<Option<Vec<_>>>()?
        }
        scalar => vec![operand(element_kind, scalar)?],
    };
    if values.is_empty() {
        return None;
    }
    let exact = exact_for_numbers && element_kind == ValueKind::Float;
    let any_of = op == FilterOperator::HasOneOf;
    filters(t, op, values, any_of).map(|what| Translation { what, exact })
}

#[cfg(test)]
mod tests;
