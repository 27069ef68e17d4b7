//! `AudienceScanExec`: the DataFusion plan node that reads an audience through row search.
//!
//! A scan runs one or more *passes* (searches whose union is what SQL needs; see
//! `filter`), each page by page: the first page tells the total, the remaining pages are
//! fetched with bounded concurrency and spread over the node's partitions, and each page is
//! decoded into a `RecordBatch` and handed on, so memory holds a few pages at most whatever
//! the audience's size. Special shapes:
//!
//! * `count(*)` (no column needed): one request per pass with `page[size]=1`, and the total
//!   comes from `meta.total`;
//! * a pushed `LIMIT`: pages of at most the limit, in one partition, stopping once it is met;
//! * a pushed sort (`ORDER BY col [DESC] LIMIT n`): `sort=` on the server, one partition;
//! * a dynamic filter from a hash join's build side (`col IN (…)` with the build side's keys):
//!   turned into batched multi-value searches when the scan starts, instead of a full scan.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::common::config::ConfigOptions;
use datafusion::common::stats::Precision;
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::common::{DataFusionError, Result, ScalarValue, Statistics};
use datafusion::execution::{SendableRecordBatchStream, TaskContext};
use datafusion::physical_expr::expressions::{
    CaseExpr, Column as PhysicalColumn, DynamicFilterPhysicalExpr, InListExpr, Literal,
};
use datafusion::physical_expr::{EquivalenceProperties, LexOrdering, PhysicalSortExpr};
use datafusion::physical_plan::execution_plan::{Boundedness, EmissionType};
use datafusion::physical_plan::filter_pushdown::{
    ChildPushdownResult, FilterPushdownPhase, FilterPushdownPropagation, PushedDown,
};
use datafusion::physical_plan::metrics::{
    Count, ExecutionPlanMetricsSet, MetricBuilder, MetricsSet,
};
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use datafusion::physical_plan::{
    ChildrenPropertiesMode, DisplayAs, DisplayFormatType, ExecutionPlan, Partitioning,
    PhysicalExpr, PlanProperties, ReplaceChildrenOptions, SortOrderPushdownResult, StatisticsArgs,
};
use futures::{StreamExt, TryStreamExt, stream};
use tokio::sync::OnceCell;

use super::filter::Pass;
use super::page::{DecodedPage, page_to_batch};
use super::schema::ValueKind;
use super::table::TableState;
use crate::client::{
    Filter, FilterGroup, FilterOperator, FilterValue, GroupOperator, SearchRequest, SortKey,
};
use crate::jobs::{Jobs, Progress};

/// How much more a remote byte weighs than a local one in the scan's size estimate.
const REMOTE_COST_FACTOR: usize = 16;

/// How a scan talks to the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanOptions {
    /// Rows per page (1..=500).
    pub page_size: u32,
    /// Requests in flight per partition.
    pub concurrency: usize,
    /// Output partitions of a full scan.
    pub partitions: usize,
    /// Whether hash-join build-side keys may narrow the scan.
    pub join_pushdown: bool,
    /// Whether a sort may be pushed to the server.
    pub sort_pushdown: bool,
}

/// A pushed sort: layout column index (into `TableLayout::columns`) and direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PushedSort {
    /// Index into `TableLayout::columns`.
    pub column: usize,
    /// `sort=-column`.
    pub descending: bool,
}

/// Reads an audience through the search API.
#[derive(Debug, Clone)]
pub struct AudienceScanExec {
    table: Arc<TableState>,
    /// Indexes into the table's schema.
    projection: Vec<usize>,
    schema: SchemaRef,
    passes: Vec<Pass>,
    limit: Option<usize>,
    sort: Option<PushedSort>,
    dynamic: Vec<Arc<dyn PhysicalExpr>>,
    options: ScanOptions,
    properties: Arc<PlanProperties>,
    metrics: ExecutionPlanMetricsSet,
    /// A single-pass scan's first page, fetched once for all partitions (it tells the total).
    /// A plan is executed once; every derived plan gets a fresh cell.
    first_page: Arc<OnceCell<Arc<DecodedPage>>>,
    /// Where progress goes (rows read so far, of how many), shared by the partitions.
    progress: Option<Arc<ScanProgress>>,
}

/// Progress of one execution of a scan, reported to the session's observer.
#[derive(Debug)]
struct ScanProgress {
    jobs: Jobs,
    rows: AtomicU64,
    total: AtomicU64,
}

impl AudienceScanExec {
    /// A scan of `table`'s `projection` (schema indexes) over `passes`.
    pub fn new(
        table: Arc<TableState>,
        projection: Vec<usize>,
        passes: Vec<Pass>,
        limit: Option<usize>,
        options: ScanOptions,
    ) -> Result<Self> {
        let schema = Arc::new(table.layout.schema.project(&projection)?);
        let mut exec = Self {
            table,
            projection,
            schema,
            passes,
            limit,
            sort: None,
            dynamic: Vec::new(),
            options,
            properties: Arc::new(placeholder_properties()),
            metrics: ExecutionPlanMetricsSet::new(),
            first_page: Arc::default(),
            progress: None,
        };
        exec.properties = Arc::new(exec.compute_properties());
        Ok(exec)
    }

    /// Reports the rows read to `jobs`' observer ([`Progress::Scan`]).
    pub fn with_progress(mut self, jobs: Jobs) -> Self {
        self.progress = Some(Arc::new(ScanProgress {
            jobs,
            rows: AtomicU64::new(0),
            total: AtomicU64::new(0),
        }));
        self
    }

    /// The passes (for tests and EXPLAIN).
    pub fn passes(&self) -> &[Pass] {
        &self.passes
    }

    fn partitions(&self) -> usize {
        if self.limit.is_some() || self.sort.is_some() || self.projection.is_empty() {
            1
        } else {
            self.options.partitions.max(1)
        }
    }

    fn compute_properties(&self) -> PlanProperties {
        let mut eq = EquivalenceProperties::new(Arc::clone(&self.schema));
        if let Some(sort) = self.sort
            && let Some(pos) = self.projection.iter().position(|&i| i == sort.column + 1)
        {
            let field = self.schema.field(pos);
            let expr = PhysicalSortExpr::new(
                Arc::new(PhysicalColumn::new(field.name(), pos)),
                datafusion::arrow::compute::SortOptions {
                    descending: sort.descending,
                    nulls_first: sort.descending,
                },
            );
            if let Some(ordering) = LexOrdering::new(vec![expr]) {
                eq.add_orderings(vec![ordering]);
            }
        }
        PlanProperties::new(
            eq,
            Partitioning::UnknownPartitioning(self.partitions()),
            EmissionType::Incremental,
            Boundedness::Bounded,
        )
    }

    fn rebuilt(mut self) -> Self {
        self.properties = Arc::new(self.compute_properties());
        self.first_page = Arc::default();
        if let Some(p) = &self.progress {
            self.progress = Some(Arc::new(ScanProgress {
                jobs: p.jobs.clone(),
                rows: AtomicU64::new(0),
                total: AtomicU64::new(0),
            }));
        }
        self
    }

    fn column_name(&self, column_id: &str) -> String {
        self.table
            .layout
            .columns
            .iter()
            .find(|c| c.column.id == column_id)
            .map_or_else(|| column_id.to_owned(), |c| c.name.clone())
    }

    fn describe_filter(&self, f: &Filter) -> String {
        let values: Vec<String> = f
            .values
            .iter()
            .map(|v| match v {
                FilterValue::Text(s) => format!("'{s}'"),
                FilterValue::Number(n) => format!("{n}"),
            })
            .collect();
        let shown = if values.len() > 5 {
            format!("{}, … {} values", values[..3].join(", "), values.len())
        } else {
            values.join(", ")
        };
        if values.is_empty() {
            format!("{} {}", self.column_name(&f.column_id), f.operator.as_str())
        } else {
            format!(
                "{} {} ({shown})",
                self.column_name(&f.column_id),
                f.operator.as_str()
            )
        }
    }

    fn describe_pass(&self, pass: &Pass) -> String {
        let mut parts = Vec::new();
        if let Some(g) = &pass.group {
            let op = match g.operator {
                GroupOperator::Or => " OR ",
                GroupOperator::And => " AND ",
            };
            let fs: Vec<String> = g.filters.iter().map(|f| self.describe_filter(f)).collect();
            parts.push(format!("[{}]", fs.join(op)));
        }
        if let Some(ids) = &pass.ids {
            parts.push(format!("ids={}", ids.len()));
        }
        if parts.is_empty() {
            "all".to_owned()
        } else {
            parts.join(" ")
        }
    }
}

fn placeholder_properties() -> PlanProperties {
    PlanProperties::new(
        EquivalenceProperties::new(Arc::new(datafusion::arrow::datatypes::Schema::empty())),
        Partitioning::UnknownPartitioning(1),
        EmissionType::Incremental,
        Boundedness::Bounded,
    )
}

impl DisplayAs for AudienceScanExec {
    fn fmt_as(&self, _t: DisplayFormatType, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let columns: Vec<&str> = self
            .schema
            .fields()
            .iter()
            .map(|f| f.name().as_str())
            .collect();
        write!(
            f,
            "AudienceScanExec: audience={}, columns=[{}]",
            self.table.display_name,
            columns.join(", ")
        )?;
        match self.passes.as_slice() {
            [] => write!(f, ", filter=none")?,
            [one] => write!(f, ", filter={}", self.describe_pass(one))?,
            many => {
                let shown: Vec<String> =
                    many.iter().take(3).map(|p| self.describe_pass(p)).collect();
                let more = if many.len() > 3 { ", …" } else { "" };
                write!(f, ", passes={} {{{}{more}}}", many.len(), shown.join("; "))?;
            }
        }
        if let Some(s) = self.sort {
            let name = &self.table.layout.columns[s.column].name;
            write!(
                f,
                ", sort={name} {}",
                if s.descending { "DESC" } else { "ASC" }
            )?;
        }
        if let Some(l) = self.limit {
            write!(f, ", limit={l}")?;
        }
        if !self.dynamic.is_empty() {
            write!(f, ", dynamic_filters={}", self.dynamic.len())?;
        }
        if self.projection.is_empty() {
            write!(f, ", count_only")?;
        }
        Ok(())
    }
}

impl ExecutionPlan for AudienceScanExec {
    fn name(&self) -> &str {
        "AudienceScanExec"
    }

    fn properties(&self) -> &Arc<PlanProperties> {
        &self.properties
    }

    fn children(&self) -> Vec<&Arc<dyn ExecutionPlan>> {
        Vec::new()
    }

    fn apply_expressions(
        &self,
        f: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> Result<TreeNodeRecursion>,
    ) -> Result<TreeNodeRecursion> {
        // Visiting the dynamic filters tells their producer (a hash join) that someone uses
        // them, so that it fills them in.
        for e in &self.dynamic {
            if f(e)? == TreeNodeRecursion::Stop {
                return Ok(TreeNodeRecursion::Stop);
            }
        }
        Ok(TreeNodeRecursion::Continue)
    }

    fn replace_children(
        self: Arc<Self>,
        _children: Vec<Arc<dyn ExecutionPlan>>,
        _options: ReplaceChildrenOptions,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        Ok(self)
    }

    fn with_new_children(
        self: Arc<Self>,
        children: Vec<Arc<dyn ExecutionPlan>>,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        self.replace_children(
            children,
            ReplaceChildrenOptions::new(ChildrenPropertiesMode::Recompute),
        )
    }

    fn supports_limit_pushdown(&self) -> bool {
        true
    }

    fn with_fetch(&self, limit: Option<usize>) -> Option<Arc<dyn ExecutionPlan>> {
        let mut exec = self.clone();
        exec.limit = match (self.limit, limit) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Some(Arc::new(exec.rebuilt()))
    }

    fn fetch(&self) -> Option<usize> {
        self.limit
    }

    fn statistics_from_inputs(
        &self,
        _input_stats: &[Arc<Statistics>],
        _args: &StatisticsArgs,
    ) -> Result<Arc<Statistics>> {
        let mut stats = Statistics::new_unknown(&self.schema);
        let unfiltered = self
            .passes
            .iter()
            .all(|p| p.group.is_none() && p.ids.is_none());
        // The count is a snapshot from the catalog, so never Exact (count(*) still asks); a
        // filtered scan is guessed at a tenth. Byte sizes matter: hash joins put the smaller
        // side first (as the build side), and a local file's size is known in bytes.
        let all = usize::try_from(self.table.rows()).unwrap_or(usize::MAX);
        let n = if unfiltered { all } else { all / 10 };
        let n = self.limit.map_or(n, |l| l.min(n));
        let width: usize = 16
            + self
                .schema
                .fields()
                .iter()
                .map(|f| match f.data_type() {
                    datafusion::arrow::datatypes::DataType::List(_) => 48,
                    datafusion::arrow::datatypes::DataType::Utf8View => 32,
                    _ => 8,
                })
                .sum::<usize>();
        stats.num_rows = Precision::Inexact(n);
        // Rows fetched over the API cost far more than local bytes: weigh them so that a join
        // with a local file keeps the file as its (collected) build side and the audience as
        // the probe side that receives the join keys.
        stats.total_byte_size =
            Precision::Inexact(n.saturating_mul(width).saturating_mul(REMOTE_COST_FACTOR));
        Ok(Arc::new(stats))
    }

    fn handle_child_pushdown_result(
        &self,
        phase: FilterPushdownPhase,
        child_pushdown_result: ChildPushdownResult,
        _config: &ConfigOptions,
    ) -> Result<FilterPushdownPropagation<Arc<dyn ExecutionPlan>>> {
        let filters: Vec<Arc<dyn PhysicalExpr>> = child_pushdown_result
            .parent_filters
            .into_iter()
            .map(|f| f.filter)
            .collect();
        let verdicts = vec![PushedDown::No; filters.len()];
        let useful: Vec<Arc<dyn PhysicalExpr>> = filters
            .into_iter()
            .filter(|f| f.downcast_ref::<DynamicFilterPhysicalExpr>().is_some())
            .collect();
        if phase != FilterPushdownPhase::Post || useful.is_empty() || !self.options.join_pushdown {
            return Ok(FilterPushdownPropagation {
                filters: verdicts,
                updated_node: None,
            });
        }
        // Keep the dynamic filters; DataFusion keeps enforcing them (we answer `No`).
        let mut exec = self.clone();
        exec.dynamic.extend(useful);
        Ok(FilterPushdownPropagation {
            filters: verdicts,
            updated_node: Some(Arc::new(exec.rebuilt())),
        })
    }

    fn try_pushdown_sort(
        &self,
        order: &[PhysicalSortExpr],
    ) -> Result<SortOrderPushdownResult<Arc<dyn ExecutionPlan>>> {
        let [key] = order else {
            return Ok(SortOrderPushdownResult::Unsupported);
        };
        let Some(col) = key.expr.downcast_ref::<PhysicalColumn>() else {
            return Ok(SortOrderPushdownResult::Unsupported);
        };
        let Some(&schema_index) = self.projection.get(col.index()) else {
            return Ok(SortOrderPushdownResult::Unsupported);
        };
        let Some(column) = self.table.layout.column_at(schema_index) else {
            return Ok(SortOrderPushdownResult::Unsupported);
        };
        // The server sorts blanks as greater than every value (ascending: last), and
        // compares text ignoring case; only numbers, dates and booleans sort as SQL does.
        let exact_kind = matches!(
            column.kind,
            ValueKind::Integer | ValueKind::Float | ValueKind::Date | ValueKind::Boolean
        );
        let nulls_match = key.options.nulls_first == key.options.descending;
        if !self.options.sort_pushdown
            || !exact_kind
            || !nulls_match
            || !column.column.is_sortable
            || self.passes.len() > 1
        {
            return Ok(SortOrderPushdownResult::Unsupported);
        }
        let mut exec = self.clone();
        exec.sort = Some(PushedSort {
            column: schema_index - 1,
            descending: key.options.descending,
        });
        Ok(SortOrderPushdownResult::Exact {
            inner: Arc::new(exec.rebuilt()),
        })
    }

    fn metrics(&self) -> Option<MetricsSet> {
        Some(self.metrics.clone_inner())
    }

    fn execute(
        &self,
        partition: usize,
        context: Arc<TaskContext>,
    ) -> Result<SendableRecordBatchStream> {
        let _ = context;
        let run = Arc::new(Run {
            exec: self.clone(),
            partition,
            partitions: self.partitions(),
            requests: MetricBuilder::new(&self.metrics).counter("requests", partition),
            rows: MetricBuilder::new(&self.metrics).output_rows(partition),
        });
        let schema = Arc::clone(&self.schema);
        let stream = stream::once(async move { run.stream().await })
            .try_flatten()
            .boxed();
        Ok(Box::pin(RecordBatchStreamAdapter::new(schema, stream)))
    }
}

type BatchStream = stream::BoxStream<'static, Result<RecordBatch>>;

/// One partition's execution.
struct Run {
    exec: AudienceScanExec,
    partition: usize,
    partitions: usize,
    requests: Count,
    rows: Count,
}

impl Run {
    fn client_error(&self, e: crate::client::Error) -> DataFusionError {
        crate::error::Error::remote(format!("searching {}", self.exec.table.display_name), e).into()
    }

    fn request(&self, pass: &Pass, page: u32, page_size: u32) -> SearchRequest {
        let layout = &self.exec.table.layout;
        let mut columns: Vec<String> = self
            .exec
            .projection
            .iter()
            .filter_map(|&i| layout.column_at(i).map(|c| c.column.id.clone()))
            .collect();
        if columns.is_empty()
            && let Some(first) = layout.columns.first()
        {
            // Only _row_id (or nothing) is needed: ask for the smallest response.
            columns.push(first.column.id.clone());
        }
        SearchRequest {
            filter: pass.group.clone(),
            ids: pass.ids.clone(),
            sort: self.exec.sort.map(|s| SortKey {
                column_id: layout.columns[s.column].column.id.clone(),
                descending: s.descending,
            }),
            columns: Some(columns),
            page,
            page_size,
        }
    }

    async fn fetch(
        self: &Arc<Self>,
        pass: &Pass,
        page: u32,
        page_size: u32,
    ) -> Result<DecodedPage> {
        if matches!(&pass.ids, Some(ids) if ids.is_empty()) {
            return Ok(DecodedPage {
                batch: RecordBatch::new_empty(Arc::clone(&self.exec.schema)),
                rows: 0,
                total: 0,
                page,
            });
        }
        let request = self.request(pass, page, page_size);
        self.requests.add(1);
        // The body is decoded straight into Arrow (see `page`), not into `Row`s first.
        let body = self
            .exec
            .table
            .client
            .search_rows_raw(&self.exec.table.audience_id, &request)
            .await
            .map_err(|e| self.client_error(e))?;
        let mut found = page_to_batch(
            &self.exec.table.layout,
            &self.exec.projection,
            &self.exec.schema,
            &body,
            page_size as usize,
            &self.exec.table.display_name,
        )?;
        found.page = page;
        if found.rows > page_size as usize {
            // Pages are addressed by number and size: a bigger page than asked means the
            // next pages would repeat or skip rows.
            return Err(DataFusionError::Execution(format!(
                "searching {}: the server sent {} rows for page {page} of {page_size}; stopping rather than returning rows twice or missing some",
                self.exec.table.display_name, found.rows
            )));
        }
        if request.filter.is_none() && request.ids.is_none() {
            // An unfiltered search counts the whole audience: keep the statistics current.
            self.exec.table.set_rows(found.total);
        }
        Ok(found)
    }

    /// A later page of a scan must count the rows the first one counted: otherwise rows were
    /// added or removed during the scan, and the pages shifted under it.
    fn check_total(&self, first: u64, page: &DecodedPage) -> Result<()> {
        if page.total == first {
            return Ok(());
        }
        Err(DataFusionError::Execution(format!(
            "searching {}: the rows changed during the scan (page 1 counted {first} rows, page {} counts {}), so pages may repeat or skip rows; run the statement again",
            self.exec.table.display_name, page.page, page.total
        )))
    }

    fn decode(&self, page: &DecodedPage) -> Result<RecordBatch> {
        let batch = page.batch.clone();
        self.rows.add(batch.num_rows());
        if let Some(progress) = &self.exec.progress {
            let rows = progress
                .rows
                .fetch_add(batch.num_rows() as u64, Ordering::Relaxed)
                + batch.num_rows() as u64;
            let total = progress
                .total
                .fetch_max(page.total, Ordering::Relaxed)
                .max(page.total);
            let total = match self.exec.limit {
                Some(limit) => total.min(limit as u64),
                None => total,
            };
            progress.jobs.report(&Progress::Scan {
                audience: self.exec.table.display_name.clone(),
                rows,
                total,
            });
        }
        Ok(batch)
    }

    /// The passes to run, after resolving dynamic join filters.
    fn passes(&self) -> Vec<Pass> {
        let base = self.exec.passes.clone();
        let base = if base.is_empty() {
            vec![Pass::default()]
        } else {
            base
        };
        match join_key_filter(&self.exec) {
            Some(extra) => {
                let estimated_pages = (self.exec.table.rows()
                    / u64::from(self.exec.options.page_size.max(1)))
                    as usize
                    + 1;
                if extra.len() > estimated_pages.max(1) * base.len() {
                    // More searches than a full scan would take: scan instead.
                    return base;
                }
                let mut out = Vec::with_capacity(base.len() * extra.len());
                for pass in &base {
                    match &pass.group {
                        Some(g) if g.operator == GroupOperator::Or => return base,
                        _ => {}
                    }
                    for f in &extra {
                        let mut filters = pass
                            .group
                            .as_ref()
                            .map(|g| g.filters.clone())
                            .unwrap_or_default();
                        filters.push(f.clone());
                        out.push(Pass {
                            group: Some(FilterGroup {
                                operator: GroupOperator::And,
                                filters,
                            }),
                            ids: pass.ids.clone(),
                        });
                    }
                }
                out
            }
            None => base,
        }
    }

    async fn stream(self: Arc<Self>) -> Result<BatchStream> {
        let passes = self.passes();
        let page_size = self.exec.options.page_size.clamp(1, 500);
        // count(*): totals only (passes are disjoint, so totals add up).
        if self.exec.projection.is_empty() && self.exec.limit.is_none() {
            let mut total = 0u64;
            for pass in &passes {
                total += self.fetch(pass, 1, 1).await?.total;
            }
            let batch = RecordBatch::try_new_with_options(
                Arc::clone(&self.exec.schema),
                vec![],
                &datafusion::arrow::record_batch::RecordBatchOptions::new()
                    .with_row_count(Some(usize::try_from(total).unwrap_or(usize::MAX))),
            )?;
            self.rows.add(batch.num_rows());
            return Ok(stream::iter([Ok(batch)]).boxed());
        }
        if let Some(limit) = self.exec.limit {
            return Ok(self.limited(passes, limit, page_size));
        }
        if passes.len() == 1 {
            let pass = passes.into_iter().next().unwrap_or_default();
            return self.paged(pass, page_size).await;
        }
        // Several passes: this partition runs every n-th one, each in full.
        let mine: Vec<Pass> = passes
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % self.partitions == self.partition)
            .map(|(_, p)| p)
            .collect();
        let run = Arc::clone(&self);
        let concurrency = self.exec.options.concurrency.max(1);
        Ok(stream::iter(mine)
            .map(move |pass| {
                let run = Arc::clone(&run);
                async move { run.whole_pass(pass, page_size).await }
            })
            .buffered(concurrency)
            .try_flatten()
            .boxed())
    }

    /// One pass, its pages spread over the partitions: page 1 is fetched once, by whichever
    /// partition asks first, and tells the total; partition k then reads pages k+1, k+1+n,
    /// k+1+2n, … (partition 0 also emits page 1). So a scan costs exactly ⌈total / size⌉
    /// requests however many partitions it has.
    async fn paged(self: Arc<Self>, pass: Pass, page_size: u32) -> Result<BatchStream> {
        let first = Arc::clone(
            self.exec
                .first_page
                .get_or_try_init(|| async { self.fetch(&pass, 1, page_size).await.map(Arc::new) })
                .await?,
        );
        let last_page =
            u32::try_from(first.total.div_ceil(u64::from(page_size))).unwrap_or(u32::MAX);
        let step = u32::try_from(self.partitions).unwrap_or(1).max(1);
        let start = u32::try_from(self.partition + 1).unwrap_or(u32::MAX);
        let rest: Vec<u32> = if first.rows < page_size as usize {
            Vec::new()
        } else {
            (start..=last_page)
                .step_by(step as usize)
                .filter(|&p| p != 1)
                .collect()
        };
        let head = if self.partition == 0 {
            vec![self.decode(&first)]
        } else {
            Vec::new()
        };
        let first_total = first.total;
        let run = Arc::clone(&self);
        let concurrency = self.exec.options.concurrency.max(1);
        let tail = stream::iter(rest)
            .map(move |page| {
                let run = Arc::clone(&run);
                let pass = pass.clone();
                async move {
                    let p = run.fetch(&pass, page, page_size).await?;
                    run.check_total(first_total, &p)?;
                    run.decode(&p)
                }
            })
            .buffered(concurrency);
        Ok(stream::iter(head).chain(tail).boxed())
    }

    /// A whole pass in this partition.
    async fn whole_pass(self: Arc<Self>, pass: Pass, page_size: u32) -> Result<BatchStream> {
        let first = self.fetch(&pass, 1, page_size).await?;
        let last_page =
            u32::try_from(first.total.div_ceil(u64::from(page_size))).unwrap_or(u32::MAX);
        let rest: Vec<u32> = if first.rows < page_size as usize {
            Vec::new()
        } else {
            (2..=last_page).collect()
        };
        let first_batch = self.decode(&first);
        let first_total = first.total;
        let run = Arc::clone(&self);
        let tail = stream::iter(rest)
            .map(move |page| {
                let run = Arc::clone(&run);
                let pass = pass.clone();
                async move {
                    let p = run.fetch(&pass, page, page_size).await?;
                    run.check_total(first_total, &p)?;
                    run.decode(&p)
                }
            })
            .buffered(self.exec.options.concurrency.max(1));
        Ok(stream::iter([first_batch]).chain(tail).boxed())
    }

    /// Passes in order, page by page, until `limit` rows. Within a pass the page size stays
    /// the same (page numbers depend on it): the limit left when the pass starts, capped.
    fn limited(self: Arc<Self>, passes: Vec<Pass>, limit: usize, page_size: u32) -> BatchStream {
        let first_size = u32::try_from(limit).unwrap_or(u32::MAX).clamp(1, page_size);
        let state = (self, passes, 0usize, 1u32, first_size, limit);
        stream::try_unfold(
            state,
            move |(run, passes, mut pass_index, mut page, mut size, remaining)| async move {
                loop {
                    if remaining == 0 || pass_index >= passes.len() {
                        return Ok(None);
                    }
                    let got = run.fetch(&passes[pass_index], page, size).await?;
                    let n = got.rows;
                    let mut batch = run.decode(&got)?;
                    if n > remaining {
                        batch = batch.slice(0, remaining);
                    }
                    let left = remaining.saturating_sub(n);
                    if n < size as usize || u64::from(page) * u64::from(size) >= got.total {
                        pass_index += 1;
                        page = 1;
                        size = u32::try_from(left).unwrap_or(u32::MAX).clamp(1, page_size);
                    } else {
                        page += 1;
                    }
                    if batch.num_rows() == 0 {
                        continue;
                    }
                    return Ok(Some((batch, (run, passes, pass_index, page, size, left))));
                }
            },
        )
        .boxed()
    }
}

/// The build-side keys of a hash join, as EQUALS filters on the join column (chunked to the
/// column's value limit, case-variants of a text value kept in one chunk so that the chunks'
/// results never overlap). `None` when there is no usable dynamic filter.
fn join_key_filter(exec: &AudienceScanExec) -> Option<Vec<Filter>> {
    for expr in &exec.dynamic {
        let Some(dynamic) = expr.downcast_ref::<DynamicFilterPhysicalExpr>() else {
            continue;
        };
        let Ok(current) = dynamic.current() else {
            continue;
        };
        let mut lists: Vec<(String, Vec<ScalarValue>)> = Vec::new();
        if !collect_in_lists(&current, &mut lists) || lists.is_empty() {
            continue;
        }
        // All lists must be on one column.
        let column = lists[0].0.clone();
        if lists.iter().any(|(c, _)| *c != column) {
            continue;
        }
        let Some(target) = exec.table.layout.columns.iter().find(|c| c.name == column) else {
            continue;
        };
        let op = match target.kind {
            ValueKind::Text | ValueKind::Integer | ValueKind::Float => FilterOperator::Equals,
            ValueKind::Date => FilterOperator::IsExactDate,
            _ => continue,
        };
        let Some(meta) = target.filters.as_ref() else {
            continue;
        };
        let Some(config) = meta.operators.iter().find(|o| o.operator == op) else {
            continue;
        };
        let per_filter = if config.multiple {
            config.value_count_limit.map_or(500, |n| n as usize).max(1)
        } else {
            1
        };
        let mut values: Vec<FilterValue> = Vec::new();
        for (_, list) in &lists {
            for v in list {
                if v.is_null() {
                    continue;
                }
                match super::filter::operand(target.kind, v) {
                    Some(fv) => values.push(fv),
                    None => return None,
                }
            }
        }
        if let Some(min) = config.min_char_limit
            && values
                .iter()
                .any(|v| matches!(v, FilterValue::Text(s) if s.chars().count() < min as usize))
        {
            continue;
        }
        let Some(chunks) = super::filter::disjoint_chunks(values, per_filter) else {
            // A case-variant group bigger than the limit: chunks could not stay disjoint.
            continue;
        };
        if chunks.is_empty() {
            continue;
        }
        return Some(
            chunks
                .into_iter()
                .map(|values| Filter {
                    column_id: target.column.id.clone(),
                    operator: op.clone(),
                    values,
                })
                .collect(),
        );
    }
    None
}

/// Collects `col IN (literals)` lists from a dynamic filter's expression (including each
/// branch of a partitioned join's CASE). Returns `false` when some branch has no list (for
/// example a hash-table lookup), in which case the keys cannot be used.
fn collect_in_lists(
    expr: &Arc<dyn PhysicalExpr>,
    out: &mut Vec<(String, Vec<ScalarValue>)>,
) -> bool {
    if let Some(list) = expr.downcast_ref::<InListExpr>() {
        if list.negated() {
            return false;
        }
        let Some(col) = list.expr().downcast_ref::<PhysicalColumn>() else {
            return false;
        };
        let mut values = Vec::with_capacity(list.len());
        for item in list.list() {
            let Some(lit) = item.downcast_ref::<Literal>() else {
                return false;
            };
            values.push(lit.value().clone());
        }
        out.push((col.name().to_owned(), values));
        return true;
    }
    if let Some(case) = expr.downcast_ref::<CaseExpr>() {
        let mut any = false;
        for (_, then) in case.when_then_expr() {
            if is_false(then) {
                continue;
            }
            if !collect_in_lists(then, out) {
                return false;
            }
            any = true;
        }
        if let Some(other) = case.else_expr()
            && !is_false(other)
        {
            if !collect_in_lists(other, out) {
                return false;
            }
            any = true;
        }
        return any;
    }
    if let Some(binary) = expr.downcast_ref::<datafusion::physical_expr::expressions::BinaryExpr>()
    {
        if *binary.op() == datafusion::logical_expr::Operator::And {
            // Bounds AND membership: the membership lists are what we want.
            let mut found = Vec::new();
            let left = collect_in_lists(binary.left(), &mut found);
            let right = collect_in_lists(binary.right(), &mut found);
            if (left || right) && !found.is_empty() {
                out.extend(found);
                return true;
            }
        }
        return false;
    }
    false
}

fn is_false(expr: &Arc<dyn PhysicalExpr>) -> bool {
    expr.downcast_ref::<Literal>()
        .is_some_and(|l| l.value() == &ScalarValue::Boolean(Some(false)))
}
