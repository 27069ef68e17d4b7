//! Loading rows into an audience: convert everything first, then bulk-upsert in chunks.
//!
//! A [`Load`] reads its whole source and converts every value for its column before the
//! first request, so one bad value fails the statement with the source row and column, and
//! nothing is written. Then, with a key (`ON CONFLICT (key)`), it looks the keys up with
//! batched multi-value searches and turns rows whose key exists into updates of those rows.
//! Creates and updates go out in chunks of at most [`MAX_UPSERT_ROWS`], a few at a time.
//!
//! The API has no idempotency key, so a create whose answer was lost (the connection dropped
//! after the request was sent) is never simply re-sent. A keyed load looks the chunk's keys
//! up again and re-sends only the rows that did not arrive; an unkeyed load finishes the
//! other chunks and then fails, naming exactly the source rows whose fate is unknown.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::sync::Arc;

use datafusion::arrow::array::Array;
use datafusion::execution::SendableRecordBatchStream;
use futures::stream::{self, StreamExt, TryStreamExt};
use serde_json::Value;

use super::convert::TargetColumn;
use crate::client::{
    self, AudienceClient, Filter, FilterGroup, FilterOperator, FilterValue, GroupOperator,
    MAX_UPSERT_ROWS, SearchRequest, UpsertOptions, UpsertRow,
};
use crate::error::{Error, Result};
use crate::jobs::{Jobs, Progress};
use crate::provider::table::TableState;

/// How often a keyed load re-checks and re-sends a chunk whose answer was lost.
const MAX_RESOLUTIONS: usize = 5;
/// Keys per lookup search when the filter metadata gives no limit.
const DEFAULT_KEYS_PER_SEARCH: usize = 100;
/// Rows per page of a lookup search.
const LOOKUP_PAGE_SIZE: u32 = 500;

/// Where a source column goes.
#[derive(Debug, Clone)]
pub enum Target {
    /// `_row_id`: the row to update (NULL creates a row).
    RowId,
    /// An audience column.
    Column(TargetColumn),
    /// A column that cannot be written: its values must be NULL.
    ReadOnly {
        /// The SQL name.
        name: String,
        /// Why it cannot be written.
        reason: String,
    },
}

impl Target {
    /// The SQL name of the target column.
    pub fn name(&self) -> &str {
        match self {
            Self::RowId => crate::provider::naming::ROW_ID,
            Self::Column(c) => &c.name,
            Self::ReadOnly { name, .. } => name,
        }
    }
}

/// What `ON CONFLICT (key)` does with a row whose key is already in the audience.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnConflict {
    /// Update the existing row(s) with these source columns (indexes into the targets).
    Update(Vec<usize>),
    /// Leave the existing row as it is.
    Nothing,
}

/// The user key of a keyed load.
#[derive(Debug, Clone)]
pub struct Key {
    /// The key's source column (an index into the targets; a [`Target::Column`]).
    pub index: usize,
    /// What to do on a match.
    pub on_conflict: OnConflict,
}

/// A load of rows into one audience.
#[derive(Debug)]
pub struct Load {
    table: Arc<TableState>,
    jobs: Jobs,
    targets: Vec<Target>,
    key: Option<Key>,
    concurrency: usize,
}

/// What a load did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadReport {
    /// Rows created.
    pub created: u64,
    /// Existing rows updated (by `_row_id` or by key).
    pub updated: u64,
    /// Source rows skipped (`ON CONFLICT … DO NOTHING` on an existing key).
    pub skipped: u64,
    /// Chunks whose answer was lost and that a key lookup resolved.
    pub resolved: u64,
}

impl LoadReport {
    /// Rows written (created + updated): the statement's count.
    pub fn written(&self) -> u64 {
        self.created + self.updated
    }
}

/// One source row, converted.
#[derive(Debug, Clone)]
struct Prepared {
    /// 1-based position in the source.
    source_row: u64,
    /// `_row_id`, if given.
    id: Option<String>,
    /// `(column id, value)` for every target column (NULLs included).
    values: Vec<(String, Value)>,
    /// The key's value as sent and as compared (text form), when keyed and not NULL.
    key: Option<(Value, String)>,
}

/// A new row: its source row, the row, and its key (sent form, compared form).
type NewRow = (u64, UpsertRow, Option<(Value, String)>);

/// One request's worth of rows.
#[derive(Debug)]
enum Chunk {
    /// New rows (not idempotent).
    Create(Vec<NewRow>),
    /// Existing rows (idempotent: re-sending sets the same values).
    Update(Vec<(u64, UpsertRow)>),
}

/// How a chunk ended.
#[derive(Debug, Default)]
struct ChunkOutcome {
    created: u64,
    updated: u64,
    resolved: u64,
    /// Source rows whose write may or may not have happened.
    in_doubt: Vec<u64>,
    /// Source rows not written, with the reason.
    failed: Option<(Vec<u64>, Error)>,
    /// The chunk's 1-based number, in the order the chunks were planned.
    batch: u64,
}

impl Load {
    /// A load into `table`: source column `i` goes to `targets[i]`.
    pub fn new(table: Arc<TableState>, jobs: Jobs, targets: Vec<Target>) -> Self {
        Self {
            table,
            jobs,
            targets,
            key: None,
            concurrency: 4,
        }
    }

    /// Upserts by a user key (see [`Key`]).
    ///
    /// # Errors
    /// When the key is `_row_id` or a column the server cannot search by equality.
    pub fn with_key(mut self, key: Key) -> Result<Self> {
        let Some(Target::Column(column)) = self.targets.get(key.index) else {
            return Err(Error::Invalid(
                "ON CONFLICT needs a column of the audience as its key (not _row_id)".to_owned(),
            ));
        };
        if self.keys_per_search(column).is_none() {
            return Err(Error::Invalid(format!(
                "ON CONFLICT ({}): {} cannot search this column by equality, so existing rows cannot be found by it",
                column.name, self.table.display_name
            )));
        }
        self.key = Some(key);
        Ok(self)
    }

    /// Requests in flight at once (at least 1).
    pub fn with_concurrency(mut self, concurrency: usize) -> Self {
        self.concurrency = concurrency.max(1);
        self
    }

    /// How many key values one EQUALS search takes on `column` (`None`: not searchable).
    fn keys_per_search(&self, column: &TargetColumn) -> Option<usize> {
        let layout = &self.table.layout;
        let meta = layout
            .columns
            .iter()
            .find(|c| c.column.id == column.column_id)?
            .filters
            .as_ref()?;
        let equals = meta
            .operators
            .iter()
            .find(|o| o.operator == FilterOperator::Equals)?;
        Some(if equals.multiple {
            equals
                .value_count_limit
                .map_or(DEFAULT_KEYS_PER_SEARCH, |n| n as usize)
                .max(1)
        } else {
            1
        })
    }

    /// Runs the load over `source`.
    ///
    /// # Errors
    /// A value that does not fit its column (nothing written); a source that fails; a
    /// remote failure, saying which source rows were and were not written.
    pub async fn run(&self, source: SendableRecordBatchStream) -> Result<LoadReport> {
        let rows = self.prepare(source).await?;
        let total = rows.len() as u64;
        let mut report = LoadReport::default();
        let chunks = self.plan(rows, &mut report).await?;
        let client = &self.table.client;
        let mut done = 0u64;
        let mut in_doubt: Vec<u64> = Vec::new();
        let mut failed: Option<(Vec<u64>, Error)> = None;
        let mut batches = Batches {
            total: chunks.len() as u64,
            ..Batches::default()
        };
        let mut outcomes = stream::iter(
            chunks
                .into_iter()
                .zip(1u64..)
                .map(|(chunk, batch)| self.send(client, batch, chunk)),
        )
        .buffer_unordered(self.concurrency);
        while let Some(outcome) = outcomes.next().await {
            report.created += outcome.created;
            report.updated += outcome.updated;
            report.resolved += outcome.resolved;
            done += outcome.created + outcome.updated;
            if !outcome.in_doubt.is_empty() {
                batches.in_doubt.push(outcome.batch);
            }
            in_doubt.extend(outcome.in_doubt);
            if outcome.failed.is_some() {
                batches.failed.push(outcome.batch);
            }
            if let Some((rows, error)) = outcome.failed {
                match &mut failed {
                    Some((all, _)) => all.extend(rows),
                    None => failed = Some((rows, error)),
                }
            }
            self.jobs.report(&Progress::Rows {
                action: "upsert",
                audience: self.table.display_name.clone(),
                done,
                total,
            });
        }
        drop(outcomes);
        self.table
            .add_rows(i64::try_from(report.created).unwrap_or(i64::MAX));
        if in_doubt.is_empty() && failed.is_none() {
            return Ok(report);
        }
        Err(self.partial_failure(&report, in_doubt, failed, batches))
    }

    /// Reads and converts the whole source.
    async fn prepare(&self, mut source: SendableRecordBatchStream) -> Result<Vec<Prepared>> {
        let mut rows = Vec::new();
        let mut source_row = 0u64;
        while let Some(batch) = source.try_next().await.map_err(|e| {
            // An error gtmsql already worded (e.g. a CSV value the reader could not parse,
            // with its row and column) goes out as it is.
            if let datafusion::error::DataFusionError::External(inner) = e.find_root()
                && let Some(ours) = inner.downcast_ref::<Error>()
            {
                return Error::Invalid(ours.user_message());
            }
            Error::Invalid(format!(
                "reading the source after {}: {}; nothing was written",
                row_label(source_row),
                crate::error::datafusion_message(&e)
            ))
        })? {
            if batch.num_columns() != self.targets.len() {
                return Err(Error::Invalid(format!(
                    "the source has {} columns for {} target columns",
                    batch.num_columns(),
                    self.targets.len()
                )));
            }
            for row in 0..batch.num_rows() {
                source_row += 1;
                let mut prepared = Prepared {
                    source_row,
                    id: None,
                    values: Vec::with_capacity(self.targets.len()),
                    key: None,
                };
                for (index, (target, array)) in self.targets.iter().zip(batch.columns()).enumerate()
                {
                    let id = prepared.id.as_deref().map(|id| format!(" (_row_id {id})"));
                    let bad = |reason: String| {
                        Error::Invalid(format!(
                            "{}{}, column {}: {reason}; nothing was written",
                            row_label(source_row),
                            id.unwrap_or_default(),
                            target.name()
                        ))
                    };
                    match target {
                        Target::RowId => {
                            let id = TargetColumn {
                                name: target.name().to_owned(),
                                column_id: String::new(),
                                data_type: None,
                            }
                            .convert(array, row)
                            .map_err(bad)?;
                            prepared.id = match id {
                                Value::String(s) if !s.is_empty() => Some(s),
                                _ => None,
                            };
                        }
                        Target::ReadOnly { reason, .. } => {
                            if array.is_valid(row) {
                                return Err(bad(reason.clone()));
                            }
                        }
                        Target::Column(column) => {
                            let value = column.convert(array, row).map_err(bad)?;
                            if self.key.as_ref().is_some_and(|k| k.index == index)
                                && !is_blank(&value)
                            {
                                prepared.key = Some((value.clone(), key_text(&value)));
                            }
                            prepared.values.push((column.column_id.clone(), value));
                        }
                    }
                }
                rows.push(prepared);
            }
        }
        Ok(rows)
    }

    /// Turns rows into chunks: updates for rows with an id or an existing key, creates for
    /// the others.
    async fn plan(&self, rows: Vec<Prepared>, report: &mut LoadReport) -> Result<Vec<Chunk>> {
        let existing = match &self.key {
            Some(key) => {
                check_unique_keys(&rows, &self.targets[key.index])?;
                let keys: Vec<&(Value, String)> = rows
                    .iter()
                    .filter(|r| r.id.is_none())
                    .filter_map(|r| r.key.as_ref())
                    .collect();
                self.lookup(&keys).await?
            }
            None => HashMap::new(),
        };
        let mut creates = Vec::new();
        let mut updates = Vec::new();
        for row in rows {
            if let Some(id) = row.id {
                updates.push((row.source_row, UpsertRow::update(id, row.values)));
                continue;
            }
            let matches = row
                .key
                .as_ref()
                .and_then(|(_, text)| existing.get(text))
                .filter(|ids| !ids.is_empty());
            match (matches, &self.key) {
                (Some(ids), Some(key)) => match &key.on_conflict {
                    OnConflict::Nothing => report.skipped += 1,
                    OnConflict::Update(columns) => {
                        let values = self.update_values(&row.values, columns);
                        for id in ids {
                            updates.push((row.source_row, UpsertRow::update(id, values.clone())));
                        }
                    }
                },
                _ => {
                    let values = row.values.into_iter().filter(|(_, v)| !is_blank(v));
                    creates.push((row.source_row, UpsertRow::create(values), row.key));
                }
            }
        }
        let mut chunks: Vec<Chunk> = Vec::new();
        let mut updates = updates.into_iter().peekable();
        while updates.peek().is_some() {
            chunks.push(Chunk::Update(
                updates.by_ref().take(MAX_UPSERT_ROWS).collect(),
            ));
        }
        let mut creates = creates.into_iter().peekable();
        while creates.peek().is_some() {
            chunks.push(Chunk::Create(
                creates.by_ref().take(MAX_UPSERT_ROWS).collect(),
            ));
        }
        Ok(chunks)
    }

    /// The values an `ON CONFLICT DO UPDATE` writes: the chosen columns.
    fn update_values(&self, values: &[(String, Value)], columns: &[usize]) -> Vec<(String, Value)> {
        let ids: HashSet<&str> = columns
            .iter()
            .filter_map(|&i| match self.targets.get(i) {
                Some(Target::Column(c)) => Some(c.column_id.as_str()),
                _ => None,
            })
            .collect();
        values
            .iter()
            .filter(|(id, _)| ids.contains(id.as_str()))
            .cloned()
            .collect()
    }

    /// The ids of the rows holding each key (by key text), found with batched EQUALS
    /// searches. The server compares text ignoring case; only exact matches count.
    async fn lookup(&self, keys: &[&(Value, String)]) -> Result<HashMap<String, Vec<String>>> {
        let mut found: HashMap<String, Vec<String>> = HashMap::new();
        let Some(key) = &self.key else {
            return Ok(found);
        };
        let Target::Column(column) = &self.targets[key.index] else {
            return Ok(found);
        };
        let per_search = self.keys_per_search(column).unwrap_or(1);
        let mut distinct: Vec<&(Value, String)> = Vec::with_capacity(keys.len());
        let mut seen = HashSet::new();
        for k in keys {
            if seen.insert(k.1.as_str()) {
                distinct.push(k);
            }
        }
        let searches: Vec<Vec<FilterValue>> = distinct
            .chunks(per_search)
            .map(|chunk| chunk.iter().map(|(v, _)| filter_value(v)).collect())
            .collect();
        let client = &self.table.client;
        let audience_id = &self.table.audience_id;
        let column_id = &column.column_id;
        let pages =
            stream::iter(searches.into_iter().map(|values| async move {
                search_all(client, audience_id, column_id, values).await
            }))
            .buffer_unordered(self.concurrency);
        let results: Vec<Vec<(String, String)>> = pages.try_collect().await.map_err(|e| {
            Error::remote(format!("looking up keys in {}", self.table.display_name), e)
        })?;
        let wanted: HashSet<&str> = distinct.iter().map(|k| k.1.as_str()).collect();
        for (id, text) in results.into_iter().flatten() {
            if wanted.contains(text.as_str()) {
                found.entry(text).or_default().push(id);
            }
        }
        Ok(found)
    }

    /// Sends one chunk, resolving a lost answer to a keyed create by looking up its keys.
    async fn send(&self, client: &AudienceClient, batch: u64, chunk: Chunk) -> ChunkOutcome {
        let audience_id = &self.table.audience_id;
        let mut outcome = ChunkOutcome {
            batch,
            ..ChunkOutcome::default()
        };
        match chunk {
            Chunk::Update(rows) => {
                let (sources, upserts): (Vec<u64>, Vec<UpsertRow>) = rows.into_iter().unzip();
                let options = UpsertOptions {
                    idempotent: true,
                    ..UpsertOptions::default()
                };
                match client
                    .upsert_rows_count(audience_id, &upserts, &options)
                    .await
                {
                    Ok(_) => outcome.updated = sources.len() as u64,
                    Err(e) => outcome.failed = Some((sources, self.remote("updating rows", e))),
                }
            }
            Chunk::Create(mut rows) => {
                let mut attempts = 0;
                loop {
                    let upserts: Vec<UpsertRow> = rows.iter().map(|(_, r, _)| r.clone()).collect();
                    let sources: Vec<u64> = rows.iter().map(|(s, _, _)| *s).collect();
                    let result = client
                        .upsert_rows_count(audience_id, &upserts, &UpsertOptions::default())
                        .await;
                    let Err(error) = result else {
                        outcome.created += rows.len() as u64;
                        return outcome;
                    };
                    if !maybe_committed(&error) {
                        outcome.failed = Some((sources, self.remote("creating rows", error)));
                        return outcome;
                    }
                    // The answer was lost: find out which rows arrived.
                    attempts += 1;
                    if self.key.is_none() || attempts > MAX_RESOLUTIONS {
                        outcome.in_doubt.extend(sources);
                        return outcome;
                    }
                    let (keyed, unkeyed): (Vec<_>, Vec<_>) =
                        rows.into_iter().partition(|(_, _, k)| k.is_some());
                    outcome.in_doubt.extend(unkeyed.iter().map(|(s, _, _)| *s));
                    let keys: Vec<&(Value, String)> =
                        keyed.iter().filter_map(|(_, _, k)| k.as_ref()).collect();
                    let found = match self.lookup(&keys).await {
                        Ok(found) => found,
                        Err(e) => {
                            outcome.in_doubt.extend(keyed.iter().map(|(s, _, _)| *s));
                            tracing::warn!("could not resolve a lost upsert: {e}");
                            return outcome;
                        }
                    };
                    outcome.resolved += 1;
                    let (arrived, missing): (Vec<_>, Vec<_>) =
                        keyed.into_iter().partition(|(_, _, k)| {
                            k.as_ref().is_some_and(|(_, text)| found.contains_key(text))
                        });
                    outcome.created += arrived.len() as u64;
                    if missing.is_empty() {
                        return outcome;
                    }
                    rows = missing;
                }
            }
        }
        outcome
    }

    fn remote(&self, what: &str, error: client::Error) -> Error {
        Error::remote(format!("{what} in {}", self.table.display_name), error)
    }

    /// The error of a load that wrote some rows and not others.
    fn partial_failure(
        &self,
        report: &LoadReport,
        mut in_doubt: Vec<u64>,
        failed: Option<(Vec<u64>, Error)>,
        mut batches: Batches,
    ) -> Error {
        batches.failed.sort_unstable();
        batches.in_doubt.sort_unstable();
        let mut message = format!(
            "the load into {} stopped part-way: {} rows were written",
            self.table.display_name,
            report.written()
        );
        if let Some((mut rows, error)) = failed {
            rows.sort_unstable();
            let _ = write!(
                message,
                "; source {} were not written ({}): {}",
                ranges(&rows),
                batches.describe(&batches.failed),
                error.user_message()
            );
        }
        if !in_doubt.is_empty() {
            in_doubt.sort_unstable();
            let _ = write!(
                message,
                "; source {} may or may not have been written ({}: their requests got no answer, or a 500/502/504 that can follow a commit, and the API has no idempotency key to re-send safely). Check them, or load with ON CONFLICT (key) DO UPDATE, which resolves this by looking the keys up",
                ranges(&in_doubt),
                batches.describe(&batches.in_doubt)
            );
        }
        Error::Invalid(message)
    }
}

/// The requests (batches of up to [`MAX_UPSERT_ROWS`] rows) of a load that did not succeed.
#[derive(Debug, Default)]
struct Batches {
    total: u64,
    failed: Vec<u64>,
    in_doubt: Vec<u64>,
}

impl Batches {
    /// `batches 3–5 and 9 of 80`.
    fn describe(&self, which: &[u64]) -> String {
        let numbers = ranges(which);
        let numbers = numbers
            .strip_prefix("rows ")
            .map(|r| format!("batches {r}"))
            .or_else(|| numbers.strip_prefix("row ").map(|r| format!("batch {r}")))
            .unwrap_or(numbers);
        format!("{numbers} of {}", self.total)
    }
}

/// Whether a failed create may have been applied (a lost answer, or a 500/502/504).
fn maybe_committed(error: &client::Error) -> bool {
    error.is_maybe_committed()
}

/// Every row of a key search as `(row id, key text)`.
async fn search_all(
    client: &AudienceClient,
    audience_id: &str,
    column_id: &str,
    values: Vec<FilterValue>,
) -> client::Result<Vec<(String, String)>> {
    let mut request = SearchRequest {
        filter: Some(FilterGroup {
            operator: GroupOperator::And,
            filters: vec![Filter::new(column_id, FilterOperator::Equals, values)],
        }),
        columns: Some(vec![column_id.to_owned()]),
        page: 1,
        page_size: LOOKUP_PAGE_SIZE,
        ..SearchRequest::default()
    };
    let mut out = Vec::new();
    loop {
        let page = client.search_rows(audience_id, &request).await?;
        let received = page.rows.len();
        for row in page.rows {
            if let Some(value) = row.value(column_id) {
                out.push((row.id.clone(), key_text(value)));
            }
        }
        let size = u64::from(page.page_size.max(1));
        if received == 0 || u64::from(request.page) * size >= page.total {
            return Ok(out);
        }
        request.page += 1;
    }
}

/// Two source rows with the same key cannot both be upserted by it.
fn check_unique_keys(rows: &[Prepared], key: &Target) -> Result<()> {
    let mut first: HashMap<&str, u64> = HashMap::new();
    for row in rows {
        if let Some((_, text)) = &row.key
            && let Some(earlier) = first.insert(text.as_str(), row.source_row)
        {
            return Err(Error::Invalid(format!(
                "{} and {} have the same {} '{text}'; ON CONFLICT can write a key once per statement; nothing was written",
                row_label(earlier),
                row_label(row.source_row).trim_start_matches("row "),
                key.name()
            )));
        }
    }
    Ok(())
}

/// Whether a cell value is blank (clears the cell; not sent for new rows).
fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// A key's text for comparison (numbers in their JSON form).
fn key_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n
            .as_f64()
            .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
            .map_or_else(|| n.to_string(), |f| format!("{f:.0}")),
        other => other.to_string(),
    }
}

fn filter_value(value: &Value) -> FilterValue {
    match value {
        Value::Number(n) => FilterValue::Number(n.as_f64().unwrap_or_default()),
        Value::String(s) => FilterValue::Text(s.clone()),
        other => FilterValue::Text(other.to_string()),
    }
}

/// `row 7,345`.
pub(crate) fn row_label(n: u64) -> String {
    format!("row {}", thousands(n))
}

/// `7,345`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Sorted row numbers as `rows 1–500, 1,001–1,500 and 2,000`.
fn ranges(rows: &[u64]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let start = rows[i];
        let mut end = start;
        while i + 1 < rows.len() && rows[i + 1] == end + 1 {
            end += 1;
            i += 1;
        }
        parts.push(if start == end {
            thousands(start)
        } else {
            format!("{}–{}", thousands(start), thousands(end))
        });
        i += 1;
    }
    let noun = if rows.len() == 1 { "row" } else { "rows" };
    match parts.len() {
        0 => format!("{noun} (none)"),
        1 => format!("{noun} {}", parts[0]),
        n if n <= 12 => {
            let last = parts.pop().unwrap_or_default();
            format!("{noun} {} and {last}", parts.join(", "))
        }
        n => format!(
            "{noun} {} and {} more ranges",
            parts[..10].join(", "),
            n - 10
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_numbers_read_like_a_person_wrote_them() {
        assert_eq!(row_label(7345), "row 7,345");
        assert_eq!(row_label(12), "row 12");
        assert_eq!(row_label(1_000_000), "row 1,000,000");
        assert_eq!(ranges(&[1, 2, 3, 7, 9, 10]), "rows 1–3, 7 and 9–10");
        assert_eq!(ranges(&[501]), "row 501");
        assert_eq!(
            ranges(&(1001..=1500).collect::<Vec<_>>()),
            "rows 1,001–1,500"
        );
    }

    #[test]
    fn batches_are_named_with_their_total() {
        let batches = Batches {
            total: 80,
            failed: vec![13, 14, 15, 20],
            in_doubt: vec![12],
        };
        assert_eq!(
            batches.describe(&batches.failed),
            "batches 13–15 and 20 of 80"
        );
        assert_eq!(batches.describe(&batches.in_doubt), "batch 12 of 80");
    }

    #[test]
    fn keys_compare_by_their_text() {
        assert_eq!(key_text(&serde_json::json!(42)), "42");
        assert_eq!(key_text(&serde_json::json!(42.0)), "42");
        assert_eq!(key_text(&serde_json::json!("Dana@x.io")), "Dana@x.io");
        assert!(is_blank(&serde_json::json!("")));
        assert!(!is_blank(&serde_json::json!(0)));
    }
}
