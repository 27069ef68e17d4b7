//! Pushdown decisions and translations, one SQL construct at a time.

#![allow(clippy::needless_pass_by_value, reason = "terse test helpers")]

use datafusion::logical_expr::{Expr, TableProviderFilterPushDown as D, col, lit};
use datafusion::prelude::array_has;

use super::*;
use crate::client::{
    Audience, AudienceType, Column, ColumnFilterMetadata, ColumnType, DataType, OperatorConfig,
    Origin,
};

fn column(id: &str, name: &str, dt: DataType) -> Column {
    Column {
        id: id.to_owned(),
        name: name.to_owned(),
        data_type: Some(dt),
        column_type: ColumnType::Custom,
        is_deletable: true,
        is_editable: true,
        is_exportable: true,
        is_filterable: true,
        is_sortable: true,
        is_frozen: false,
        is_hidden: false,
        prompt: None,
        tool: None,
        data_dependencies: Vec::new(),
        script_expression: None,
        match_criteria: Vec::new(),
    }
}

fn ops(list: &[(FilterOperator, bool, Option<u32>, Option<u32>)]) -> Vec<OperatorConfig> {
    list.iter()
        .map(|(op, multiple, limit, min)| OperatorConfig {
            operator: op.clone(),
            multiple: *multiple,
            value_count_limit: *limit,
            min_char_limit: *min,
        })
        .collect()
}

fn meta(id: &str, dt: &DataType) -> ColumnFilterMetadata {
    use FilterOperator as F;
    let presence = [
        (F::Empty, false, Some(0), None),
        (F::NotEmpty, false, Some(0), None),
    ];
    let mut list: Vec<(FilterOperator, bool, Option<u32>, Option<u32>)> = match dt {
        DataType::Integer | DataType::Decimal => vec![
            (F::Equals, true, Some(100), None),
            (F::NotEquals, true, Some(100), None),
            (F::GreaterThan, false, Some(1), None),
            (F::LessThan, false, Some(1), None),
            (F::GreaterThanOrEqual, false, Some(1), None),
            (F::LessThanOrEqual, false, Some(1), None),
            (F::InRange, false, Some(2), None),
        ],
        DataType::Boolean => vec![
            (F::IsTrue, false, Some(0), None),
            (F::IsFalse, false, Some(0), None),
        ],
        DataType::Date => vec![
            (F::IsExactDate, false, Some(1), None),
            (F::Before, false, Some(1), None),
            (F::After, false, Some(1), None),
            (F::InRange, false, Some(2), None),
        ],
        DataType::StringList | DataType::NumberList => vec![
            (F::HasOneOf, true, Some(100), None),
            (F::HasNoneOf, true, Some(100), None),
            (F::HasAllOf, true, Some(100), None),
        ],
        DataType::ZiContactId => vec![
            (F::Equals, true, Some(100), None),
            (F::NotEquals, true, Some(100), None),
        ],
        _ => vec![
            (F::Equals, true, Some(100), None),
            (F::NotEquals, true, Some(100), None),
            (F::Contains, true, Some(10), Some(2)),
            (F::StartsWith, true, Some(10), Some(2)),
        ],
    };
    list.extend(presence);
    ColumnFilterMetadata {
        column_id: id.to_owned(),
        is_filterable: true,
        operators: ops(&list),
    }
}

fn layout() -> TableLayout {
    let columns = vec![
        column("c-email", "Email", DataType::Email),
        column("c-n", "Employees", DataType::Integer),
        column("c-score", "Score", DataType::Decimal),
        column("c-active", "Active", DataType::Boolean),
        column("c-day", "Signed Up", DataType::Date),
        column("c-tags", "Tags", DataType::StringList),
        column("c-zi", "ZI", DataType::ZiContactId),
        column("c-blob", "Blob", DataType::Object),
    ];
    let metadata: Vec<ColumnFilterMetadata> = columns
        .iter()
        .filter(|c| c.data_type != Some(DataType::Object))
        .map(|c| meta(&c.id, c.data_type.as_ref().unwrap()))
        .collect();
    let audience = Audience {
        id: "a".to_owned(),
        name: "A".to_owned(),
        description: None,
        notes: None,
        record_count: 0,
        audience_type: AudienceType::Contact,
        origin: Origin::Custom,
        folder_id: None,
        folder_name: None,
        columns,
        meta: None,
    };
    TableLayout::new(&audience, &metadata)
}

fn one(e: Expr) -> PushdownPlan {
    plan(&layout(), &[&e])
}

fn only_filter(p: &PushdownPlan) -> &Filter {
    let g = p.passes[0].group.as_ref().expect("a group");
    assert_eq!(g.filters.len(), 1, "{p:?}");
    &g.filters[0]
}

#[test]
fn numbers_are_exact() {
    for (e, op) in [
        (col("employees").eq(lit(5)), FilterOperator::Equals),
        (col("employees").gt(lit(5)), FilterOperator::GreaterThan),
        (lit(5).lt(col("employees")), FilterOperator::GreaterThan),
        (
            col("score").lt_eq(lit(2.5)),
            FilterOperator::LessThanOrEqual,
        ),
    ] {
        let p = one(e.clone());
        assert_eq!(p.decisions, vec![D::Exact], "{e}");
        assert_eq!(only_filter(&p).operator, op, "{e}");
    }
    let p = one(col("employees").between(lit(1), lit(9)));
    assert_eq!(p.decisions, vec![D::Exact]);
    assert_eq!(
        only_filter(&p).values,
        vec![FilterValue::Number(1.0), FilterValue::Number(9.0)]
    );
    // Backwards BETWEEN is empty in SQL; the server would reject it: not pushed.
    assert_eq!(
        one(col("employees").between(lit(9), lit(1))).decisions,
        vec![D::Unsupported]
    );
    // <> includes blanks on the server: Inexact.
    assert_eq!(
        one(col("employees").not_eq(lit(5))).decisions,
        vec![D::Inexact]
    );
}

#[test]
fn text_is_inexact_and_never_negated() {
    let p = one(col("email").eq(lit("a@b.co")));
    assert_eq!(p.decisions, vec![D::Inexact]);
    assert_eq!(only_filter(&p).operator, FilterOperator::Equals);
    assert_eq!(
        one(col("email").not_eq(lit("a@b.co"))).decisions,
        vec![D::Unsupported]
    );
    assert_eq!(
        one(col("email").in_list(vec![lit("a@b.co")], true)).decisions,
        vec![D::Unsupported]
    );
    assert_eq!(
        one(col("email").not_like(lit("%x%"))).decisions,
        vec![D::Unsupported]
    );
    assert_eq!(
        one(col("email").ilike(lit("ab%"))).decisions,
        vec![D::Unsupported]
    );
    // ZI ids are digits: equality is exact.
    assert_eq!(
        one(col("zi").eq(lit("1200000001"))).decisions,
        vec![D::Exact]
    );
}

#[test]
fn like_patterns() {
    let p = one(col("email").like(lit("ab%")));
    assert_eq!(p.decisions, vec![D::Inexact]);
    assert_eq!(only_filter(&p).operator, FilterOperator::StartsWith);
    let p = one(col("email").like(lit("%acme_co%")));
    let f = only_filter(&p);
    assert_eq!(f.operator, FilterOperator::Contains);
    assert_eq!(f.values, vec![FilterValue::Text("acme".to_owned())]);
    // Too short for minCharLimit 2: not pushed.
    assert_eq!(
        one(col("email").like(lit("%a%"))).decisions,
        vec![D::Unsupported]
    );
    // An escaped wildcard is a literal character.
    let p = one(col("email").like(lit("50\\%%")));
    assert_eq!(
        only_filter(&p).values,
        vec![FilterValue::Text("50%".to_owned())]
    );
}

#[test]
fn in_lists_split_over_the_limit() {
    let small: Vec<Expr> = (0..3).map(lit).collect();
    let p = one(col("employees").in_list(small, false));
    assert_eq!(p.decisions, vec![D::Exact]);
    assert_eq!(only_filter(&p).values.len(), 3);
    let big: Vec<Expr> = (0..250).map(lit).collect();
    let p = one(col("employees").in_list(big.clone(), false));
    let g = p.passes[0].group.as_ref().unwrap();
    assert_eq!(p.passes.len(), 1);
    assert_eq!(g.operator, GroupOperator::Or);
    assert_eq!(
        g.filters.iter().map(|f| f.values.len()).collect::<Vec<_>>(),
        vec![100, 100, 50]
    );
    // With another conjunct: one search per chunk.
    let other = col("active");
    let in_list = col("employees").in_list(big, false);
    let p = plan(&layout(), &[&other, &in_list]);
    assert_eq!(p.decisions, vec![D::Exact, D::Exact]);
    assert_eq!(p.passes.len(), 3);
    assert!(
        p.passes
            .iter()
            .all(|pass| pass.group.as_ref().unwrap().filters.len() == 2)
    );
}

#[test]
fn or_groups_only_alone() {
    let or = col("employees").gt(lit(1000)).or(col("score").lt(lit(6)));
    let p = one(or.clone());
    assert_eq!(p.decisions, vec![D::Exact]);
    assert_eq!(
        p.passes[0].group.as_ref().unwrap().operator,
        GroupOperator::Or
    );
    // Beside another conjunct the OR is still decided on its own (DataFusion may ask about it
    // alone), and the scan applies it locally.
    let active = col("active");
    let p = plan(&layout(), &[&active, &or]);
    assert_eq!(p.decisions, vec![D::Exact, D::Exact]);
    assert_eq!(p.local, vec![1]);
    assert_eq!(p.passes.len(), 1);
    assert_eq!(p.passes[0].group.as_ref().unwrap().filters.len(), 1);
    // Equalities on one column OR-ed (DataFusion's form of a short IN list) are one filter.
    let eqs = col("employees").eq(lit(1)).or(col("employees").eq(lit(2)));
    let p = plan(&layout(), &[&active, &eqs]);
    assert!(p.local.is_empty());
    assert_eq!(
        p.passes[0].group.as_ref().unwrap().filters[1].values.len(),
        2
    );
    let ids = col("_row_id").eq(lit("a")).or(col("_row_id").eq(lit("b")));
    assert_eq!(
        one(ids).passes[0].ids,
        Some(vec!["a".to_owned(), "b".to_owned()])
    );
    // An OR with a non-pushable side is not pushed.
    let mixed = col("employees")
        .gt(lit(1))
        .or(col("email").not_eq(lit("x@y.z")));
    assert_eq!(one(mixed).decisions, vec![D::Unsupported]);
}

#[test]
fn dates_booleans_nulls_lists_ids() {
    let day = Expr::Literal(ScalarValue::Date32(Some(20_000)), None);
    let p = one(col("signed_up").gt_eq(day.clone()));
    let f = only_filter(&p);
    assert_eq!(f.operator, FilterOperator::After);
    assert_eq!(
        f.values,
        vec![FilterValue::Text("2024-10-03".to_owned())],
        "the day before"
    );
    assert_eq!(one(col("signed_up").eq(day)).decisions, vec![D::Exact]);
    assert_eq!(
        only_filter(&one(col("active"))).operator,
        FilterOperator::IsTrue
    );
    assert_eq!(
        only_filter(&one(!col("active"))).operator,
        FilterOperator::IsFalse
    );
    assert_eq!(
        only_filter(&one(col("active").eq(lit(false)))).operator,
        FilterOperator::IsFalse
    );
    assert_eq!(
        only_filter(&one(col("score").is_null())).operator,
        FilterOperator::Empty
    );
    assert_eq!(one(col("score").is_not_null()).decisions, vec![D::Exact]);
    assert_eq!(
        one(col("blob").is_null()).decisions,
        vec![D::Unsupported],
        "OBJECT is not filterable"
    );
    let p = one(array_has(col("tags"), lit("SaaS")));
    assert_eq!(p.decisions, vec![D::Inexact]);
    assert_eq!(only_filter(&p).operator, FilterOperator::HasOneOf);
    // (DataFusion's simplifier folds make_array of literals into a list literal.)
    let list = ScalarValue::List(ScalarValue::new_list_nullable(
        &[ScalarValue::from("a"), ScalarValue::from("b")],
        &datafusion::arrow::datatypes::DataType::Utf8,
    ));
    let any = datafusion::functions_nested::expr_fn::array_has_any(
        col("tags"),
        Expr::Literal(list, None),
    );
    assert_eq!(only_filter(&one(any)).values.len(), 2);
    let p = one(col("_row_id").in_list(vec![lit("r1"), lit("r2")], false));
    assert_eq!(p.decisions, vec![D::Exact]);
    assert_eq!(
        p.passes[0].ids,
        Some(vec!["r1".to_owned(), "r2".to_owned()])
    );
    assert!(p.passes[0].group.is_none());
}

#[test]
fn nothing_pushable_is_one_unfiltered_pass() {
    let e = col("email").not_eq(lit("x"));
    let p = one(e);
    assert_eq!(p.decisions, vec![D::Unsupported]);
    assert_eq!(p.passes, vec![Pass::default()]);
}
