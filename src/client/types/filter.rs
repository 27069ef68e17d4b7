//! Row search: filter operators, filter groups, sort, projection and paging.

use serde::{Serialize, Serializer};

use super::document::{Doc, NewResource};

open_enum! {
    /// A filter operator (`GenericFilterOperator`). Which operators a column supports, and
    /// how many values each takes, is in its [`ColumnFilterMetadata`](super::ColumnFilterMetadata).
    ///
    /// Note the contract's spellings `DOES_NOT_CONTAINS` (with the S) and
    /// `DOES_NOT_CONTAIN_WORD` (without it).
    pub enum FilterOperator {
        /// Equal to any value.
        Equals = "EQUALS",
        /// Equal to none of the values.
        NotEquals = "NOT_EQUALS",
        /// Contains any value.
        Contains = "CONTAINS",
        /// Contains none of the values.
        DoesNotContains = "DOES_NOT_CONTAINS",
        /// Contains any value as whole words.
        ContainsWord = "CONTAINS_WORD",
        /// Contains none of the values as whole words.
        DoesNotContainWord = "DOES_NOT_CONTAIN_WORD",
        /// Blank (no values).
        Empty = "EMPTY",
        /// Not blank (no values).
        NotEmpty = "NOT_EMPTY",
        /// Starts with any value.
        StartsWith = "STARTS_WITH",
        /// Starts with none of the values.
        DoesNotStartWith = "DOES_NOT_START_WITH",
        /// Greater than the value.
        GreaterThan = "GREATER_THAN",
        /// Less than the value.
        LessThan = "LESS_THAN",
        /// At least the value.
        GreaterThanOrEqual = "GREATER_THAN_OR_EQUAL",
        /// At most the value.
        LessThanOrEqual = "LESS_THAN_OR_EQUAL",
        /// Within `[min, max]`, inclusive.
        InRange = "IN_RANGE",
        /// True (no values).
        IsTrue = "IS_TRUE",
        /// False (no values).
        IsFalse = "IS_FALSE",
        /// A list holding any of the values.
        HasOneOf = "HAS_ONE_OF",
        /// A list holding none of the values.
        HasNoneOf = "HAS_NONE_OF",
        /// A list holding all of the values.
        HasAllOf = "HAS_ALL_OF",
        /// On this date.
        IsExactDate = "IS_EXACT_DATE",
        /// Before this date.
        Before = "BEFORE",
        /// After this date.
        After = "AFTER",
        /// Within the last `[n, "DAYS" | "WEEKS" | "MONTHS"]`.
        Within = "WITHIN",
        /// Between today + `from` and today + `to` days.
        RollingRange = "ROLLING_RANGE",
    }
}

/// How the filters of a group combine.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
pub enum GroupOperator {
    /// Every filter must match (the default).
    #[default]
    #[serde(rename = "AND")]
    And,
    /// Any filter may match.
    #[serde(rename = "OR")]
    Or,
}

/// A flat group of filters (groups do not nest).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FilterGroup {
    /// AND or OR.
    pub operator: GroupOperator,
    /// The filters.
    pub filters: Vec<Filter>,
}

/// One filter on one column.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    /// The column.
    pub column_id: String,
    /// The operator.
    pub operator: FilterOperator,
    /// Its operands (`[]` for EMPTY, NOT_EMPTY, IS_TRUE, IS_FALSE).
    pub values: Vec<FilterValue>,
}

impl Filter {
    /// A filter `column_id operator values`.
    pub fn new(
        column_id: impl Into<String>,
        operator: FilterOperator,
        values: impl IntoIterator<Item = FilterValue>,
    ) -> Self {
        Self {
            column_id: column_id.into(),
            operator,
            values: values.into_iter().collect(),
        }
    }
}

impl Serialize for Filter {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Wire<'a> {
            #[serde(rename = "type")]
            kind: &'static str,
            column_id: &'a str,
            filter_operator: &'a FilterOperator,
            values: &'a [FilterValue],
        }
        Wire {
            kind: "Filter",
            column_id: &self.column_id,
            filter_operator: &self.operator,
            values: &self.values,
        }
        .serialize(s)
    }
}

/// One operand of a filter. A filter's values serialise as one JSON array, and kinds may be
/// mixed (`WITHIN [7, "DAYS"]`). Whole numbers are sent without a fraction (`7`, not `7.0`).
#[derive(Debug, Clone, PartialEq)]
pub enum FilterValue {
    /// A string (text, dates as `YYYY-MM-DD`, ids, units).
    Text(String),
    /// A number.
    Number(f64),
}

impl From<&str> for FilterValue {
    fn from(s: &str) -> Self {
        Self::Text(s.to_owned())
    }
}

impl From<String> for FilterValue {
    fn from(s: String) -> Self {
        Self::Text(s)
    }
}

impl From<f64> for FilterValue {
    fn from(n: f64) -> Self {
        Self::Number(n)
    }
}

impl From<i64> for FilterValue {
    fn from(n: i64) -> Self {
        // Ids and counts in filters stay far below 2^53.
        #[allow(clippy::cast_precision_loss)]
        Self::Number(n as f64)
    }
}

/// The largest integer an f64 holds exactly (2^53).
const EXACT_INT: f64 = 9_007_199_254_740_992.0;

impl Serialize for FilterValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Text(t) => s.serialize_str(t),
            Self::Number(n) if n.fract() == 0.0 && n.abs() < EXACT_INT => {
                // Exact: |n| < 2^53 and integral.
                #[allow(clippy::cast_possible_truncation)]
                s.serialize_i64(*n as i64)
            }
            Self::Number(n) => s.serialize_f64(*n),
        }
    }
}

/// A sort key: a column, ascending unless `descending`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortKey {
    /// The column (must be sortable).
    pub column_id: String,
    /// Sort descending (blanks first) instead of ascending (blanks last).
    pub descending: bool,
}

/// A row search (`POST .../rows/actions/search`): filter, id restriction, sort, projection
/// and page.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    /// Only rows matching this group.
    pub filter: Option<FilterGroup>,
    /// Only these rows.
    pub ids: Option<Vec<String>>,
    /// The order (default: insertion order).
    pub sort: Option<SortKey>,
    /// Only these columns in each row (default: all, in audience order).
    pub columns: Option<Vec<String>>,
    /// The page, from 1. Default 1.
    pub page: u32,
    /// Rows per page, 1–500. Default 25.
    pub page_size: u32,
}

impl Default for SearchRequest {
    fn default() -> Self {
        Self {
            filter: None,
            ids: None,
            sort: None,
            columns: None,
            page: 1,
            page_size: 25,
        }
    }
}

impl SearchRequest {
    /// The query parameters: `page[number]`, `page[size]`, `sort`, `columns`.
    pub(crate) fn query(&self) -> Vec<(&'static str, String)> {
        let mut q = vec![
            ("page[number]", self.page.to_string()),
            ("page[size]", self.page_size.to_string()),
        ];
        if let Some(sort) = &self.sort {
            let prefix = if sort.descending { "-" } else { "" };
            q.push(("sort", format!("{prefix}{}", sort.column_id)));
        }
        if let Some(columns) = &self.columns {
            q.push(("columns", columns.join(",")));
        }
        q
    }
}

#[derive(Debug, Serialize)]
struct SearchAttrs<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    filter: Option<&'a FilterGroup>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ids: Option<&'a [String]>,
}

/// The body of a row search.
pub(crate) fn search_body(request: &SearchRequest) -> impl Serialize + '_ {
    Doc {
        data: NewResource::new(
            "RowSearch",
            SearchAttrs {
                filter: request.filter.as_ref(),
                ids: request.ids.as_deref(),
            },
        ),
    }
}
