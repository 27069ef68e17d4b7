//! Row search in SQL: filter compilation, sort, pagination and cached counts.
//!
//! A `SearchSpec` compiles to one `WHERE` clause over the typed row table, so SQLite's planner
//! picks the indexes. Sorting treats blanks as greater than every value (ascending: blanks
//! last; descending: blanks first) with ties in insertion order; to keep index order usable
//! the page is assembled from two index-friendly queries, the non-blank part and the blank
//! part, using cached counts of each. Totals are cached per audience data version, and for
//! the default order the last row of each page served is remembered, so that a client
//! walking pages 1..N seeks past the previous page instead of re-skipping every earlier
//! row (a full scan stays linear, not quadratic, on a million rows).

use std::collections::HashMap;
use std::sync::Mutex;

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, params_from_iter};

use super::audiences::Audience;
use super::columns::Column;
use super::rows::{self, Row};
use crate::error::ApiResult;
use crate::filter::{Condition, SearchSpec};
use crate::model::FilterOperator as F;
use crate::value::{self, Storage};

/// Requested order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sort {
    /// Index into the audience's columns.
    pub(crate) column: usize,
    pub(crate) descending: bool,
}

/// One page of a search.
#[derive(Debug)]
pub(crate) struct Page {
    pub(crate) rows: Vec<Row>,
    pub(crate) total: u64,
}

/// A compiled `WHERE` clause.
#[derive(Debug, Clone, Default)]
pub(crate) struct Where {
    pub(crate) sql: String,
    pub(crate) params: Vec<SqlValue>,
}

impl Where {
    fn key(&self) -> String {
        format!("{}|{:?}", self.sql, self.params)
    }

    fn and(&self, extra: &str) -> Self {
        Self {
            sql: format!("({}) AND {extra}", self.sql),
            params: self.params.clone(),
        }
    }
}

/// Compiles the filter group (and id restriction) into SQL.
pub(crate) fn compile(audience: &Audience, spec: &SearchSpec) -> Where {
    let mut params = Vec::new();
    let mut parts = Vec::new();
    for cond in &spec.conditions {
        parts.push(condition(&audience.columns[cond.column], cond, &mut params));
    }
    let mut sql = if parts.is_empty() {
        "1=1".to_owned()
    } else if spec.any {
        format!("({})", parts.join(" OR "))
    } else {
        parts.join(" AND ")
    };
    if let Some(ids) = &spec.ids {
        if ids.is_empty() {
            sql = format!("{sql} AND 0=1");
        } else {
            let marks = ids
                .iter()
                .map(|id| {
                    params.push(SqlValue::Text(id.clone()));
                    format!("?{}", params.len())
                })
                .collect::<Vec<_>>()
                .join(",");
            sql = format!("{sql} AND id IN ({marks})");
        }
    }
    Where { sql, params }
}

fn condition(col: &Column, cond: &Condition, params: &mut Vec<SqlValue>) -> String {
    let c = col.value_col();
    let mut bind = |v: &SqlValue| {
        params.push(v.clone());
        format!("?{}", params.len())
    };
    let ops = &cond.operands;
    let list = |bind: &mut dyn FnMut(&SqlValue) -> String| {
        ops.iter().map(&mut *bind).collect::<Vec<_>>().join(", ")
    };
    let like_any = |bind: &mut dyn FnMut(&SqlValue) -> String, prefix_only: bool| {
        ops.iter()
            .map(|v| {
                let text = match v {
                    SqlValue::Text(t) => t.clone(),
                    other => format!("{other:?}"),
                };
                let escaped = text
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_");
                let pattern = if prefix_only {
                    format!("{escaped}%")
                } else {
                    format!("%{escaped}%")
                };
                format!("{c} LIKE {} ESCAPE '\\'", bind(&SqlValue::Text(pattern)))
            })
            .collect::<Vec<_>>()
            .join(" OR ")
    };
    let words_any = |bind: &mut dyn FnMut(&SqlValue) -> String| {
        ops.iter()
            .map(|v| format!("contains_word({c}, {})", bind(v)))
            .collect::<Vec<_>>()
            .join(" OR ")
    };
    let storage = value::storage(col.value_type());
    let is_list = matches!(storage, Storage::TextList | Storage::NumberList);
    let element = |bind: &mut dyn FnMut(&SqlValue) -> String, v: &SqlValue| {
        if storage == Storage::TextList {
            format!(
                "EXISTS (SELECT 1 FROM json_each({c}) WHERE value = {} COLLATE NOCASE)",
                bind(v)
            )
        } else {
            format!(
                "EXISTS (SELECT 1 FROM json_each({c}) WHERE value = {})",
                bind(v)
            )
        }
    };
    match cond.operator {
        F::Empty => format!("{c} IS NULL"),
        F::NotEmpty => format!("{c} IS NOT NULL"),
        F::IsTrue => format!("{c} = 1"),
        F::IsFalse => format!("{c} = 0"),
        F::Equals | F::IsExactDate => format!("{c} IN ({})", list(&mut bind)),
        F::NotEquals => format!("({c} IS NULL OR {c} NOT IN ({}))", list(&mut bind)),
        F::Contains => format!("({})", like_any(&mut bind, false)),
        F::DoesNotContains => format!("({c} IS NULL OR NOT ({}))", like_any(&mut bind, false)),
        F::StartsWith => format!("({})", like_any(&mut bind, true)),
        F::DoesNotStartWith => format!("({c} IS NULL OR NOT ({}))", like_any(&mut bind, true)),
        F::ContainsWord => format!("({})", words_any(&mut bind)),
        F::DoesNotContainWord => format!("({c} IS NULL OR NOT ({}))", words_any(&mut bind)),
        F::GreaterThan | F::After => format!("{c} > {}", bind(&ops[0])),
        F::LessThan | F::Before => format!("{c} < {}", bind(&ops[0])),
        F::GreaterThanOrEqual => format!("{c} >= {}", bind(&ops[0])),
        F::LessThanOrEqual => format!("{c} <= {}", bind(&ops[0])),
        F::InRange | F::Within | F::RollingRange => {
            format!("{c} BETWEEN {} AND {}", bind(&ops[0]), bind(&ops[1]))
        }
        F::HasOneOf if is_list => {
            let any: Vec<String> = ops.iter().map(|v| element(&mut bind, v)).collect();
            format!("({})", any.join(" OR "))
        }
        F::HasAllOf if is_list => {
            let all: Vec<String> = ops.iter().map(|v| element(&mut bind, v)).collect();
            format!("({c} IS NOT NULL AND {})", all.join(" AND "))
        }
        F::HasNoneOf if is_list => {
            let any: Vec<String> = ops.iter().map(|v| element(&mut bind, v)).collect();
            format!("({c} IS NULL OR NOT ({}))", any.join(" OR "))
        }
        // Validation only admits operators from the column's metadata; anything else would be
        // a bug, and matching nothing is the safe answer.
        _ => "0=1".to_owned(),
    }
}

/// Cached counts and page boundaries, keyed by audience data version.
#[derive(Debug, Default)]
pub(crate) struct CountCache {
    counts: Mutex<HashMap<String, u64>>,
    /// (query key, page size, page number) → internal number of that page's last row.
    boundaries: Mutex<HashMap<(String, u32, u32), i64>>,
}

const CACHE_LIMIT: usize = 50_000;

impl CountCache {
    fn count(&self, key: &str) -> Option<u64> {
        lock(&self.counts).get(key).copied()
    }

    fn put_count(&self, key: String, n: u64) {
        let mut counts = lock(&self.counts);
        if counts.len() >= CACHE_LIMIT {
            counts.clear();
        }
        counts.insert(key, n);
    }

    fn boundary_before(&self, key: &str, size: u32, page: u32) -> Option<(u32, i64)> {
        let map = lock(&self.boundaries);
        (page.saturating_sub(64).max(1)..page)
            .rev()
            .find_map(|p| map.get(&(key.to_owned(), size, p)).map(|seq| (p, *seq)))
    }

    fn put_boundary(&self, key: String, size: u32, page: u32, seq: i64) {
        let mut map = lock(&self.boundaries);
        if map.len() >= CACHE_LIMIT {
            map.clear();
        }
        map.insert((key, size, page), seq);
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Counts the rows matching `w`, through the cache.
pub(crate) fn count(
    conn: &Connection,
    cache: &CountCache,
    audience: &Audience,
    w: &Where,
) -> ApiResult<u64> {
    let key = format!("{}|{}|{}", audience.seq, audience.data_version, w.key());
    if let Some(n) = cache.count(&key) {
        return Ok(n);
    }
    let sql = format!(
        "SELECT COUNT(*) FROM {} WHERE {}",
        rows::table(audience.seq),
        w.sql
    );
    let n: i64 = conn
        .prepare_cached(&sql)?
        .query_row(params_from_iter(w.params.iter()), |r| r.get(0))?;
    let n = n.unsigned_abs();
    cache.put_count(key, n);
    Ok(n)
}

/// Runs a search and returns one page (1-based) of `size` rows.
#[allow(clippy::too_many_arguments)]
pub(crate) fn page(
    conn: &Connection,
    cache: &CountCache,
    audience: &Audience,
    columns: &[&Column],
    w: &Where,
    sort: Option<Sort>,
    number: u32,
    size: u32,
) -> ApiResult<Page> {
    let total = count(conn, cache, audience, w)?;
    let offset = u64::from(number - 1) * u64::from(size);
    if offset >= total {
        return Ok(Page {
            rows: Vec::new(),
            total,
        });
    }
    let rows = match sort {
        None => default_order(conn, cache, audience, columns, w, number, size)?,
        Some(sort) => {
            let col = &audience.columns[sort.column];
            let c = col.value_col();
            let present = w.and(&format!("{c} IS NOT NULL"));
            let blank = w.and(&format!("{c} IS NULL"));
            let n_present = count(conn, cache, audience, &present)?;
            let n_blank = total - n_present;
            let dir = if sort.descending { "DESC" } else { "ASC" };
            let present_order = format!("{c} {dir}, seq ASC");
            // (query, its order, its length), in the order they are concatenated.
            let parts = if sort.descending {
                [
                    (&blank, "seq ASC".to_owned(), n_blank),
                    (&present, present_order, n_present),
                ]
            } else {
                [
                    (&present, present_order, n_present),
                    (&blank, "seq ASC".to_owned(), n_blank),
                ]
            };
            let mut out = Vec::with_capacity(size as usize);
            let mut skip = offset;
            for (part, order, len) in parts {
                if out.len() >= size as usize {
                    break;
                }
                if skip >= len {
                    skip -= len;
                    continue;
                }
                let want = size as usize - out.len();
                out.extend(select(conn, audience, columns, part, &order, want, skip)?);
                skip = 0;
            }
            out
        }
    };
    Ok(Page { rows, total })
}

fn default_order(
    conn: &Connection,
    cache: &CountCache,
    audience: &Audience,
    columns: &[&Column],
    w: &Where,
    number: u32,
    size: u32,
) -> ApiResult<Vec<Row>> {
    let key = format!("{}|{}|{}", audience.seq, audience.data_version, w.key());
    let rows = match cache.boundary_before(&key, size, number) {
        Some((page, last_seq)) => {
            let mut after = w.and(&format!("seq > ?{}", w.params.len() + 1));
            after.params.push(SqlValue::Integer(last_seq));
            let skip = u64::from(number - 1 - page) * u64::from(size);
            select(
                conn,
                audience,
                columns,
                &after,
                "seq ASC",
                size as usize,
                skip,
            )?
        }
        None => {
            let skip = u64::from(number - 1) * u64::from(size);
            select(conn, audience, columns, w, "seq ASC", size as usize, skip)?
        }
    };
    if let Some(last) = rows.last()
        && rows.len() == size as usize
    {
        cache.put_boundary(key, size, number, last.seq);
    }
    Ok(rows)
}

fn select(
    conn: &Connection,
    audience: &Audience,
    columns: &[&Column],
    w: &Where,
    order: &str,
    limit: usize,
    offset: u64,
) -> ApiResult<Vec<Row>> {
    let n = w.params.len();
    let sql = format!(
        "SELECT {} FROM {} WHERE {} ORDER BY {order} LIMIT ?{} OFFSET ?{}",
        rows::select_list(columns),
        rows::table(audience.seq),
        w.sql,
        n + 1,
        n + 2
    );
    let mut params = w.params.clone();
    params.push(SqlValue::Integer(limit as i64));
    params.push(SqlValue::Integer(i64::try_from(offset).unwrap_or(i64::MAX)));
    let mut stmt = conn.prepare_cached(&sql)?;
    let out = stmt
        .query_map(params_from_iter(params.iter()), |r| {
            rows::decode(r, columns)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(out)
}

/// The internal numbers of every row matching `w`, in insertion order (for enrichment and
/// delete jobs that work on a snapshot of the rows).
pub(crate) fn matching_seqs(
    conn: &Connection,
    audience: &Audience,
    w: &Where,
) -> ApiResult<Vec<i64>> {
    let sql = format!(
        "SELECT seq FROM {} WHERE {} ORDER BY seq",
        rows::table(audience.seq),
        w.sql
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let out = stmt
        .query_map(params_from_iter(w.params.iter()), |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(out)
}
