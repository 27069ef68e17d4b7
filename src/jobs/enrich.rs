//! Enrichment (`CALL enrich`): choosing the rows and columns to enrich, starting the jobs,
//! waiting for them, and counting the enriched cells by state afterwards.
//!
//! [`enrich`] is usable from Rust without SQL:
//!
//! ```no_run
//! # async fn demo(session: &gtmsql::GtmSession) -> gtmsql::Result<()> {
//! use datafusion::common::TableReference;
//! use gtmsql::jobs::enrich::{EnrichOptions, RowSelection, enrich};
//!
//! let table = session
//!     .catalog()
//!     .resolve_audience(&TableReference::parse_str("events.booth_scans"))
//!     .await?;
//! let options = EnrichOptions {
//!     rows: RowSelection::Retryable,
//!     ..EnrichOptions::default()
//! };
//! let outcome = enrich(table.state(), session.jobs(), &options).await?;
//! println!("{} rows: {:?}", outcome.rows, outcome.cells);
//! # Ok(())
//! # }
//! ```
//!
//! Which rows: `All` asks the server for scope `AUDIENCE`; `Blank`, `Errors` and `Retryable`
//! read the audience (page by page, only the enriched columns) and send scope `ROW` with the
//! ids of the rows having at least one such cell in those columns. The row search could
//! narrow that read with `EMPTY` filters, but the contract does not say whether `EMPTY`
//! matches ERROR or NO_RESULT cells (whose value is also null), so the states are checked
//! here, never guessed from a filter.

use std::fmt;
use std::str::FromStr;
use std::time::{Duration, Instant};

use crate::client::{
    CellState, ColumnType, EnrichRequest, EnrichScope, PollConfig, Row, RunStatus, SearchRequest,
};
use crate::error::{Error, Result};
use crate::jobs::{DEFAULT_POLL, JobKind, Jobs};
use crate::provider::filter::IDS_PER_PASS;
use crate::provider::schema::TableColumn;
use crate::provider::table::TableState;

/// Row ids per enrichment request. The contract sets no limit; this keeps each request body
/// well under common request-size limits (about 400 KB). More rows start several jobs.
pub const MAX_ROWS_PER_REQUEST: usize = 10_000;

/// Which rows to enrich.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RowSelection {
    /// Every row (scope `AUDIENCE`).
    #[default]
    All,
    /// Rows with a BLANK cell in an enriched column (never enriched, e.g. just added).
    Blank,
    /// Rows with an ERROR cell in an enriched column.
    Errors,
    /// Rows with an ERROR cell marked `retryable` in an enriched column.
    Retryable,
}

impl RowSelection {
    /// Every selection.
    pub const VALUES: [Self; 4] = [Self::All, Self::Blank, Self::Errors, Self::Retryable];

    /// `all`, `blank`, `errors` or `retryable`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::All => "all",
            Self::Blank => "blank",
            Self::Errors => "errors",
            Self::Retryable => "retryable",
        }
    }

    /// Whether a cell of an enriched column puts its row in the selection.
    fn wants(self, state: &CellState, retryable: bool) -> bool {
        match self {
            Self::All => true,
            Self::Blank => *state == CellState::Blank,
            Self::Errors => *state == CellState::Error,
            Self::Retryable => *state == CellState::Error && retryable,
        }
    }
}

impl fmt::Display for RowSelection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RowSelection {
    type Err = Error;

    /// Parses a name, ignoring case.
    fn from_str(s: &str) -> Result<Self> {
        let lower = s.trim().to_ascii_lowercase();
        Self::VALUES
            .into_iter()
            .find(|r| r.as_str() == lower)
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "rows must be one of 'all', 'blank', 'errors' or 'retryable', not '{s}'"
                ))
            })
    }
}

/// How to enrich.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrichOptions {
    /// The columns to enrich, by SQL name; each must be a ZOOMINFO_MATCH, AI or FORMULA
    /// column. Default `None`: all of them (the request then names no columns, which the
    /// API reads as all enrichable columns).
    pub columns: Option<Vec<String>>,
    /// Which rows. Default [`RowSelection::All`].
    pub rows: RowSelection,
    /// Wait for the jobs to end (reporting progress to the session's observer) and count
    /// the cells afterwards. Default true.
    pub wait: bool,
    /// How to poll. Default [`DEFAULT_POLL`].
    pub poll: PollConfig,
    /// Rows per page when reading the audience, 1..=500. Default 500.
    pub page_size: u32,
}

impl Default for EnrichOptions {
    fn default() -> Self {
        Self {
            columns: None,
            rows: RowSelection::All,
            wait: true,
            poll: DEFAULT_POLL,
            page_size: 500,
        }
    }
}

/// Cells by state, in the enriched columns of the enriched rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CellCounts {
    /// RESULT cells.
    pub result: u64,
    /// NO_RESULT cells (enrichment found nothing; retrying will not change that).
    pub no_result: u64,
    /// ERROR cells.
    pub error: u64,
    /// The ERROR cells marked retryable (counted in `error` too).
    pub retryable: u64,
    /// BLANK cells.
    pub blank: u64,
    /// LOADING cells (still being enriched).
    pub loading: u64,
}

impl CellCounts {
    fn add(&mut self, state: &CellState, retryable: bool) {
        match state {
            CellState::Result => self.result += 1,
            CellState::NoResult => self.no_result += 1,
            CellState::Error => {
                self.error += 1;
                if retryable {
                    self.retryable += 1;
                }
            }
            CellState::Blank => self.blank += 1,
            CellState::Loading => self.loading += 1,
            // A state this client does not know is counted nowhere rather than misfiled.
            CellState::Unknown(_) => {}
        }
    }
}

/// What an enrichment did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrichOutcome {
    /// The jobs started, in order (empty when there was nothing to do; several only when
    /// more than [`MAX_ROWS_PER_REQUEST`] rows were selected).
    pub job_ids: Vec<String>,
    /// The jobs' combined final status (without `wait`: SCHEDULED, as accepted); `None`
    /// when nothing was started.
    pub status: Option<RunStatus>,
    /// The lowest progress the jobs reported, when they reported one.
    pub percent: Option<u8>,
    /// From the first enrichment request to the end of waiting.
    pub elapsed: Duration,
    /// The rows enriched: those named in the requests, or the audience's rows for `All`.
    pub rows: u64,
    /// The enriched cells by state after the jobs ended; `None` without `wait` or when
    /// nothing was started.
    pub cells: Option<CellCounts>,
}

/// Enriches an audience's rows as `options` say: selects the rows, starts the enrichment
/// (one job per [`MAX_ROWS_PER_REQUEST`] rows), records the jobs in `jobs`, and unless
/// `options.wait` is false waits for them and counts the enriched cells by state.
///
/// # Errors
/// [`Error::Invalid`] for a column that is unknown or not enrichable, or an audience with
/// nothing to enrich; [`Error::Remote`] for failed requests.
pub async fn enrich(
    table: &TableState,
    jobs: &Jobs,
    options: &EnrichOptions,
) -> Result<EnrichOutcome> {
    let targets = target_columns(table, options.columns.as_deref())?;
    let target_ids: Vec<String> = targets.iter().map(|c| c.column.id.clone()).collect();
    let page_size = options.page_size.clamp(1, 500);
    let scope = match options.rows {
        RowSelection::All => EnrichScope::Audience,
        selection => {
            EnrichScope::Rows(select_rows(table, &target_ids, selection, page_size).await?)
        }
    };
    // Without `columns` the request names none: the API enriches every enrichable column.
    let columns = options.columns.as_ref().map(|_| target_ids.clone());
    let requests: Vec<EnrichRequest> = match &scope {
        EnrichScope::Audience => vec![EnrichRequest {
            scope: EnrichScope::Audience,
            columns,
        }],
        EnrichScope::Rows(ids) => ids
            .chunks(MAX_ROWS_PER_REQUEST)
            .map(|chunk| EnrichRequest {
                scope: EnrichScope::Rows(chunk.to_vec()),
                columns: columns.clone(),
            })
            .collect(),
    };
    let started = Instant::now();
    let mut job_ids = Vec::new();
    for request in &requests {
        let job = table
            .client
            .enrich(&table.audience_id, request)
            .await
            .map_err(|e| Error::remote(format!("enriching {}", table.display_name), e))?;
        if let Some(job) = job {
            jobs.started(
                &job,
                JobKind::Enrich,
                &table.display_name,
                &table.audience_id,
            );
            job_ids.push(job);
        }
    }
    if job_ids.is_empty() {
        return Ok(EnrichOutcome {
            job_ids,
            status: None,
            percent: None,
            elapsed: started.elapsed(),
            rows: 0,
            cells: None,
        });
    }
    let mut status: Option<RunStatus> = None;
    let mut percent: Option<u8> = None;
    if options.wait {
        for job in &job_ids {
            let record = (
                job.as_str(),
                JobKind::Enrich,
                table.display_name.as_str(),
                table.audience_id.as_str(),
            );
            let (seen, _) = jobs.wait(&table.client, record, &options.poll).await?;
            status = Some(match status {
                None => seen.status,
                Some(before) => combine(&before, &seen.status),
            });
            percent = match (percent, seen.percent) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
    } else {
        // Accepted and not polled: what the session's job list says too.
        status = Some(RunStatus::Scheduled);
    }
    let elapsed = started.elapsed();
    let (rows, cells) = match (&scope, options.wait) {
        (_, true) => {
            let (rows, counts) = count_cells(table, &target_ids, &scope, page_size).await?;
            (rows, Some(counts))
        }
        (EnrichScope::Rows(ids), false) => (ids.len() as u64, None),
        (EnrichScope::Audience, false) => (audience_rows(table).await?, None),
    };
    Ok(EnrichOutcome {
        job_ids,
        status,
        percent,
        elapsed,
        rows,
        cells,
    })
}

/// Whether enrichment computes a column's values (ZOOMINFO_MATCH, AI and FORMULA columns).
pub fn is_enrichable(column_type: &ColumnType) -> bool {
    matches!(
        column_type,
        ColumnType::ZoominfoMatch | ColumnType::Ai | ColumnType::Formula
    )
}

/// The columns to enrich: those named (SQL names, any case), or every enrichable column.
fn target_columns<'a>(
    table: &'a TableState,
    names: Option<&[String]>,
) -> Result<Vec<&'a TableColumn>> {
    let columns = &table.layout.columns;
    let enrichable: Vec<&TableColumn> = columns
        .iter()
        .filter(|c| is_enrichable(&c.column.column_type))
        .collect();
    let listing = || {
        if enrichable.is_empty() {
            "it has no ZOOMINFO_MATCH, AI or FORMULA column".to_owned()
        } else {
            let names: Vec<&str> = enrichable.iter().map(|c| c.name.as_str()).collect();
            format!("its enrichable columns are {}", names.join(", "))
        }
    };
    let Some(names) = names else {
        if enrichable.is_empty() {
            return Err(Error::Invalid(format!(
                "{} has no ZOOMINFO_MATCH, AI or FORMULA column to enrich; add one with CALL add_match_column, add_ai_column or add_formula_column",
                table.display_name
            )));
        }
        return Ok(enrichable);
    };
    if names.is_empty() {
        return Err(Error::Invalid(format!(
            "columns => [] names no column of {} to enrich; {}",
            table.display_name,
            listing()
        )));
    }
    let mut out: Vec<&TableColumn> = Vec::with_capacity(names.len());
    for name in names {
        let wanted = name.trim().to_lowercase();
        let Some(column) = columns.iter().find(|c| c.name == wanted) else {
            return Err(Error::Invalid(format!(
                "{} has no column '{name}'; {}",
                table.display_name,
                listing()
            )));
        };
        if !is_enrichable(&column.column.column_type) {
            return Err(Error::Invalid(format!(
                "column '{}' of {} is a {} column, which enrichment does not fill; {}",
                column.name,
                table.display_name,
                column.column.column_type,
                listing()
            )));
        }
        if !out.iter().any(|c| c.column.id == column.column.id) {
            out.push(column);
        }
    }
    Ok(out)
}

/// Reads the rows of the audience (only `columns`; only `ids` if given), calling `visit`
/// for each.
async fn for_each_row(
    table: &TableState,
    columns: &[String],
    ids: Option<Vec<String>>,
    page_size: u32,
    visit: &mut (dyn FnMut(&Row) + Send),
) -> Result<()> {
    let mut request = SearchRequest {
        ids,
        columns: Some(columns.to_vec()),
        page: 1,
        page_size,
        ..SearchRequest::default()
    };
    loop {
        let page = table
            .client
            .search_rows(&table.audience_id, &request)
            .await
            .map_err(|e| Error::remote(format!("searching {}", table.display_name), e))?;
        page.rows.iter().for_each(&mut *visit);
        // The server may cap the page size below what was asked.
        let size = u64::from(page.page_size.max(1));
        if page.rows.is_empty() || u64::from(request.page) * size >= page.total {
            return Ok(());
        }
        request.page += 1;
    }
}

/// The ids of the rows having a cell in `columns` that `selection` wants, in audience order.
async fn select_rows(
    table: &TableState,
    columns: &[String],
    selection: RowSelection,
    page_size: u32,
) -> Result<Vec<String>> {
    let mut ids = Vec::new();
    for_each_row(table, columns, None, page_size, &mut |row| {
        let wanted = row
            .cells
            .iter()
            .filter(|c| columns.contains(&c.column_id))
            .any(|c| selection.wants(&c.state, c.error.as_ref().is_some_and(|e| e.retryable)));
        if wanted {
            ids.push(row.id.clone());
        }
    })
    .await?;
    Ok(ids)
}

/// The rows in `scope` and their cells in `columns` by state.
async fn count_cells(
    table: &TableState,
    columns: &[String],
    scope: &EnrichScope,
    page_size: u32,
) -> Result<(u64, CellCounts)> {
    let mut counts = CellCounts::default();
    let mut rows = 0u64;
    let mut visit = |row: &Row| {
        rows += 1;
        for cell in row.cells.iter().filter(|c| columns.contains(&c.column_id)) {
            counts.add(
                &cell.state,
                cell.error.as_ref().is_some_and(|e| e.retryable),
            );
        }
    };
    match scope {
        EnrichScope::Audience => {
            for_each_row(table, columns, None, page_size, &mut visit).await?;
        }
        EnrichScope::Rows(ids) => {
            for chunk in ids.chunks(IDS_PER_PASS) {
                for_each_row(table, columns, Some(chunk.to_vec()), page_size, &mut visit).await?;
            }
        }
    }
    Ok((rows, counts))
}

/// The audience's row count (`meta.total` of a one-row search).
async fn audience_rows(table: &TableState) -> Result<u64> {
    let request = SearchRequest {
        columns: table
            .layout
            .columns
            .first()
            .map(|c| vec![c.column.id.clone()]),
        page_size: 1,
        ..SearchRequest::default()
    };
    let page = table
        .client
        .search_rows(&table.audience_id, &request)
        .await
        .map_err(|e| Error::remote(format!("counting the rows of {}", table.display_name), e))?;
    Ok(page.total)
}

/// Two jobs' statuses as one: the same status stays; a status still running wins (the whole
/// is not done); a success next to a failure is a partial success; otherwise the less
/// successful one.
fn combine(a: &RunStatus, b: &RunStatus) -> RunStatus {
    if a == b || !a.is_terminal() {
        return a.clone();
    }
    if !b.is_terminal() {
        return b.clone();
    }
    let succeeded_some =
        |s: &RunStatus| matches!(s, RunStatus::Succeeded | RunStatus::PartiallySucceeded);
    if succeeded_some(a) || succeeded_some(b) {
        return RunStatus::PartiallySucceeded;
    }
    let rank = |s: &RunStatus| match s {
        RunStatus::Failed => 0,
        _ => 1,
    };
    if rank(a) >= rank(b) {
        a.clone()
    } else {
        b.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_selections_parse_ignoring_case_and_name_the_valid_ones() {
        assert_eq!(
            "Retryable".parse::<RowSelection>().unwrap(),
            RowSelection::Retryable
        );
        assert_eq!(" all ".parse::<RowSelection>().unwrap(), RowSelection::All);
        let e = "some".parse::<RowSelection>().unwrap_err().to_string();
        assert_eq!(
            e,
            "rows must be one of 'all', 'blank', 'errors' or 'retryable', not 'some'"
        );
    }

    #[test]
    fn selections_pick_cells_by_state() {
        use CellState as S;
        assert!(RowSelection::Blank.wants(&S::Blank, false));
        assert!(!RowSelection::Blank.wants(&S::NoResult, false));
        assert!(RowSelection::Errors.wants(&S::Error, false));
        assert!(RowSelection::Errors.wants(&S::Error, true));
        assert!(!RowSelection::Retryable.wants(&S::Error, false));
        assert!(RowSelection::Retryable.wants(&S::Error, true));
        assert!(!RowSelection::Retryable.wants(&S::Loading, true));
    }

    #[test]
    fn statuses_combine_to_the_whole() {
        use RunStatus as R;
        assert_eq!(combine(&R::Succeeded, &R::Succeeded), R::Succeeded);
        assert_eq!(combine(&R::Succeeded, &R::Failed), R::PartiallySucceeded);
        assert_eq!(
            combine(&R::Failed, &R::PartiallySucceeded),
            R::PartiallySucceeded
        );
        assert_eq!(combine(&R::Failed, &R::Cancelled), R::Cancelled);
        assert_eq!(combine(&R::Cancelled, &R::Failed), R::Cancelled);
        assert_eq!(combine(&R::Succeeded, &R::Running), R::Running);
    }

    #[test]
    fn cell_counts_file_retryable_errors_under_errors_too() {
        let mut counts = CellCounts::default();
        counts.add(&CellState::Error, true);
        counts.add(&CellState::Error, false);
        counts.add(&CellState::Result, false);
        counts.add(&CellState::Unknown("NEW".to_owned()), false);
        assert_eq!(
            counts,
            CellCounts {
                result: 1,
                error: 2,
                retryable: 1,
                ..CellCounts::default()
            }
        );
    }
}
